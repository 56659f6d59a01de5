package io.dqlite4j.spring.boot.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.spring.boot.BootApps;
import io.dqlite4j.spring.boot.DqliteCommitInDoubtException;
import io.dqlite4j.spring.boot.DqliteHealthIndicator;
import io.dqlite4j.spring.boot.DqliteSqlExceptionTranslator;
import io.dqlite4j.testkit.LocalCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * kill -9 of the leader under a Boot workload (Hikari, {@code JdbcTransactionManager},
 * {@code TransactionTemplate} with JdbcTemplate, and jOOQ's {@code dsl.transaction} on Spring's
 * transaction provider): no acknowledged write is lost, and a commit whose outcome is unknown
 * reaches the application as {@link DqliteCommitInDoubtException}, never as a
 * {@code TransactionSystemException} from a rollback on the evicted connection.
 */
@Timeout(240)
class LeaderKillStarterIT {

    @SpringBootApplication
    static class App {
    }

    private static final int WORKERS = 4;

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

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> inDoubt = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<Throwable> masked = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> otherFailures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger afterKill = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            CountDownLatch warm = new CountDownLatch(WORKERS);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                Thread t = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String key = worker + "-" + i;
                        try {
                            if (worker % 2 == 0) {
                                tx.executeWithoutResult(s -> jdbc.update("INSERT INTO acked (k) VALUES (?)", key));
                            } else {
                                dsl.transaction(cfg -> DSL.using(cfg).execute("INSERT INTO acked (k) VALUES (?)", key));
                            }
                            acknowledged.add(key);
                            if (killed.get()) {
                                afterKill.incrementAndGet();
                            }
                        } catch (DqliteCommitInDoubtException e) {
                            inDoubt.add(key);
                        } catch (RuntimeException e) {
                            if (e instanceof TransactionSystemException || DqliteSqlExceptionTranslator.inDoubt(e) != null) {
                                masked.add(e);
                            } else {
                                otherFailures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                            sleepQuietly(50);
                        }
                        if (i == 20) {
                            warm.countDown();
                        }
                    }
                }, "boot-writer-" + w);
                t.start();
                workers.add(t);
            }
            assertThat(warm.await(60, TimeUnit.SECONDS)).as("workload warmed up").isTrue();
            cluster.leader().kill();
            killed.set(true);
            cluster.awaitLeader(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (afterKill.get() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            stop.set(true);
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(t.isAlive()).isFalse();
            }

            assertThat(afterKill.get()).as("writes acknowledged after the failover").isGreaterThanOrEqualTo(50);
            assertThat(masked).as("in-doubt commits masked or surfaced as another type").isEmpty();
            Set<String> stored = new HashSet<>();
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("boot_kill"));
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k FROM acked")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            assertThat(stored).as("every acknowledged write survives").containsAll(acknowledged);

            // The meters saw the failover and every in-doubt outcome; health reports the survivors.
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("dqlite.leader.changes").counter().count()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("dqlite.in.doubt").counter().count()).isGreaterThanOrEqualTo(inDoubt.size());
            Health health = app.getBean(DqliteHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("voters", 3).containsEntry("reachableVoters", 2);
            assertThat(health.getDetails().get("leader")).isEqualTo(cluster.leader().address());
            System.out.printf("acknowledged=%d (after kill %d), in doubt=%d (applied %d), other failures=%d %s%n",
                    acknowledged.size(), afterKill.get(), inDoubt.size(),
                    inDoubt.stream().filter(stored::contains).count(), otherFailures.size(),
                    otherFailures.stream().distinct().limit(5).toList());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
