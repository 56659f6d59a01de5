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

    // ------------------------------------------------------------------ Batch of texts

    /** Runs a Batch; update counts as they are, a row's first column negated, and the error (or null). */
    private static Throwable runBatch(io.r2dbc.spi.Batch batch, List<Long> seen) {
        return Flux.from(batch.execute())
                .concatMap(r -> Flux.from(r.flatMap(seg -> seg instanceof Result.UpdateCount u ? Mono.just(u.value())
                        : seg instanceof Result.RowSegment rs ? Mono.just(-rs.row().get(0, Long.class)) : Mono.empty())))
                .doOnNext(seen::add)
                .then()
                .materialize()
                .block(Rx.WAIT)
                .getThrowable();
    }

    @Test
    void aBatchOfTextsInsideATransactionIsPipelinedWithOneResultEachInOrder() {
        Rx.update(c, "CREATE TABLE bt (id INTEGER PRIMARY KEY, v TEXT)");
        Mono.from(c.beginTransaction()).block(Rx.WAIT);
        io.r2dbc.spi.Batch batch = c.createBatch();
        for (int i = 0; i < 51; i++) {
            batch.add("INSERT INTO bt VALUES (" + i + ", 'x" + i + "')");
        }
        batch.add("UPDATE bt SET v = v || '!' WHERE id < 10").add("DELETE FROM bt WHERE id = 50")
                .add("SELECT count(*) FROM bt");
        List<Long> seen = new ArrayList<>();
        assertThat(runBatch(batch, seen)).isNull();
        Mono.from(c.commitTransaction()).block(Rx.WAIT);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            expected.add(1L);
        }
        expected.addAll(List.of(10L, 1L, -50L));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(c.maxRequestsInFlight()).as("the INSERTs went out back to back").isGreaterThan(10);
        assertThat(Rx.single(c, "SELECT count(*) FROM bt")).isEqualTo(50L);
        assertThat(Rx.single(c, "SELECT v FROM bt WHERE id = 3")).isEqualTo("x3!");
    }

    @Test
    void aFailureInAPipelinedRunLeavesExactlyTheTextsBeforeItAndTheTransactionUsable() {
        Rx.update(c, "CREATE TABLE bf (id INTEGER PRIMARY KEY, v TEXT)");
        Mono.from(c.beginTransaction()).block(Rx.WAIT);
        Rx.update(c, "INSERT INTO bf VALUES (-1, 'before')");
        io.r2dbc.spi.Batch batch = c.createBatch();
        for (int i = 0; i < 40; i++) {
            batch.add("INSERT INTO bf VALUES (" + (i == 17 ? -1 : i) + ", 'v')");
        }
        List<Long> seen = new ArrayList<>();
        Throwable error = runBatch(batch, seen);
        assertThat(error).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(seen).hasSize(17).containsOnly(1L);
        assertThat(c.maxRequestsInFlight()).isGreaterThan(10);
        // The texts behind the failure had run on the server; none of them is left.
        assertThat(Rx.single(c, "SELECT count(*) FROM bf")).isEqualTo(1L + 17);
        Rx.update(c, "INSERT INTO bf VALUES (100, 'after')");
        Mono.from(c.commitTransaction()).block(Rx.WAIT);
        assertThat(Rx.single(c, "SELECT count(*) FROM bf")).isEqualTo(1L + 17 + 1);
        assertThat(Rx.single(c, "SELECT max(id) FROM bf WHERE id < 100")).isEqualTo(16L);
    }

    @Test
    void aSchemaWhoseConflictsRollBackTheTransactionIsNeverPipelined() {
        Rx.update(c, "CREATE TABLE br (id INTEGER PRIMARY KEY ON CONFLICT ROLLBACK, v TEXT)");
        Mono.from(c.beginTransaction()).block(Rx.WAIT);
        Rx.update(c, "INSERT INTO br VALUES (-1, 'in the transaction')");
        io.r2dbc.spi.Batch batch = c.createBatch();
        for (int i = 0; i < 12; i++) {
            batch.add("INSERT INTO br VALUES (" + (i == 5 ? -1 : i) + ", 'v')");
        }
        List<Long> seen = new ArrayList<>();
        assertThat(runBatch(batch, seen)).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(seen).hasSize(5);
        assertThat(c.maxRequestsInFlight()).as("one text at a time (opening the connection writes two requests at once)")
                .isLessThanOrEqualTo(2);
        Mono.from(c.rollbackTransaction()).block(Rx.WAIT); // the conflict already ended it on the server
        // Nothing ran outside the transaction the conflict rolled back.
        assertThat(Rx.single(c, "SELECT count(*) FROM br")).isEqualTo(0L);
    }

    @Test
    void aBatchOfTextsInAutocommitRunsOneTextAtATimeEachCommittingOnItsOwn() {
        Rx.update(c, "CREATE TABLE ba (id INTEGER PRIMARY KEY, v TEXT)");
        io.r2dbc.spi.Batch batch = c.createBatch();
        for (int i = 0; i < 10; i++) {
            batch.add("INSERT INTO ba VALUES (" + (i == 6 ? 2 : i) + ", 'v')");
        }
        List<Long> seen = new ArrayList<>();
        assertThat(runBatch(batch, seen)).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(seen).hasSize(6).containsOnly(1L);
        assertThat(c.maxRequestsInFlight()).as("one text at a time (opening the connection writes two requests at once)")
                .isLessThanOrEqualTo(2);
        assertThat(Rx.single(c, "SELECT count(*) FROM ba")).isEqualTo(6L);
    }
}
