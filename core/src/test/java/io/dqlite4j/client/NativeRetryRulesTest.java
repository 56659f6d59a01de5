package io.dqlite4j.client;

import static io.dqlite4j.client.Failures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.sql.SqlState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The native client's decisions on failed statements, against a scripted node: what is in doubt,
 * what is re-run, how long a call may take, BUSY re-runs, broken frames.
 */
@Timeout(60)
class NativeRetryRulesTest {

    @Test
    void writeAbandonedByTheTimeoutIsInDoubtAndNotReRun() throws Exception {
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> {
            // The write arrives and is never answered: the server may or may not apply it.
        }));
             DqliteClient client = DqliteClient.connect(node.url("timeout=0.3&max_attempts=5")).get(10, TimeUnit.SECONDS)) {
            Throwable t = failureOf(client.execute("INSERT INTO t VALUES (1)"));
            assertThat(t).isInstanceOf(DqliteInDoubtException.class).hasMessageContaining("may or may not have been applied");
            assertThat(t.getCause()).isInstanceOf(DqliteTimeoutException.class);
            assertThat(SqlFailure.of(null, t).state()).isEqualTo(SqlState.TRANSACTION_RESOLUTION_UNKNOWN);
            assertThat(node.count(FakeNode.EXEC_SQL)).as("the write reached the server once and was not re-run")
                    .isEqualTo(1);
        }
    }

    @Test
    void writeThatWasNeverSentIsReRunOnANewConnection() throws Exception {
        AtomicInteger execs = new AtomicInteger();
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> {
            if (execs.incrementAndGet() == 1) {
                // "not leader" (10250): the server refused before running anything.
                out.write(FakeNode.failure(10250, "not leader"));
            } else {
                out.write(FakeNode.result(7, 1));
            }
        }));
             DqliteClient client = DqliteClient.connect(node.url("max_attempts=5")).get(10, TimeUnit.SECONDS)) {
            ExecResult r = client.execute("INSERT INTO t VALUES (1)").get(10, TimeUnit.SECONDS);
            assertThat(r.rowsAffected()).isEqualTo(1);
            assertThat(node.count(FakeNode.EXEC_SQL)).isEqualTo(2);
            assertThat(node.connections.get()).as("a new connection after 'not leader'").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void garbageAnswerToAWriteIsInDoubtAndDropsTheConnection() throws Exception {
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) ->
                out.write(FakeNode.frame(0x63, FakeNode.text("garbage!"))))); // unknown response type
             DqliteClient client = DqliteClient.connect(node.url("")).get(10, TimeUnit.SECONDS)) {
            Throwable t = failureOf(client.execute("INSERT INTO t VALUES (1)"));
            assertThat(t).isInstanceOf(DqliteInDoubtException.class);
            assertThat(SqlFailure.of(null, t).state().code()).startsWith("08");
            assertThat(node.count(FakeNode.EXEC_SQL)).isEqualTo(1);
        }
    }

    @Test
    void twoGibHeaderWithNoMessageCapDropsTheConnectionAsClass08() throws Exception {
        for (boolean direct : new boolean[] {false, true}) {
            try (FakeNode node = new FakeNode((n, r, out, s) -> {
                // 2^28 words: a 2 GiB body, which overflows an int frame length.
                out.write(new byte[] {0, 0, 0, 0x10, 1, 0, 0, 0});
                out.flush();
                Thread.sleep(5000);
            })) {
                DqliteConfig config = DqliteUrl.parse(node.url("max_message_size=none"));
                DqliteConnection conn = direct ? DqliteConnection.dialDirect(config.seeds().get(0), config)
                        : DqliteConnection.dial(config.seeds().get(0), config).get(5, TimeUnit.SECONDS);
                Throwable t = failureOf(conn.leader());
                assertThat(t).as(direct ? "direct" : "netty").isInstanceOf(DqliteConnectionException.class);
                assertThat(SqlFailure.of(null, t).state().code()).as("never 22023").startsWith("08");
                assertThat(conn.isClosed()).isTrue();
                Throwable next = failureOf(conn.leader());
                assertThat(((DqliteConnectionException) next).sentBeforeFailure()).as("nothing sent after the drop")
                        .isFalse();
            }
        }
    }

    @Test
    void truncatingServerCannotHoldOneCallPastTheDocumentedBound() throws Exception {
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> {
            // A ROWS answer cut off after its header and part of the body; then silence.
            out.write(new byte[] {4, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0});
            out.flush();
            Thread.sleep(20_000);
        }));
             DqliteClient client = DqliteClient.connect(node.url("timeout=0.4&max_attempts=100"))
                     .get(10, TimeUnit.SECONDS)) {
            long start = System.nanoTime();
            Throwable t = failureOf(client.query("SELECT 1"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(t).isInstanceOf(DqliteTimeoutException.class).isNotInstanceOf(DqliteInDoubtException.class);
            // The bound (DqliteClient, README): no re-run starts after `timeout` has passed, and each
            // attempt waits at most `timeout`: about 2 × 0.4 s. The second is for a loaded machine.
            assertThat(took).isLessThan(Duration.ofMillis(2 * 400 + 1000));
            assertThat(node.count(FakeNode.QUERY_SQL)).as("a read is re-run, but not 100 times").isBetween(1L, 3L);
        }
    }

    @Test
    void busyIsReRunWithinBusyTimeout() throws Exception {
        AtomicInteger execs = new AtomicInteger();
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> {
            if (execs.incrementAndGet() <= 3) {
                out.write(FakeNode.failure(5, "database is locked"));
            } else {
                out.write(FakeNode.result(1, 1));
            }
        }));
             DqliteClient client = DqliteClient.connect(node.url("busy_timeout=5")).get(10, TimeUnit.SECONDS)) {
            assertThat(client.execute("INSERT INTO t VALUES (1)").get(10, TimeUnit.SECONDS).rowsAffected()).isEqualTo(1);
            assertThat(node.count(FakeNode.EXEC_SQL)).isEqualTo(4);
            assertThat(node.connections.get()).as("BUSY keeps the connection").isEqualTo(1);
        }
    }

    @Test
    void busyIsNotReRunWhenDisabledOrForSeveralStatements() throws Exception {
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) ->
                out.write(FakeNode.failure(5, "database is locked"))))) {
            try (DqliteClient client = DqliteClient.connect(node.url("busy_timeout=0")).get(10, TimeUnit.SECONDS)) {
                assertThat(failureOf(client.execute("INSERT INTO t VALUES (1)"))).isInstanceOf(DqliteServerException.class);
                assertThat(node.count(FakeNode.EXEC_SQL)).isEqualTo(1);
            }
            try (DqliteClient client = DqliteClient.connect(node.url("busy_timeout=5")).get(10, TimeUnit.SECONDS)) {
                assertThat(failureOf(client.execute("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)")))
                        .isInstanceOf(DqliteServerException.class);
                assertThat(node.count(FakeNode.EXEC_SQL)).as("the first statement may have run").isEqualTo(2);
            }
        }
    }

    @Test
    void busyReRunsStopAtBusyTimeout() throws Exception {
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) ->
                out.write(FakeNode.failure(5, "database is locked"))));
             DqliteClient client = DqliteClient.connect(node.url("busy_timeout=0.3")).get(10, TimeUnit.SECONDS)) {
            long start = System.nanoTime();
            Throwable t = failureOf(client.execute("UPDATE t SET v = 1"));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(t).isInstanceOf(DqliteServerException.class).hasMessageContaining("database is locked");
            assertThat(tookMillis).isBetween(200L, 3000L);
            assertThat(node.count(FakeNode.EXEC_SQL)).isGreaterThan(3);
        }
    }
}
