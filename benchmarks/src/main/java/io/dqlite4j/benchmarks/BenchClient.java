package io.dqlite4j.benchmarks;

/**
 * One client stack driven through the workloads. Every method is one workload exactly as the Go
 * harness ({@code shared/bench/peer-go/main.go}) runs it; {@link Bench} times the call. Values
 * read are folded into {@link #sink()} so the JIT cannot drop the decoding.
 */
interface BenchClient extends AutoCloseable {
    String INSERT_KV = "INSERT INTO kv (k, v) VALUES (?, ?)";
    String SELECT_KV = "SELECT v FROM kv WHERE k = ?";
    String INSERT_SCAN = "INSERT INTO scan (id, name, score, payload) VALUES (?, ?, ?, ?)";
    String SELECT_SCAN = "SELECT id, name, score, payload FROM scan";
    int PAYLOAD_BYTES = 64;
    String INSERT_AB = "INSERT INTO ab (id, name, score, payload) VALUES (?, ?, ?, ?)";
    /** Rows per batch of {@code insert_autocommit_batch}. */
    int AUTOCOMMIT_BATCH = 100;
    /** Columns of the {@code insert_wide} row: the id and 23 values of four types. */
    int WIDE_COLUMNS = 24;
    String INSERT_WIDE = "INSERT INTO wide VALUES (?" + ", ?".repeat(WIDE_COLUMNS - 1) + ")";

    /** {@code dqlite4j-jdbc} and so on. */
    String name();

    /** Untimed: runs DDL (the same as the Go harness). */
    void execDdl(String sql) throws Exception;

    /** n single-row autocommit INSERTs into kv, keys 0..n-1, values "value-i". */
    void insertAutocommit(int n) throws Exception;

    /** rows INSERTs into scan in one explicit transaction with one prepared statement. */
    void insertTxBatch(int rows) throws Exception;

    /**
     * rows INSERTs into ab (scan's columns) in autocommit batches of {@link #AUTOCOMMIT_BATCH}
     * (JDBC/jOOQ: one executeBatch per batch; R2DBC: one bound statement; native: pipelined EXECs):
     * each batch's statements commit on their own.
     */
    void insertAutocommitBatch(int rows) throws Exception;

    /** rows INSERTs of {@link #WIDE_COLUMNS}-column rows into wide in one transaction, as insertTxBatch. */
    void insertWide(int rows) throws Exception;

    /** n sequential point reads of kv on one connection, key i % max(rows, 1); returns rows found. */
    int pointSelect(int n, int rows) throws Exception;

    /** Reads every row of scan, all four columns decoded; returns the row count. */
    long scan() throws Exception;

    /**
     * n / workers point reads from each of {@code workers} threads, each on its own connection:
     * worker 0 reuses the open one and the others connect inside the timed region, like the Go
     * harness's database/sql pool that grows from its single idle connection. Returns rows found.
     */
    int pointSelectConcurrent(int n, int workers) throws Exception;

    /** A checksum of everything read, printed so nothing is optimised away. */
    long sink();

    /** The value of column {@code k} (1..23) of wide row {@code row}: integers, reals, texts and blobs in turn. */
    static Object wideValue(int row, int k) {
        return switch (k % 4) {
            case 0 -> (long) row * k;
            case 1 -> row * 0.25 + k;
            case 2 -> "w" + k + "-" + row;
            default -> new byte[] {(byte) row, (byte) k, 0, 1, 2, 3, 4, 5};
        };
    }

    static String value(int i) {
        return "value-" + i;
    }

    static String name(int i) {
        return "name-" + i;
    }
}
