package io.dqlite4j.spring.boot.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.spring.boot.BootApps;
import io.dqlite4j.spring.boot.DqliteR2dbcTransactionManager;
import io.dqlite4j.spring.boot.KillWorkload;
import io.dqlite4j.testkit.LocalCluster;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * kill -9 of the leader under a reactive Boot workload ({@code TransactionalOperator} over the
 * pooled dqlite R2DBC driver): no acknowledged write is lost, and an in-doubt commit is signalled
 * as {@code DqliteInDoubtDataAccessException}.
 */
@Timeout(240)
class R2dbcLeaderKillStarterIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @SpringBootApplication
    static class App {
    }

    @Test
    void aLeaderKillLosesNoAcknowledgedWriteAndReportsInDoubtCommitsAsTheDocumentedException() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3);
                ConfigurableApplicationContext app = BootApps.run(App.class,
                        BootApps.JDBC + "," + BootApps.JPA + "," + BootApps.LIQUIBASE + "," + BootApps.FLYWAY,
                        "spring.r2dbc.url=" + cluster.url("boot_r2dbc_kill").replace("dqlite://", "r2dbc:dqlite://"))) {
            assertThat(app.getBean(ReactiveTransactionManager.class)).isInstanceOf(DqliteR2dbcTransactionManager.class);
            DatabaseClient db = app.getBean(DatabaseClient.class);
            TransactionalOperator tx = app.getBean(TransactionalOperator.class);
            db.sql("CREATE TABLE acked (k TEXT PRIMARY KEY)").then().block(WAIT);

            KillWorkload.run(cluster, "boot_r2dbc_kill",
                    (worker, key) -> db.sql("INSERT INTO acked (k) VALUES (:k)").bind("k", key).then()
                            .as(tx::transactional).block(WAIT),
                    e -> inDoubtCause(e) || String.valueOf(e.getMessage()).contains("rollback"));
        }
    }

    private static boolean inDoubtCause(Throwable t) {
        for (int i = 0; t != null && i < 16; i++, t = t.getCause()) {
            if (t instanceof R2dbcException r && "08007".equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
