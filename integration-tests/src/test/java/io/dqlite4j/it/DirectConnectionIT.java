package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.DqliteUrl;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.NodeAddress;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections whose socket is driven by the waiting thread ({@link DqliteConnection#dialDirect},
 * what the JDBC driver uses), against real nodes: the round trip, streaming and pipelining, and
 * every way the socket can go wrong (peer gone while idle, silent server, close from another
 * thread, oversized frame). The node-breaking tests own single-node clusters.
 */
@Timeout(120)
class DirectConnectionIT {
    private static LocalCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LocalCluster.start(1);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static DqliteConnection open(LocalNode node, String database, String params) throws Exception {
        String url = "dqlite://" + node.address() + "/" + database + (params.isEmpty() ? "" : "?" + params);
        DqliteConnection conn = DqliteConnection.dialDirect(NodeAddress.parse(node.address()), DqliteUrl.parse(url));
        conn.open(database).get(10, TimeUnit.SECONDS);
        return conn;
    }

    @Test
    void theWaitingThreadReadsTheAnswerItself() throws Exception {
        try (DqliteConnection conn = open(cluster.node(0), "direct1", "")) {
            Thread caller = Thread.currentThread();
            Thread completedOn = conn.execSql("CREATE TABLE t (v INTEGER)", Params.NONE)
                    .thenApply(r -> Thread.currentThread()).get(10, TimeUnit.SECONDS);
            assertThat(completedOn).isSameAs(caller);
            ExecResult r = conn.execSql("INSERT INTO t VALUES (?)", Params.of(7L)).get(10, TimeUnit.SECONDS);
            assertThat(r.rowsAffected()).isEqualTo(1);
        }
    }

    @Test
    void pipelinedWritesAndAStreamedResultShareOneSocket() throws Exception {
        try (DqliteConnection conn = open(cluster.node(0), "direct2", "")) {
            conn.execSql("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)", Params.NONE).get(10, TimeUnit.SECONDS);
            PreparedStatementHandle insert = conn.prepare("INSERT INTO t (id, payload) VALUES (?, randomblob(200))")
                    .get(10, TimeUnit.SECONDS);
            List<Params> batch = new ArrayList<>();
            for (long i = 1; i <= 3000; i++) {
                batch.add(Params.of(i));
            }
            List<CompletableFuture<ExecResult>> answers = conn.execPipelined(insert, batch);
            long inserted = 0;
            for (CompletableFuture<ExecResult> a : answers) {
                inserted += a.get(10, TimeUnit.SECONDS).rowsAffected();
            }
            assertThat(inserted).isEqualTo(3000);

            // 3000 rows of ~210 bytes span several ROWS messages, read one wait at a time.
            RowStream rows = conn.querySql("SELECT id, payload FROM t ORDER BY id", Params.NONE);
            long count = 0;
            long idSum = 0;
            int batches = 0;
            for (RowBatch b = rows.next(10, TimeUnit.SECONDS); b != null; b = rows.next(10, TimeUnit.SECONDS)) {
                batches++;
                for (int i = 0; i < b.rowCount(); i++) {
                    count++;
                    idSum += b.getLong(i, 0);
                    assertThat((byte[]) b.getObject(i, 1)).hasSize(200);
                }
            }
            assertThat(count).isEqualTo(3000);
            assertThat(idSum).isEqualTo(3000L * 3001 / 2);
            assertThat(batches).isGreaterThan(1);
        }
    }

    @Test
    void messagesLargerThanTheSocketBuffersGoBothWays() throws Exception {
        try (DqliteConnection conn = open(cluster.node(0), "direct7", "")) {
            conn.execSql("CREATE TABLE t (b BLOB)", Params.NONE).get(10, TimeUnit.SECONDS);
            byte[] big = new byte[24 * 1024 * 1024]; // far beyond loopback's socket buffers
            new java.util.Random(7).nextBytes(big);
            conn.execSql("INSERT INTO t VALUES (?)", Params.of((Object) big)).get(60, TimeUnit.SECONDS);
            RowStream rows = conn.querySql("SELECT b FROM t", Params.NONE);
            RowBatch b = rows.next(60, TimeUnit.SECONDS);
            assertThat((byte[]) b.getObject(0, 0)).isEqualTo(big);
            for (RowBatch rest = rows.next(10, TimeUnit.SECONDS); rest != null; rest = rows.next(10, TimeUnit.SECONDS)) {
                assertThat(rest.rowCount()).isZero(); // the server may close the result with an empty batch
            }
        }
    }

    @Test
    void aResultLeftUnreadDoesNotBlockTheNextRequest() throws Exception {
        try (DqliteConnection conn = open(cluster.node(0), "direct3", "")) {
            conn.execSql("CREATE TABLE t (v TEXT)", Params.NONE).get(10, TimeUnit.SECONDS);
            conn.execSql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                    + "INSERT INTO t SELECT printf('%0100d', i) FROM n", Params.NONE).get(10, TimeUnit.SECONDS);
            RowStream unread = conn.querySql("SELECT v FROM t", Params.NONE);
            // The answer queued behind the unread rows is reached by reading (and buffering) them.
            ExecResult r = conn.execSql("INSERT INTO t VALUES ('last')", Params.NONE).get(10, TimeUnit.SECONDS);
            assertThat(r.rowsAffected()).isEqualTo(1);
            assertThat(unread.rowsReceived()).isEqualTo(20000);
        }
    }

    @Test
    void aNodeKilledWhileTheConnectionIsIdleFailsTheNextRequestAsNeverSent() throws Exception {
        try (LocalCluster own = LocalCluster.start(1);
             DqliteConnection conn = open(own.node(0), "direct4", "")) {
            conn.execSql("CREATE TABLE t (v INTEGER)", Params.NONE).get(10, TimeUnit.SECONDS);
            own.node(0).kill();
            Thread.sleep(200); // let the kernel deliver the peer's FIN
            assertThatThrownBy(() -> conn.execSql("INSERT INTO t VALUES (1)", Params.NONE).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(DqliteConnectionException.class,
                            e -> assertThat(e.sentBeforeFailure()).as("the request was never written").isFalse());
            assertThat(conn.isClosed()).isTrue();
        }
    }

    @Test
    void aSilentServerBreaksTheConnectionAfterTimeoutAndCloseWakesAWaiter() throws Exception {
        try (LocalCluster own = LocalCluster.start(1)) {
            LocalNode node = own.node(0);
            try (DqliteConnection quick = open(node, "direct5", "timeout=0.5");
                 DqliteConnection patient = open(node, "direct5", "timeout=60")) {
                node.pause();
                try {
                    long started = System.nanoTime();
                    assertThatThrownBy(() -> quick.execSql("SELECT 1", Params.NONE).get())
                            .cause().isInstanceOf(DqliteTimeoutException.class);
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(400L, 10_000L);
                    assertThat(quick.isClosed()).isTrue();

                    CompletableFuture<ExecResult> waiting = patient.execSql("SELECT 1", Params.NONE);
                    Thread closer = new Thread(() -> {
                        sleepQuietly(300);
                        patient.close();
                    });
                    closer.start();
                    started = System.nanoTime();
                    assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
                            .cause().isInstanceOf(DqliteConnectionException.class);
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(10_000L);
                    closer.join();
                } finally {
                    node.resume();
                }
            }
        }
    }

    @Test
    void aFrameLargerThanMaxMessageSizeBreaksTheConnectionWithAClearError() throws Exception {
        try (DqliteConnection conn = open(cluster.node(0), "direct6", "max_message_size=4096")) {
            RowStream rows = conn.querySql("SELECT zeroblob(100000)", Params.NONE);
            assertThatThrownBy(() -> rows.next(10, TimeUnit.SECONDS))
                    .isInstanceOf(DqliteConnectionException.class)
                    .hasMessageContaining("max_message_size=4096");
            assertThat(conn.isClosed()).isTrue();
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
