package io.dqlite4j.it.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.r2dbc.DqliteR2dbcConnection;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * R2DBC bound batches ({@code add()}): single-row INSERTs go out as multi-row INSERTs with one
 * result of count 1 per item; counts that would not split run item by item; the first failure
 * ends the batch with exactly the items before it applied.
 */
@DqliteCluster(nodes = 1)
@Timeout(120)
class R2dbcBatchIT {
    private static final AtomicInteger DB = new AtomicInteger();
    private DqliteR2dbcConnection c;

    @BeforeEach
    void open(LocalCluster cluster) {
        c = Rx.connect(cluster.r2dbcUrl("r2dbc_batch_" + DB.incrementAndGet()));
    }

    @AfterEach
    void close() {
        Rx.close(c);
    }

    private Statement bound(String sql, long... ids) {
        Statement st = c.createStatement(sql);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                st.add();
            }
            st.bind(0, ids[i]).bind(1, "item " + i).bind(2, ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        return st;
    }

    private static long[] range(long from, long to) {
        long[] ids = new long[(int) (to - from)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = from + i;
        }
        return ids;
    }

    private static List<Long> counts(Statement st) {
        return Flux.from(st.execute()).concatMap(Result::getRowsUpdated).collectList().block(Rx.WAIT);
    }

    @Test
    void aBoundInsertOfManyRowsGivesOneCountPerItemInAndOutOfATransaction() {
        Rx.update(c, "CREATE TABLE rb (id INTEGER PRIMARY KEY, v TEXT, b BLOB)");
        List<Long> auto = counts(bound("INSERT INTO rb (id, v, b) VALUES (?, ?, ?)", range(0, 5000)));
        assertThat(auto).hasSize(5000).containsOnly(1L);
        Mono.from(c.beginTransaction()).block(Rx.WAIT);
        List<Long> tx = counts(bound("INSERT INTO rb (id, v, b) VALUES (?, ?, ?)", range(5000, 10_000)));
        Mono.from(c.commitTransaction()).block(Rx.WAIT);
        assertThat(tx).hasSize(5000).containsOnly(1L);
        assertThat(Rx.single(c, "SELECT count(*) FROM rb")).isEqualTo(10_000L);
        assertThat(Rx.single(c, "SELECT v || hex(b) FROM rb WHERE id = 7777")).isEqualTo("item 2777" + "D9");
    }

    @Test
    void insertOrIgnoreCountsOneOrZeroPerItem() {
        Rx.update(c, "CREATE TABLE ri (id INTEGER PRIMARY KEY, v TEXT, b BLOB)");
        Rx.update(c, "INSERT INTO ri VALUES (2, 'old', NULL), (5, 'old', NULL)");
        assertThat(counts(bound("INSERT OR IGNORE INTO ri VALUES (?, ?, ?)", 1, 2, 3, 3, 4, 5, 6)))
                .containsExactly(1L, 0L, 1L, 0L, 1L, 0L, 1L);
        assertThat(Rx.single(c, "SELECT count(*) FROM ri")).isEqualTo(6L);
    }

    @Test
    void theFirstFailureEndsTheBatchWithExactlyTheItemsBeforeItApplied() {
        Rx.update(c, "CREATE TABLE rf (id INTEGER PRIMARY KEY, v TEXT, b BLOB)");
        Rx.update(c, "INSERT INTO rf VALUES (-1, 'before', NULL)");
        long[] ids = range(0, 500);
        ids[321] = -1;
        List<Long> seen = new ArrayList<>();
        Throwable error = Flux.from(bound("INSERT INTO rf VALUES (?, ?, ?)", ids).execute())
                .concatMap(Result::getRowsUpdated)
                .doOnNext(seen::add)
                .then()
                .materialize()
                .block(Rx.WAIT)
                .getThrowable();
        assertThat(error).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(seen).hasSize(321).containsOnly(1L);
        assertThat(Rx.single(c, "SELECT count(*) FROM rf")).isEqualTo(1L + 321);
        assertThat(Rx.single(c, "SELECT max(id) FROM rf")).isEqualTo(320L);
    }

    @Test
    void aTableWhoseTriggerSkipsRowsGetsExactCounts() {
        Rx.update(c, "CREATE TABLE rt (id INTEGER PRIMARY KEY, v TEXT, b BLOB)");
        Rx.update(c, "CREATE TRIGGER rt_skip BEFORE INSERT ON rt WHEN new.id % 2 = 1 BEGIN SELECT RAISE(IGNORE); END");
        assertThat(counts(bound("INSERT INTO rt VALUES (?, ?, ?)", range(0, 6)))).containsExactly(1L, 0L, 1L, 0L, 1L, 0L);
        assertThat(Rx.single(c, "SELECT count(*) FROM rt")).isEqualTo(3L);
    }
}
