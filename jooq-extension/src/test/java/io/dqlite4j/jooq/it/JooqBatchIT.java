package io.dqlite4j.jooq.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.name;

import io.dqlite4j.jdbc.DqliteJdbcConnection;
import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Loader;
import org.jooq.TableField;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.jooq.impl.UpdatableRecordImpl;
import org.jooq.impl.Internal;
import org.jooq.UniqueKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jOOQ's batch APIs reach the driver's multi-row rewriting and get exact counts: {@code batch(…)
 * .bind(…)}, {@code batchInsert}, {@code batchStore} and the Loader ({@code batchAfter},
 * {@code bulkAfter}, {@code commitAfter}, {@code onDuplicateKeyIgnore}), whose {@code stored()}
 * adds the counts up.
 */
@DqliteCluster(nodes = 1)
@Timeout(180)
class JooqBatchIT {
    private static final AtomicInteger DB = new AtomicInteger();

    /** A table as generated code declares it. */
    static final class Item extends TableImpl<ItemRecord> {
        private static final long serialVersionUID = 1L;
        static final Item ITEM = new Item();

        final TableField<ItemRecord, Long> id = createField(name("id"), SQLDataType.BIGINT.nullable(false), this);
        final TableField<ItemRecord, String> v = createField(name("v"), SQLDataType.VARCHAR, this);

        private Item() {
            super(name("item"));
        }

        @Override
        public Class<ItemRecord> getRecordType() {
            return ItemRecord.class;
        }

        @Override
        public UniqueKey<ItemRecord> getPrimaryKey() {
            return Internal.createUniqueKey(this, name("pk_item"), new TableField[] {id}, true);
        }
    }

    public static final class ItemRecord extends UpdatableRecordImpl<ItemRecord> {
        private static final long serialVersionUID = 1L;

        public ItemRecord() {
            super(Item.ITEM);
        }

        ItemRecord with(long id, String v) {
            set(Item.ITEM.id, id);
            set(Item.ITEM.v, v);
            return this;
        }
    }

    private static Connection connect(LocalCluster cluster) throws SQLException {
        Connection c = DriverManager.getConnection(cluster.jdbcUrl("jooqbatch" + DB.incrementAndGet()));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, v TEXT)");
        }
        return c;
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM item")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long requests(Connection c) throws SQLException {
        return c.unwrap(DqliteJdbcConnection.class).roundTrips();
    }

    @Test
    void batchBindGoesOutAsMultiRowInsertsWithOneCountPerItem(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DSLContext ctx = DqliteDSL.using(c);
            Item t = Item.ITEM;
            BatchBindStep batch = ctx.batch(ctx.insertInto(t, t.id, t.v).values((Long) null, null));
            for (long i = 0; i < 1000; i++) {
                batch = batch.bind(i, "v" + i);
            }
            long before = requests(c);
            BatchBindStep bound = batch;
            int[] counts = ctx.transactionResult(cfg -> bound.execute());
            assertThat(counts).hasSize(1000).containsOnly(1);
            assertThat(requests(c) - before).as("requests for 1000 rows").isLessThan(60);
            assertThat(count(c)).isEqualTo(1000);
        }
    }

    @Test
    void batchInsertAndBatchStoreReachTheRewriteWithExactCounts(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DSLContext ctx = DqliteDSL.using(c);
            List<ItemRecord> records = new ArrayList<>();
            for (long i = 0; i < 500; i++) {
                records.add(ctx.newRecord(Item.ITEM).with(i, "v" + i));
            }
            long before = requests(c);
            assertThat(ctx.batchInsert(records).execute()).hasSize(500).containsOnly(1);
            assertThat(requests(c) - before).as("requests for 500 rows").isLessThan(30);
            List<ItemRecord> more = new ArrayList<>();
            for (long i = 500; i < 800; i++) {
                more.add(ctx.newRecord(Item.ITEM).with(i, "w" + i));
            }
            for (ItemRecord r : records.subList(0, 100)) {
                r.set(Item.ITEM.v, "changed");
                more.add(r); // an UPDATE each
            }
            int[] counts = ctx.batchStore(more).execute();
            assertThat(counts).hasSize(400).containsOnly(1);
            assertThat(count(c)).isEqualTo(800);
            assertThat(ctx.fetchCount(Item.ITEM, Item.ITEM.v.eq("changed"))).isEqualTo(100);
        }
    }

    @Test
    void theLoadersStoredCountIsExactForBatchBulkAndCommitAfter(LocalCluster cluster) throws Exception {
        try (Connection c = connect(cluster)) {
            // The Loader's commitAfter/commitAll call Connection.commit(), which JDBC refuses in
            // autocommit mode: as with any JDBC driver, a committing Loader runs with autocommit off.
            c.setAutoCommit(false);
            DSLContext ctx = DqliteDSL.using(c);
            Item t = Item.ITEM;
            List<Object[]> rows = new ArrayList<>();
            for (long i = 0; i < 2000; i++) {
                rows.add(new Object[] {i, "v" + i});
            }
            Loader<ItemRecord> batched = ctx.loadInto(t).batchAfter(250).commitAfter(4).loadArrays(rows.subList(0, 1000))
                    .fields(t.id, t.v).execute();
            assertThat(batched.errors()).isEmpty();
            assertThat(batched.stored()).isEqualTo(1000);
            assertThat(batched.processed()).isEqualTo(1000);
            Loader<ItemRecord> bulk = ctx.loadInto(t).bulkAfter(50).batchAfter(4).commitAll()
                    .loadArrays(rows.subList(1000, 2000)).fields(t.id, t.v).execute();
            assertThat(bulk.errors()).isEmpty();
            assertThat(bulk.stored()).isEqualTo(1000);
            assertThat(count(c)).isEqualTo(2000);

            // Half of these exist already: the ignored ones count 0, exactly.
            List<Object[]> overlapping = new ArrayList<>();
            for (long i = 1500; i < 2500; i++) {
                overlapping.add(new Object[] {i, "x" + i});
            }
            Loader<ItemRecord> ignoring = ctx.loadInto(t).onDuplicateKeyIgnore().batchAfter(100).commitAfter(2)
                    .loadArrays(overlapping).fields(t.id, t.v).execute();
            assertThat(ignoring.errors()).isEmpty();
            assertThat(ignoring.stored()).isEqualTo(500);
            assertThat(ignoring.ignored()).isEqualTo(500);
            assertThat(count(c)).isEqualTo(2500);
        }
    }

    /**
     * A failed item inside a jOOQ batch: the driver's BatchUpdateException (the cause of jOOQ's
     * exception) counts every item, and the table holds exactly the items counted as done. (jOOQ's
     * Loader does not use these counts: with {@code onErrorIgnore} it reports a failed batch as
     * ignored as a whole and sends its rows again with the next batch.)
     */
    @Test
    void aFailedItemInAJooqBatchLeavesExactlyTheCountedItems(LocalCluster cluster) throws Exception {
        try (Connection c = connect(cluster)) {
            DSLContext ctx = DqliteDSL.using(c);
            Item t = Item.ITEM;
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO item VALUES (123, 'exists')");
            }
            BatchBindStep batch = ctx.batch(ctx.insertInto(t, t.id, t.v).values((Long) null, null));
            for (long i = 0; i < 300; i++) {
                batch = batch.bind(i, "v" + i);
            }
            BatchBindStep bound = batch;
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(bound::execute);
            Throwable cause = failure;
            while (cause != null && !(cause instanceof java.sql.BatchUpdateException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("BatchUpdateException under " + failure).isNotNull();
            int[] counts = ((java.sql.BatchUpdateException) cause).getUpdateCounts();
            assertThat(counts).hasSize(300);
            long done = java.util.Arrays.stream(counts).filter(n -> n == 1).count();
            assertThat(counts[123]).isEqualTo(Statement.EXECUTE_FAILED);
            assertThat(done).isEqualTo(299);
            assertThat(count(c)).isEqualTo(1 + done);
        }
    }
}
