package io.dqlite4j.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.jdbc.DqliteInDoubtSQLException;
import io.dqlite4j.testkit.LocalCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leader loss under load through JDBC; the test owns its cluster because it kills a node. */
@Timeout(300)
class JdbcFailoverIT {

    @Test
    void killTheLeaderDuringAutocommitInsertsFromFourThreads() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            String url = cluster.jdbcUrl("fail") + "?max_attempts=30";
            try (Connection c = DriverManager.getConnection(url)) {
                // No key: a row applied twice would show up as a duplicate.
                c.createStatement().execute("CREATE TABLE log (id INTEGER NOT NULL, writer INTEGER NOT NULL)");
            }
            Set<Long> succeeded = ConcurrentHashMap.newKeySet();
            Set<Long> ambiguous = ConcurrentHashMap.newKeySet();
            Set<Long> failedCleanly = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch warmedUp = new CountDownLatch(4);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    long next = writer * 1_000_000L;
                    try (Connection c = DriverManager.getConnection(url);
                         PreparedStatement p = c.prepareStatement("INSERT INTO log VALUES (?, ?)")) {
                        int done = 0;
                        while (!stop.get()) {
                            long id = next++;
                            p.setLong(1, id);
                            p.setInt(2, writer);
                            try {
                                p.executeUpdate();
                                succeeded.add(id);
                            } catch (DqliteInDoubtSQLException e) {
                                ambiguous.add(id);
                            } catch (SQLException e) {
                                failedCleanly.add(id);
                                Thread.sleep(50);
                            }
                            if (++done == 20) {
                                warmedUp.countDown();
                            }
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, "writer-" + w);
                t.start();
                writers.add(t);
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
            cluster.leader().kill();
            cluster.awaitLeader(Duration.ofSeconds(30));
            long before = succeeded.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (succeeded.size() < before + 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stop.set(true);
            for (Thread t : writers) {
                t.join(60_000);
            }
            assertThat(succeeded.size()).as("writes go on after the failover").isGreaterThanOrEqualTo((int) before + 200);

            Map<Long, Integer> present = new HashMap<>();
            try (Connection c = DriverManager.getConnection(url);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, count(*) FROM log GROUP BY id")) {
                while (rs.next()) {
                    present.put(rs.getLong(1), rs.getInt(2));
                }
            }
            assertThat(present.values()).as("no write was applied twice").allMatch(n -> n == 1);
            assertThat(present.keySet()).as("every write reported successful is there").containsAll(succeeded);
            assertThat(failedCleanly).as("a write reported as failed before execution was not applied")
                    .noneMatch(present::containsKey);
            System.out.printf("failover: %d writes succeeded, %d ambiguous, %d failed cleanly%n",
                    succeeded.size(), ambiguous.size(), failedCleanly.size());
            for (Long id : present.keySet()) {
                assertThat(succeeded.contains(id) || ambiguous.contains(id)).as("row %d was reported", id).isTrue();
            }
        }
    }
}
