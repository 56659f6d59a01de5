package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.QueryResult;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import io.dqlite4j.wire.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The native client against a real 3-node cluster. */
@DqliteCluster(nodes = 3)
@Timeout(120)
class NativeClientIT {

    @Test
    void connectsThroughAFollowerAndLandsOnTheLeader(LocalCluster cluster) {
        LocalNode leader = cluster.leader();
        LocalNode follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        try (DqliteClient client = DqliteClient.connect("dqlite://" + follower.address() + "/native1").join()) {
            QueryResult r = client.query("SELECT 1").join();
            assertThat(r.rows()).containsExactly(List.of(1L));
            assertThat(client.lastKnownLeader().toString()).isEqualTo(leader.address());
        }
    }

    @Test
    void everyValueTypeRoundTripsAndNullEmptyTextEmptyBlobStayDistinct(LocalCluster cluster) {
        try (DqliteClient client = DqliteClient.connect(cluster.url("native2")).join()) {
            client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT, b BLOB, d DATETIME, ok BOOLEAN)").join();
            client.execute("INSERT INTO t VALUES (1, ?, ?, ?, ?, ?, ?)", Long.MIN_VALUE, -0.5, "héllo ✓", new byte[] {0, 1, -1},
                    "2024-01-02 03:04:05", true).join();
            client.execute("INSERT INTO t VALUES (2, ?, ?, ?, ?, ?, ?)", null, Double.POSITIVE_INFINITY, "", new byte[0],
                    1700000000L, false).join();
            client.execute("INSERT INTO t VALUES (3, NULL, ?, NULL, NULL, NULL, 1)", Double.NEGATIVE_INFINITY).join();

            try (DqliteConnection conn = client.openConnection().join()) {
                RowStream s = conn.querySql("SELECT i, f, s, b, d, ok FROM t ORDER BY id", Params.NONE);
                RowBatch batch = s.next(10, TimeUnit.SECONDS);
                assertThat(batch.rowCount()).isEqualTo(3);
                assertThat(batch.getObject(0, 0)).isEqualTo(Long.MIN_VALUE);
                assertThat(batch.getObject(0, 1)).isEqualTo(-0.5);
                assertThat(batch.getObject(0, 2)).isEqualTo("héllo ✓");
                assertThat((byte[]) batch.getObject(0, 3)).containsExactly(0, 1, -1);
                assertThat(batch.type(0, 4)).isEqualTo(ValueType.ISO8601);
                assertThat(batch.getObject(0, 4)).isEqualTo("2024-01-02 03:04:05");
                assertThat(batch.type(0, 5)).isEqualTo(ValueType.BOOLEAN);
                assertThat(batch.getObject(0, 5)).isEqualTo(true);

                assertThat(batch.type(1, 0)).isEqualTo(ValueType.NULL);
                assertThat(batch.getDouble(1, 1)).isEqualTo(Double.POSITIVE_INFINITY);
                assertThat(batch.type(1, 2)).isEqualTo(ValueType.TEXT);
                assertThat(batch.getObject(1, 2)).isEqualTo("");
                assertThat(batch.type(1, 3)).isEqualTo(ValueType.BLOB);
                assertThat((byte[]) batch.getObject(1, 3)).isEmpty();
                assertThat(batch.type(1, 4)).isEqualTo(ValueType.UNIXTIME);
                assertThat(batch.getLong(1, 4)).isEqualTo(1700000000L);
                assertThat(batch.getObject(1, 5)).isEqualTo(false);

                assertThat(batch.getDouble(2, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
                assertThat(batch.type(2, 2)).isEqualTo(ValueType.NULL);
                assertThat(batch.type(2, 3)).isEqualTo(ValueType.NULL);
                assertThat(s.next(1, TimeUnit.SECONDS)).isNull();
            }
        }
    }

    @Test
    void largeResultIsStreamedWithBoundedBuffering(LocalCluster cluster) throws Exception {
        int rows = 100_000;
        try (DqliteClient client = DqliteClient.connect(cluster.url("native3")).join();
             DqliteConnection conn = client.openConnection().join()) {
            conn.execSql("CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT, score REAL, payload BLOB)", Params.NONE).join();
            conn.execSql("BEGIN", Params.NONE).join();
            PreparedStatementHandle insert = conn.prepare("INSERT INTO big VALUES (?, ?, ?, ?)").join();
            byte[] payload = new byte[64];
            for (int start = 0; start < rows; start += 1000) {
                List<Params> chunk = new ArrayList<>();
                for (int i = start; i < start + 1000; i++) {
                    chunk.add(Params.of((long) i, "name-" + i, i * 0.5, payload));
                }
                CompletableFuture.allOf(conn.execPipelined(insert, chunk).toArray(CompletableFuture[]::new)).join();
            }
            conn.finalizeStatement(insert).join();
            conn.execSql("COMMIT", Params.NONE).join();

            RowStream stream = conn.querySql("SELECT id, name, score, payload FROM big ORDER BY id", Params.NONE);
            long seen = 0;
            int batches = 0;
            int maxBuffered = 0;
            RowBatch batch;
            while ((batch = stream.next(30, TimeUnit.SECONDS)) != null) {
                if (batches++ % 200 == 0) {
                    Thread.sleep(50); // a slow consumer: the server would run far ahead without flow control
                }
                maxBuffered = Math.max(maxBuffered, stream.bufferedBatches());
                for (int r = 0; r < batch.rowCount(); r++) {
                    assertThat(batch.getLong(r, 0)).isEqualTo(seen++);
                }
            }
            assertThat(seen).isEqualTo(rows);
            assertThat(batches).isGreaterThan(1000); // really streamed in many ROWS messages
            assertThat(maxBuffered).isLessThanOrEqualTo(64); // never the whole result in memory
        }
    }

    @Test
    void sqlErrorsLeaveTheConnectionUsable(LocalCluster cluster) {
        try (DqliteClient client = DqliteClient.connect(cluster.url("native4")).join();
             DqliteConnection conn = client.openConnection().join()) {
            assertThatThrownBy(() -> conn.execSql("SELEC 1", Params.NONE).join())
                    .hasCauseInstanceOf(DqliteServerException.class).hasMessageContaining("syntax error");
            conn.execSql("CREATE TABLE u (v TEXT UNIQUE)", Params.NONE).join();
            conn.execSql("INSERT INTO u VALUES ('a')", Params.NONE).join();
            assertThatThrownBy(() -> conn.execSql("INSERT INTO u VALUES ('a')", Params.NONE).join())
                    .cause().isInstanceOfSatisfying(DqliteServerException.class, e -> assertThat(e.code()).isEqualTo(2067));
            // A failure in the middle of a result keeps the connection usable too.
            RowStream failing = conn.querySql("SELECT abs(-9223372036854775807-1)", Params.NONE);
            assertThatThrownBy(() -> failing.next(10, TimeUnit.SECONDS)).isInstanceOf(DqliteServerException.class)
                    .hasMessageContaining("integer overflow");
            ExecResult r = conn.execSql("INSERT INTO u VALUES ('b')", Params.NONE).join();
            assertThat(r.rowsAffected()).isEqualTo(1);
            assertThat(conn.isClosed()).isFalse();
        }
    }

    @Test
    void cancellingAStreamKeepsTheConnectionUsable(LocalCluster cluster) {
        try (DqliteClient client = DqliteClient.connect(cluster.url("native5")).join();
             DqliteConnection conn = client.openConnection().join()) {
            RowStream stream = conn.querySql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 50000) "
                    + "SELECT x, 'padding-padding-padding' FROM c", Params.NONE);
            assertThat(stream.next(10, TimeUnit.SECONDS).rowCount()).isPositive();
            stream.cancel();
            RowStream next = conn.querySql("SELECT 42", Params.NONE);
            assertThat(next.next(10, TimeUnit.SECONDS).getLong(0, 0)).isEqualTo(42L);
            assertThat(stream.drained()).isDone();
        }
    }

    @Test
    void resultCapsFailTheQueryButKeepTheConnectionUsable(LocalCluster cluster) {
        String series = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 20000) "
                + "SELECT x, 'some padding to fill the batches' FROM c";
        try (DqliteClient client = DqliteClient.connect(cluster.url("native6") + "?max_total_rows=1000").join();
             DqliteConnection conn = client.openConnection().join()) {
            RowStream rows = conn.querySql(series, Params.NONE);
            assertThatThrownBy(() -> {
                while (rows.next(10, TimeUnit.SECONDS) != null) {
                    // consume until the cap trips
                }
            }).isInstanceOf(io.dqlite4j.client.DqliteException.class).hasMessageContaining("max_total_rows=1000");
            assertThat(conn.querySql("SELECT 5", Params.NONE).next(10, TimeUnit.SECONDS).getLong(0, 0)).isEqualTo(5L);
        }
        try (DqliteClient client = DqliteClient.connect(cluster.url("native6") + "?max_continuation_frames=3").join();
             DqliteConnection conn = client.openConnection().join()) {
            RowStream rows = conn.querySql(series, Params.NONE);
            assertThatThrownBy(() -> {
                while (rows.next(10, TimeUnit.SECONDS) != null) {
                    // consume until the cap trips
                }
            }).hasMessageContaining("max_continuation_frames=3");
            assertThat(conn.isClosed()).isFalse();
            assertThat(conn.querySql("SELECT 6", Params.NONE).next(10, TimeUnit.SECONDS).getLong(0, 0)).isEqualTo(6L);
        }
    }
}
