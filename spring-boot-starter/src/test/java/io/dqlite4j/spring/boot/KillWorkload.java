package io.dqlite4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.testkit.LocalCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.function.Predicate;

/**
 * Writers inserting unique keys through an application's transactions while the leader is
 * killed with SIGKILL; then checks that every acknowledged key is stored and that no in-doubt
 * outcome was reported as anything but {@link DqliteInDoubtDataAccessException}.
 */
public final class KillWorkload {
    /** One write of one key, in the application's own transaction. */
    public interface Write {
        void insert(int worker, String key);
    }

    private static final int WORKERS = 4;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> inDoubt = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Throwable> masked = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> otherFailures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger afterKill = new AtomicInteger();

    private KillWorkload() {
    }

    /**
     * Runs the workload into table {@code acked (k TEXT PRIMARY KEY)} of {@code database}, kills
     * the leader once every writer is warm, and stops 50 acknowledged writes after the failover.
     *
     * @param isMasked whether a failure other than {@link DqliteInDoubtDataAccessException} hides an
     *        in-doubt outcome (or a failed rollback)
     */
    public static KillWorkload run(LocalCluster cluster, String database, Write write, Predicate<Throwable> isMasked)
            throws InterruptedException, SQLException {
        KillWorkload w = new KillWorkload();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch warm = new CountDownLatch(WORKERS);
        List<Thread> workers = new ArrayList<>();
        for (int n = 0; n < WORKERS; n++) {
            int worker = n;
            Thread t = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = worker + "-" + i;
                    try {
                        write.insert(worker, key);
                        w.acknowledged.add(key);
                        if (killed.get()) {
                            w.afterKill.incrementAndGet();
                        }
                    } catch (DqliteInDoubtDataAccessException e) {
                        w.inDoubt.add(key);
                    } catch (RuntimeException e) {
                        if (isMasked.test(e)) {
                            w.masked.add(e);
                        } else {
                            w.otherFailures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                        sleepQuietly(50);
                    }
                    if (i == 20) {
                        warm.countDown();
                    }
                }
            }, "kill-workload-" + n);
            t.start();
            workers.add(t);
        }
        assertThat(warm.await(60, TimeUnit.SECONDS)).as("workload warmed up").isTrue();
        cluster.leader().kill();
        killed.set(true);
        cluster.awaitLeader(Duration.ofSeconds(60));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (w.afterKill.get() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(t.isAlive()).as("writer stopped").isFalse();
        }

        assertThat(w.afterKill.get()).as("writes acknowledged after the failover").isGreaterThanOrEqualTo(50);
        assertThat(w.masked).as("in-doubt commits masked or surfaced as another type").isEmpty();
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(database));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k FROM acked")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertThat(stored).as("every acknowledged write survives").containsAll(w.acknowledged);
        System.out.printf("acknowledged=%d (after kill %d), in doubt=%d (applied %d), other failures=%d %s%n",
                w.acknowledged.size(), w.afterKill.get(), w.inDoubt.size(),
                w.inDoubt.stream().filter(stored::contains).count(), w.otherFailures.size(),
                w.otherFailures.stream().distinct().limit(5).toList());
        return w;
    }

    /** How many writes were reported in doubt. */
    public int inDoubt() {
        return inDoubt.size();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
