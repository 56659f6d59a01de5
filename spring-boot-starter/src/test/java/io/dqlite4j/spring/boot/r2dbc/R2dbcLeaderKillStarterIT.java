package io.dqlite4j.spring.boot.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.spring.boot.BootApps;
import io.dqlite4j.spring.boot.DqliteCommitInDoubtException;
import io.dqlite4j.spring.boot.DqliteR2dbcTransactionManager;
import io.dqlite4j.testkit.LocalCluster;
import io.r2dbc.spi.R2dbcException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * kill -9 of the leader under a reactive Boot workload ({@code TransactionalOperator} over the
 * pooled dqlite R2DBC driver): no acknowledged write is lost, and an in-doubt commit is
 * signalled as {@link DqliteCommitInDoubtException}.
 */
@Timeout(240)
class R2dbcLeaderKillStarterIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WORKERS = 4;

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

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> inDoubt = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<Throwable> masked = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> otherFailures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger afterKill = new AtomicInteger();
            CountDownLatch warm = new CountDownLatch(WORKERS);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                Thread t = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String key = worker + "-" + i;
                        try {
                            db.sql("INSERT INTO acked (k) VALUES (:k)").bind("k", key).then()
                                    .as(tx::transactional).block(WAIT);
                            acknowledged.add(key);
                            if (killed.get()) {
                                afterKill.incrementAndGet();
                            }
                        } catch (DqliteCommitInDoubtException e) {
                            inDoubt.add(key);
                        } catch (RuntimeException e) {
                            if (inDoubtCause(e) || String.valueOf(e.getMessage()).contains("rollback")) {
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
                }, "boot-r2dbc-writer-" + w);
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
                t.join(TimeUnit.SECONDS.toMillis(90));
                assertThat(t.isAlive()).isFalse();
            }
            assertThat(afterKill.get()).as("writes acknowledged after the failover").isGreaterThanOrEqualTo(50);
            assertThat(masked).as("in-doubt commits masked or surfaced as another type").isEmpty();
            Set<String> stored = new HashSet<>();
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("boot_r2dbc_kill"));
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k FROM acked")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            assertThat(stored).as("every acknowledged write survives").containsAll(acknowledged);
            System.out.printf("acknowledged=%d (after kill %d), in doubt=%d (applied %d), other failures=%d %s%n",
                    acknowledged.size(), afterKill.get(), inDoubt.size(),
                    inDoubt.stream().filter(stored::contains).count(), otherFailures.size(),
                    otherFailures.stream().distinct().limit(5).toList());
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

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
