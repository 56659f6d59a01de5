package io.dqlite4j.jooq.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.dqlite4j.jooq.DqliteInDoubtException;
import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.jooq.DqliteTransactions;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DqliteTransactions#retrying} across a leader kill (SIGKILL). The test owns its cluster
 * because it kills a node.
 */
@Timeout(300)
class JooqFailoverIT {
    private static final int CALLS = 300;
    private static final int KILL_AFTER = 60;

    @Test
    void retryingInsertsSurviveALeaderKillWithoutLossOrDuplicates() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            String url = cluster.jdbcUrl("failover") + "?max_attempts=30";
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                // No key: a transaction applied twice would show up as a duplicate row.
                s.execute("CREATE TABLE log (call INTEGER NOT NULL)");
            }
            Table<Record> log = table(name("log"));
            Field<Integer> call = field(name("call"), Integer.class);

            List<Integer> committed = new ArrayList<>();
            List<Integer> ambiguous = new ArrayList<>();
            Map<Integer, RuntimeException> failed = new HashMap<>();
            AtomicInteger done = new AtomicInteger();
            CountDownLatch killNow = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            AtomicReference<LocalNode> victim = new AtomicReference<>();
            AtomicReference<Throwable> killerFailure = new AtomicReference<>();

            // Kills the leader while the loop below is running, not between two test phases.
            Thread killer = new Thread(() -> {
                try {
                    if (killNow.await(120, TimeUnit.SECONDS)) {
                        LocalNode leader = cluster.leader();
                        victim.set(leader);
                        leader.kill();
                        killed.countDown();
                    }
                } catch (Throwable t) {
                    killerFailure.set(t);
                }
            }, "leader-killer");
            killer.start();

            try (Connection c = DriverManager.getConnection(url)) {
                DSLContext ctx = DqliteDSL.using(c);
                for (int i = 0; i < CALLS; i++) {
                    int id = i;
                    try {
                        DqliteTransactions.retrying(ctx, 10, cfg ->
                                DSL.using(cfg).insertInto(log, call).values(id).execute());
                        committed.add(id);
                    } catch (DqliteInDoubtException e) {
                        ambiguous.add(id);
                    } catch (RuntimeException e) {
                        failed.put(id, e);
                    }
                    if (done.incrementAndGet() == KILL_AFTER) {
                        killNow.countDown();
                    }
                }
            } finally {
                killNow.countDown();
                killer.join(TimeUnit.SECONDS.toMillis(120));
            }
            assertThat(killer.isAlive()).as("the killer thread finished").isFalse();
            assertThat(killerFailure.get()).as("killing the leader").isNull();
            assertThat(killed.getCount()).as("the leader was killed during the loop").isZero();
            assertThat(victim.get().isRunning()).isFalse();
            cluster.awaitLeader(Duration.ofSeconds(30));

            Map<Integer, Integer> present = new HashMap<>();
            long total;
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT call, count(*) FROM log GROUP BY call")) {
                    while (rs.next()) {
                        present.put(rs.getInt(1), rs.getInt(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM log")) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            System.out.printf("JooqFailoverIT (%s): %d calls, %d committed, %d ambiguous, %d failed: %s%n",
                    cluster.server(), CALLS, committed.size(), ambiguous.size(), failed.size(), failed);

            assertThat(committed.size() + ambiguous.size() + failed.size()).as("the loop finished").isEqualTo(CALLS);
            assertThat(failed).as("with 10 attempts every call either committed or was ambiguous").isEmpty();
            assertThat(present.values()).as("no call was applied twice").allMatch(n -> n == 1);
            assertThat(present.keySet()).as("every committed call is there").containsAll(committed);
            assertThat(present.keySet()).as("only committed or ambiguous calls are there")
                    .allMatch(id -> committed.contains(id) || ambiguous.contains(id));
            assertThat(total).as("row count between committed and committed + ambiguous")
                    .isBetween((long) committed.size(), (long) committed.size() + ambiguous.size());
        }
    }
}
