package io.dqlite4j.spring.boot.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.spring.boot.BootApps;
import io.dqlite4j.spring.boot.DqliteHealthIndicator;
import io.dqlite4j.spring.boot.DqliteSqlExceptionTranslator;
import io.dqlite4j.spring.boot.KillWorkload;
import io.dqlite4j.testkit.LocalCluster;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * kill -9 of the leader under a Boot workload (HikariCP, the starter's transaction manager,
 * {@code TransactionTemplate} with JdbcTemplate, and jOOQ's {@code dsl.transaction} on Spring's
 * transaction provider): no acknowledged write is lost, and a commit whose outcome is unknown
 * reaches the application as {@code DqliteInDoubtDataAccessException}, never as a
 * {@code TransactionSystemException} from a rollback on the connection the pool closed.
 */
@Timeout(240)
class LeaderKillStarterIT {

    @SpringBootApplication
    static class App {
    }

    @Test
    void aLeaderKillLosesNoAcknowledgedWriteAndReportsInDoubtCommitsAsTheDocumentedException() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3);
                ConfigurableApplicationContext app = BootApps.run(App.class,
                        BootApps.R2DBC + "," + BootApps.JPA + "," + BootApps.LIQUIBASE,
                        "spring.datasource.url=" + cluster.jdbcUrl("boot_kill"))) {
            TransactionTemplate tx = app.getBean(TransactionTemplate.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            DSLContext dsl = app.getBean(DSLContext.class);
            jdbc.execute("CREATE TABLE acked (k TEXT PRIMARY KEY)");

            KillWorkload result = KillWorkload.run(cluster, "boot_kill", (worker, key) -> {
                if (worker % 2 == 0) {
                    tx.executeWithoutResult(s -> jdbc.update("INSERT INTO acked (k) VALUES (?)", key));
                } else {
                    dsl.transaction(cfg -> DSL.using(cfg).execute("INSERT INTO acked (k) VALUES (?)", key));
                }
            }, e -> e instanceof TransactionSystemException || DqliteSqlExceptionTranslator.inDoubt(e) != null);

            // The meters saw the failover and every in-doubt outcome; health reports the survivors.
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("dqlite.leader.changes").counter().count()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("dqlite.in.doubt").counter().count()).isGreaterThanOrEqualTo(result.inDoubt());
            Health health = app.getBean(DqliteHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("voters", 3).containsEntry("reachableVoters", 2);
            assertThat(health.getDetails().get("leader")).isEqualTo(cluster.leader().address());
        }
    }
}
