package io.dqlite4j.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain JDBC, written the way application code is: a PreparedStatement created and closed per
 * operation (the driver's per-connection statement cache makes that free), {@code addBatch} /
 * {@code executeBatch} inside one transaction for the bulk insert, and a streaming ResultSet for
 * the scan.
 */
final class JdbcClient implements BenchClient {
    private final String url;
    private final int batchSize;
    private final Connection conn;
    private long sink;

    JdbcClient(String url, int batchSize) throws SQLException {
        this.url = url;
        this.batchSize = batchSize;
        this.conn = DriverManager.getConnection(url);
    }

    @Override
    public String name() {
        return "dqlite4j-jdbc";
    }

    @Override
    public void execDdl(String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void insertAutocommit(int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            try (PreparedStatement ps = conn.prepareStatement(INSERT_KV)) {
                ps.setLong(1, i);
                ps.setString(2, BenchClient.value(i));
                ps.executeUpdate();
            }
        }
    }

    /** Binds row {@code i} of a batch. */
    private interface RowBinder {
        void bind(PreparedStatement ps, int i) throws SQLException;
    }

    private static void bindScanRow(PreparedStatement ps, int i, byte[] payload) throws SQLException {
        ps.setLong(1, i);
        ps.setString(2, BenchClient.name(i));
        ps.setDouble(3, i * 0.5);
        ps.setBytes(4, payload);
    }

    @Override
    public void insertTxBatch(int rows) throws SQLException {
        byte[] payload = new byte[PAYLOAD_BYTES];
        batchInTransaction(INSERT_SCAN, rows, (ps, i) -> bindScanRow(ps, i, payload));
    }

    @Override
    public void insertAutocommitBatch(int rows) throws SQLException {
        byte[] payload = new byte[PAYLOAD_BYTES];
        try (PreparedStatement ps = conn.prepareStatement(INSERT_AB)) {
            for (int from = 0; from < rows; from += AUTOCOMMIT_BATCH) {
                for (int i = from; i < Math.min(rows, from + AUTOCOMMIT_BATCH); i++) {
                    bindScanRow(ps, i, payload);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    @Override
    public void insertWide(int rows) throws SQLException {
        batchInTransaction(INSERT_WIDE, rows, (ps, i) -> {
            ps.setLong(1, i);
            for (int k = 1; k < WIDE_COLUMNS; k++) {
                ps.setObject(k + 1, BenchClient.wideValue(i, k));
            }
        });
    }

    /** rows INSERTs in one transaction, {@code batchSize} rows per executeBatch. */
    private void batchInTransaction(String sql, int rows, RowBinder binder) throws SQLException {
        conn.setAutoCommit(false);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int pending = 0;
            for (int i = 0; i < rows; i++) {
                binder.bind(ps, i);
                ps.addBatch();
                if (++pending == batchSize) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    @Override
    public int pointSelect(int n, int rows) throws SQLException {
        return pointSelects(conn, 0, n, Math.max(rows, 1));
    }

    private int pointSelects(Connection c, int from, int count, int modulo) throws SQLException {
        int found = 0;
        long s = 0;
        for (int i = 0; i < count; i++) {
            try (PreparedStatement ps = c.prepareStatement(SELECT_KV)) {
                ps.setLong(1, (from + i) % modulo);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        s += rs.getString(1).length();
                        found++;
                    }
                }
            }
        }
        addSink(s);
        return found;
    }

    @Override
    public long scan() throws SQLException {
        long count = 0;
        long s = 0;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(SELECT_SCAN)) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String name = rs.getString(2);
                double score = rs.getDouble(3);
                byte[] payload = rs.getBytes(4);
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
                return pointSelects(conn, 0, per, n);
            }
            try (Connection c = DriverManager.getConnection(url)) {
                return pointSelects(c, w * per, per, n);
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
