package io.dqlite4j.it.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.r2dbc.DqliteInDoubtR2dbcException;
import io.dqlite4j.r2dbc.DqliteR2dbcConnection;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.r2dbc.spi.R2dbcTransientResourceException;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * kill -9 of the leader under the R2DBC driver. Each test owns its cluster because it breaks a node.
 *
 * <p>The documented outcome of an autocommit insert stream ({@link DqliteR2dbcConnection}): the
 * insert in flight when the leader dies either had not reached it (then it is re-run on the new
 * leader and the stream goes on), or had been sent (then the stream fails with
 * {@link DqliteInDoubtR2dbcException}, SQLState 08007, and that one row may or may not exist).
 * Every acknowledged row survives, and the same connection carries on with the new leader.
 */
@Timeout(240)
class R2dbcFailoverIT {

    @Test
    void killMinusNineOfTheLeaderDuringAReactiveInsertStream() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            DqliteR2dbcConnection c = Rx.connect(cluster.r2dbcUrl("failover") + "?max_attempts=20");
            try {
                Rx.update(c, "CREATE TABLE ev (id INTEGER PRIMARY KEY, v TEXT)");
                Set<Long> acked = new ConcurrentSkipListSet<>();
                AtomicLong inFlight = new AtomicLong(-1);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                CountDownLatch terminated = new CountDownLatch(1);
                Disposable stream = Flux.range(0, 1_000_000)
                        .concatMap(i -> Flux.from(c.createStatement("INSERT INTO ev VALUES ($1, $2)")
                                        .bind(0, i).bind(1, "row " + i).execute())
                                .concatMap(Result::getRowsUpdated)
                                .doOnSubscribe(s -> inFlight.set(i))
                                .doOnNext(n -> acked.add((long) i)))
                        .subscribe(n -> { }, e -> {
                            failure.set(e);
                            terminated.countDown();
                        }, terminated::countDown);
                try {
                    awaitAcked(acked, 300);
                    LocalNode oldLeader = cluster.leader();
                    oldLeader.kill();
                    int ackedAtKill = acked.size();
                    // Either the stream fails, or it goes on with the new leader: wait for one of them.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (terminated.getCount() > 0 && acked.size() < ackedAtKill + 300 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(terminated.getCount() == 0 || acked.size() >= ackedAtKill + 300)
                            .as("the stream failed or recovered within 60 s").isTrue();
                    LocalNode newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
                    assertThat(newLeader).isNotSameAs(oldLeader);
                } finally {
                    stream.dispose();
                }

                Throwable error = failure.get();
                long ambiguousId = -1;
                if (error != null) {
                    System.out.println("insert stream failed as documented: " + error);
                    assertThat(error).isInstanceOf(DqliteInDoubtR2dbcException.class)
                            .isInstanceOf(io.r2dbc.spi.R2dbcNonTransientResourceException.class)
                            .as("never offered to a generic retry of transient failures")
                            .isNotInstanceOf(R2dbcTransientResourceException.class);
                    assertThat(((DqliteInDoubtR2dbcException) error).getSqlState()).isEqualTo("08007");
                    ambiguousId = inFlight.get();
                    assertThat(acked).doesNotContain(ambiguousId);
                } else {
                    System.out.println("insert stream recovered on the new leader after " + acked.size() + " rows");
                }

                // Same connection: it reconnects to the new leader. Every acknowledged row is there.
                Thread.sleep(200); // let a disposed in-flight insert settle
                List<List<Object>> rows = Rx.rows(c, "SELECT id FROM ev ORDER BY id");
                Set<Long> present = new TreeSet<>();
                rows.forEach(r -> present.add((Long) r.get(0)));
                assertThat(present).containsAll(acked);
                Set<Long> extra = new TreeSet<>(present);
                extra.removeAll(acked);
                if (error != null) {
                    // Only the ambiguous row may exist without an acknowledgement.
                    assertThat(extra).isSubsetOf(Set.of(ambiguousId));
                } else {
                    // Cancelling the stream may have left the insert in flight at that moment.
                    assertThat(extra.size()).isLessThanOrEqualTo(1);
                }
                assertThat(c.leaderAddress()).isEqualTo(cluster.leader().address());
                long next = present.isEmpty() ? 0 : ((TreeSet<Long>) present).last() + 1;
                assertThat(Rx.update(c, "INSERT INTO ev VALUES ($1, 'after failover')", next)).isEqualTo(1);
            } finally {
                Rx.close(c);
            }
        }
    }

    @Test
    void aTransactionBrokenByTheLeaderKillFailsUntilRolledBackThenRetriesOnTheNewLeader() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            DqliteR2dbcConnection c = Rx.connect(cluster.r2dbcUrl("failover_tx") + "?max_attempts=20");
            try {
                Rx.update(c, "CREATE TABLE acct (id INTEGER PRIMARY KEY, balance INTEGER)");
                Rx.update(c, "INSERT INTO acct VALUES (1, 100), (2, 0)");

                Rx.await(c.beginTransaction());
                Rx.update(c, "UPDATE acct SET balance = balance - 10 WHERE id = 1");
                cluster.leader().kill();
                cluster.awaitLeader(Duration.ofSeconds(30));

                // The transaction died with the old leader: reported, not silently continued in autocommit.
                assertThatThrownBy(() -> Rx.update(c, "UPDATE acct SET balance = balance + 10 WHERE id = 2"))
                        .isInstanceOfSatisfying(R2dbcTransientResourceException.class, e -> {
                            assertThat(e).isNotInstanceOf(DqliteInDoubtR2dbcException.class);
                            assertThat(e.getSqlState()).isEqualTo("08006");
                            assertThat(e.getMessage()).contains("retry the whole transaction");
                        });
                assertThat(c.isAutoCommit()).isFalse();
                assertThatThrownBy(() -> Rx.rows(c, "SELECT 1")).isInstanceOf(R2dbcTransientResourceException.class);
                Rx.await(c.rollbackTransaction());
                assertThat(c.isAutoCommit()).isTrue();

                // Retry the whole transaction on the same connection: it goes to the new leader.
                Rx.await(c.beginTransaction());
                Rx.update(c, "UPDATE acct SET balance = balance - 10 WHERE id = 1");
                Rx.update(c, "UPDATE acct SET balance = balance + 10 WHERE id = 2");
                Rx.await(c.commitTransaction());
                assertThat(Rx.rows(c, "SELECT balance FROM acct ORDER BY id")).containsExactly(List.of(90L), List.of(10L));
                assertThat(c.leaderAddress()).isEqualTo(cluster.leader().address());
            } finally {
                Rx.close(c);
            }
        }
    }

    private static void awaitAcked(Set<Long> acked, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acked.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acked.size() + " inserts acknowledged within 60 s");
            }
            Thread.sleep(10);
        }
    }
}
