package io.dqlite4j.benchmarks;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import io.dqlite4j.jooq.DqliteDSL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.BatchBindStep;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ through {@link DqliteDSL} on the dqlite JDBC driver, with the typed DSL (tables and fields
 * declared by hand, as generated code would): each statement is built and rendered per call, as
 * applications do. The bulk insert is jOOQ's batch API ({@code batch(...).bind(...)}, which is
 * {@code addBatch}/{@code executeBatch} underneath) inside {@code transaction(...)}; the scan is a
 * lazy {@link Cursor}, so it streams like the JDBC ResultSet under it.
 */
final class JooqClient implements BenchClient {
    private static final Table<Record> KV = table(DSL.name("kv"));
    private static final Field<Long> K = field(DSL.name("kv", "k"), SQLDataType.BIGINT);
    private static final Field<String> V = field(DSL.name("kv", "v"), SQLDataType.VARCHAR);
    private static final Table<Record> SCAN = table(DSL.name("scan"));
    private static final Field<Long> ID = field(DSL.name("scan", "id"), SQLDataType.BIGINT);
    private static final Field<String> NAME = field(DSL.name("scan", "name"), SQLDataType.VARCHAR);
    private static final Field<Double> SCORE = field(DSL.name("scan", "score"), SQLDataType.DOUBLE);
    private static final Field<byte[]> PAYLOAD = field(DSL.name("scan", "payload"), SQLDataType.BLOB);
    private static final Table<Record> AB = table(DSL.name("ab"));
    private static final Field<Long> AB_ID = field(DSL.name("ab", "id"), SQLDataType.BIGINT);
    private static final Field<String> AB_NAME = field(DSL.name("ab", "name"), SQLDataType.VARCHAR);
    private static final Field<Double> AB_SCORE = field(DSL.name("ab", "score"), SQLDataType.DOUBLE);
    private static final Field<byte[]> AB_PAYLOAD = field(DSL.name("ab", "payload"), SQLDataType.BLOB);
    private static final Table<Record> WIDE = table(DSL.name("wide"));

    private final String url;
    private final int batchSize;
    private final Connection conn;
    private final DSLContext ctx;
    private long sink;

    JooqClient(String url, int batchSize) throws SQLException {
        this.url = url;
        this.batchSize = batchSize;
        this.conn = DriverManager.getConnection(url);
        this.ctx = DqliteDSL.using(conn);
    }

    @Override
    public String name() {
        return "dqlite4j-jooq";
    }

    @Override
    public void execDdl(String sql) {
        // The Go harness's DDL verbatim: INTEGER PRIMARY KEY must stay a rowid alias.
        ctx.execute(sql);
    }

    @Override
    public void insertAutocommit(int n) {
        for (int i = 0; i < n; i++) {
            ctx.insertInto(KV, K, V).values((long) i, BenchClient.value(i)).execute();
        }
    }

    @Override
    public void insertTxBatch(int rows) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        ctx.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            BatchBindStep batch = null;
            for (int i = 0; i < rows; i++) {
                if (batch == null) {
                    batch = tx.batch(tx.insertInto(SCAN, ID, NAME, SCORE, PAYLOAD)
                            .values((Long) null, null, null, null));
                }
                batch.bind((long) i, BenchClient.name(i), i * 0.5, payload);
                if (batch.size() == batchSize) {
                    batch.execute();
                    batch = null;
                }
            }
            if (batch != null) {
                batch.execute();
            }
        });
    }

    @Override
    public void insertAutocommitBatch(int rows) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        for (int from = 0; from < rows; from += AUTOCOMMIT_BATCH) {
            BatchBindStep batch = ctx.batch(ctx.insertInto(AB, AB_ID, AB_NAME, AB_SCORE, AB_PAYLOAD)
                    .values((Long) null, null, null, null));
            for (int i = from; i < Math.min(rows, from + AUTOCOMMIT_BATCH); i++) {
                batch.bind((long) i, BenchClient.name(i), i * 0.5, payload);
            }
            batch.execute();
        }
    }

    @Override
    public void insertWide(int rows) {
        ctx.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Object[] nulls = new Object[WIDE_COLUMNS];
            BatchBindStep batch = null;
            for (int i = 0; i < rows; i++) {
                if (batch == null) {
                    batch = tx.batch(tx.insertInto(WIDE).values(nulls));
                }
                Object[] values = new Object[WIDE_COLUMNS];
                values[0] = (long) i;
                for (int k = 1; k < WIDE_COLUMNS; k++) {
                    values[k] = BenchClient.wideValue(i, k);
                }
                batch.bind(values);
                if (batch.size() == batchSize) {
                    batch.execute();
                    batch = null;
                }
            }
            if (batch != null) {
                batch.execute();
            }
        });
    }

    @Override
    public int pointSelect(int n, int rows) {
        return pointSelects(ctx, 0, n, Math.max(rows, 1));
    }

    private int pointSelects(DSLContext c, int from, int count, int modulo) {
        int found = 0;
        long s = 0;
        for (int i = 0; i < count; i++) {
            String v = c.select(V).from(KV).where(K.eq((long) ((from + i) % modulo))).fetchOne(V);
            if (v != null) {
                s += v.length();
                found++;
            }
        }
        addSink(s);
        return found;
    }

    @Override
    public long scan() {
        long count = 0;
        long s = 0;
        try (Cursor<Record4<Long, String, Double, byte[]>> cursor =
                     ctx.select(ID, NAME, SCORE, PAYLOAD).from(SCAN).fetchLazy()) {
            for (Record4<Long, String, Double, byte[]> r : cursor) {
                long id = r.value1();
                String name = r.value2();
                double score = r.value3();
                byte[] payload = r.value4();
                s += id + name.length() + (long) score + payload.length;
                count++;
            }
        }
        addSink(s);
        return count;
    }

    @Override
    public int pointSelectConcurrent(int n, int workers) throws Exception {
        int per = n / workers;
        return Workers.runAll(workers, w -> {
            if (w == 0) {
                return pointSelects(ctx, 0, per, n);
            }
            try (Connection c = DriverManager.getConnection(url)) {
                return pointSelects(DqliteDSL.using(c), w * per, per, n);
            }
        });
    }

    private synchronized void addSink(long s) {
        sink += s;
    }

    @Override
    public synchronized long sink() {
        return sink;
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
