package io.dqlite4j.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.jdbc.DqliteJdbcConnection;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JDBC batches: multi-row rewriting of single-row INSERTs with exact per-item counts, per-item
 * execution where counts would not split, failures in the middle, busy retries in autocommit.
 * Every scenario runs on the server generation chosen by {@code dqlite.server}.
 */
@DqliteCluster(nodes = 1)
@Timeout(180)
class BatchIT {
    private static final AtomicInteger DB = new AtomicInteger();

    private static Connection connect(LocalCluster cluster, String query) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl("batch" + DB.incrementAndGet()) + query);
    }

    private static Connection connect(LocalCluster cluster) throws SQLException {
        return connect(cluster, "");
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Long> ids(Connection c, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long requests(Connection c) throws SQLException {
        return c.unwrap(DqliteJdbcConnection.class).roundTrips();
    }

    private static int[] insertBatch(Connection c, String sql, long... ids) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.length; i++) {
                p.setLong(1, ids[i]);
                p.setString(2, "item " + i);
                p.addBatch();
            }
            return p.executeBatch();
        }
    }

    private static long[] range(long from, long to) {
        long[] ids = new long[(int) (to - from)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = from + i;
        }
        return ids;
    }

    @Test
    void twentyThousandRowsGiveTwentyThousandCountsOfOneInFewRequests(LocalCluster cluster) throws SQLException {
        for (boolean autocommit : new boolean[] {false, true}) {
            try (Connection c = connect(cluster)) {
                exec(c, "CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT, n INTEGER, b BLOB)");
                c.setAutoCommit(autocommit);
                long before = requests(c);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO big (id, v, n, b) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < 20_000; i++) {
                        p.setInt(1, i);
                        p.setString(2, "row " + i);
                        p.setLong(3, i * 7L);
                        p.setBytes(4, new byte[] {(byte) i});
                        p.addBatch();
                    }
                    long[] counts = p.executeLargeBatch();
                    assertThat(counts).hasSize(20_000).containsOnly(1L);
                }
                long sent = requests(c) - before;
                // 4 parameters a row: 63 rows a statement on dqlite 1.11 (255 parameters), 400 on newer ones.
                assertThat(sent).as("requests for 20000 rows (autocommit " + autocommit + ")").isBetween(40L, 400L);
                if (!autocommit) {
                    c.commit();
                }
                c.setAutoCommit(true);
                assertThat(ids(c, "big")).hasSize(20_000).startsWith(0L, 1L, 2L).endsWith(19_999L);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT v, n, hex(b) FROM big WHERE id = 12345")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("row 12345");
                    assertThat(rs.getLong(2)).isEqualTo(12345 * 7L);
                    assertThat(rs.getString(3)).isEqualTo(String.format("%02X", 12345 & 0xff));
                }
            }
        }
    }

    /** SQLITE_MAX_COMPOUND_SELECT (500) does not bound the rows of a VALUES list (docs/batches.md relies on it). */
    @Test
    void aValuesListLongerThanTheCompoundSelectLimitIsAccepted(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            exec(c, "CREATE TABLE many (id INTEGER PRIMARY KEY)");
            StringBuilder sql = new StringBuilder("INSERT INTO many VALUES (0)");
            for (int i = 1; i < 2000; i++) {
                sql.append(",(").append(i).append(')');
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate(sql.toString())).isEqualTo(2000);
            }
            assertThat(ids(c, "many")).hasSize(2000);
        }
    }

    @Test
    void batchRewriteFalseSendsOneRequestPerItem(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster, "?batch_rewrite=false")) {
            exec(c, "CREATE TABLE off (id INTEGER PRIMARY KEY, v TEXT)");
            c.setAutoCommit(false);
            long before = requests(c);
            assertThat(insertBatch(c, "INSERT INTO off VALUES (?, ?)", range(0, 500))).hasSize(500).containsOnly(1);
            assertThat(requests(c) - before).isGreaterThanOrEqualTo(500);
            c.commit();
            assertThat(ids(c, "off")).hasSize(500);
        }
    }

    @Test
    void insertOrIgnoreCountsOneOrZeroPerItem(LocalCluster cluster) throws SQLException {
        for (boolean autocommit : new boolean[] {false, true}) {
            try (Connection c = connect(cluster)) {
                exec(c, "CREATE TABLE ig (id INTEGER PRIMARY KEY, v TEXT)");
                exec(c, "INSERT INTO ig VALUES (2, 'old'), (5, 'old')");
                c.setAutoCommit(autocommit);
                int[] counts = insertBatch(c, "INSERT OR IGNORE INTO ig (id, v) VALUES (?, ?)", 1, 2, 3, 3, 4, 5, 6);
                assertThat(counts).containsExactly(1, 0, 1, 0, 1, 0, 1);
                c.setAutoCommit(true);
                assertThat(ids(c, "ig")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            }
        }
    }

    @Test
    void aTableWhoseConstraintIgnoresConflictsStillGetsExactCounts(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            exec(c, "CREATE TABLE tig (id INTEGER PRIMARY KEY ON CONFLICT IGNORE, v TEXT)");
            exec(c, "CREATE TABLE trg (id INTEGER PRIMARY KEY, v TEXT)");
            exec(c, "CREATE TRIGGER skip_neg BEFORE INSERT ON trg WHEN new.id < 0 BEGIN SELECT RAISE(IGNORE); END");
            exec(c, "INSERT INTO tig VALUES (2, 'old')");
            c.setAutoCommit(false);
            assertThat(insertBatch(c, "INSERT INTO tig VALUES (?, ?)", 1, 2, 3)).containsExactly(1, 0, 1);
            assertThat(insertBatch(c, "INSERT INTO trg VALUES (?, ?)", 1, -2, 3, -4)).containsExactly(1, 0, 1, 0);
            c.commit();
            assertThat(ids(c, "tig")).containsExactly(1L, 2L, 3L);
            assertThat(ids(c, "trg")).containsExactly(1L, 3L);
        }
    }

    @Test
    void replaceCountsOnePerItemLikePerItemExecution(LocalCluster cluster) throws SQLException {
        for (String query : new String[] {"", "?batch_rewrite=false"}) {
            try (Connection c = connect(cluster, query)) {
                exec(c, "CREATE TABLE rp (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
                exec(c, "INSERT INTO rp VALUES (1, 'v1'), (2, 'v2'), (3, 'x')");
                c.setAutoCommit(false);
                // Ids 1 and 3 replace the rows holding them; 4 and 5 are new (v = "item 0" … "item 3").
                assertThat(insertBatch(c, "REPLACE INTO rp (id, v) VALUES (?, ?)", 1, 3, 4, 5)).as(query)
                        .containsExactly(1, 1, 1, 1);
                // Each also deletes the row whose unique v it takes (ids 1 and 3): SQLite does not count those.
                assertThat(insertBatch(c, "INSERT OR REPLACE INTO rp (id, v) VALUES (?, ?)", 2, 6)).as(query)
                        .containsExactly(1, 1);
                c.commit();
                assertThat(ids(c, "rp")).containsExactly(2L, 4L, 5L, 6L);
            }
        }
    }

    @Test
    void updateAndDeleteBatchesReportEachItemsAffectedRows(LocalCluster cluster) throws SQLException {
        for (boolean autocommit : new boolean[] {false, true}) {
            try (Connection c = connect(cluster)) {
                exec(c, "CREATE TABLE ud (id INTEGER PRIMARY KEY, grp INTEGER, v TEXT)");
                exec(c, "INSERT INTO ud SELECT value, value % 3, 'x' FROM (WITH RECURSIVE s(value) AS (SELECT 1 "
                        + "UNION ALL SELECT value + 1 FROM s WHERE value < 30) SELECT value FROM s)");
                c.setAutoCommit(autocommit);
                try (PreparedStatement p = c.prepareStatement("UPDATE ud SET v = ? WHERE grp = ?")) {
                    for (int g : new int[] {0, 1, 7, 2}) {
                        p.setString(1, "g" + g);
                        p.setInt(2, g);
                        p.addBatch();
                    }
                    assertThat(p.executeBatch()).containsExactly(10, 10, 0, 10);
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM ud WHERE id <= ?")) {
                    for (int upTo : new int[] {5, 5, 12, 0, 30}) {
                        p.setInt(1, upTo);
                        p.addBatch();
                    }
                    assertThat(p.executeBatch()).containsExactly(5, 0, 7, 0, 18);
                }
                c.setAutoCommit(true);
                assertThat(ids(c, "ud")).isEmpty();
            }
        }
    }

    /**
     * Item k fails in the middle of a multi-row statement. The result must be exactly that of
     * per-item execution (batch_rewrite=false): same counts, same rows, including an item that
     * conflicts with a later item of the batch (order matters).
     */
    @Test
    void aFailureAtItemKLeavesExactlyTheItemsCountedAsDone(LocalCluster cluster) throws SQLException {
        long[] ids = range(0, 1000);
        ids[250] = -1;          // conflicts with the row inserted before the batch
        ids[251] = 900;         // inserted here; item 900 then conflicts with it, as in per-item order
        ids[777] = 776;         // conflicts with the item just before it
        for (boolean autocommit : new boolean[] {false, true}) {
            List<int[]> outcomes = new ArrayList<>();
            List<List<Long>> tables = new ArrayList<>();
            for (String query : new String[] {"", "?batch_rewrite=false"}) {
                try (Connection c = connect(cluster, query)) {
                    exec(c, "CREATE TABLE fk (id INTEGER PRIMARY KEY, v TEXT)");
                    exec(c, "INSERT INTO fk VALUES (-1, 'before')");
                    c.setAutoCommit(autocommit);
                    BatchUpdateException e = (BatchUpdateException) org.assertj.core.api.Assertions.catchThrowable(
                            () -> insertBatch(c, "INSERT INTO fk (id, v) VALUES (?, ?)", ids));
                    assertThat((Object) e).as(query).isNotNull();
                    assertThat(e.getErrorCode()).isEqualTo(1555); // SQLITE_CONSTRAINT_PRIMARYKEY
                    assertThat(e.getSQLState()).isEqualTo("23505");
                    int[] counts = e.getUpdateCounts();
                    assertThat(counts).hasSize(1000);
                    for (int i = 0; i < counts.length; i++) {
                        boolean failed = i == 250 || i == 900 || i == 777;
                        assertThat(counts[i]).as(query + " item " + i).isEqualTo(failed ? Statement.EXECUTE_FAILED : 1);
                    }
                    if (!autocommit) {
                        c.commit();
                    }
                    c.setAutoCommit(true);
                    List<Long> table = ids(c, "fk");
                    assertThat(table).hasSize(1 + 997);
                    outcomes.add(counts);
                    tables.add(table);
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT v FROM fk WHERE id = 900")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as("item 251 won, as it does item by item").isEqualTo("item 251");
                    }
                }
            }
            assertThat(outcomes.get(0)).isEqualTo(outcomes.get(1));
            assertThat(tables.get(0)).isEqualTo(tables.get(1));
        }
    }

    @Test
    void aFailureInsideATransactionKeepsTheTransactionAndEarlierWork(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            exec(c, "CREATE TABLE ft (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            c.setAutoCommit(false);
            exec(c, "INSERT INTO ft VALUES (-5, 'earlier')");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ft VALUES (?, ?)")) {
                for (int i = 0; i < 300; i++) {
                    p.setInt(1, i);
                    if (i == 123) {
                        p.setNull(2, java.sql.Types.VARCHAR); // NOT NULL
                    } else {
                        p.setString(2, "v" + i);
                    }
                    p.addBatch();
                }
                assertThatThrownBy(p::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23502");
                    int[] counts = e.getUpdateCounts();
                    assertThat(Arrays.stream(counts).filter(n -> n == 1).count()).isEqualTo(299);
                    assertThat(counts[123]).isEqualTo(Statement.EXECUTE_FAILED);
                });
            }
            assertThat(c.unwrap(DqliteJdbcConnection.class).inTransaction()).isTrue();
            c.rollback();
            assertThat(ids(c, "ft")).isEmpty();
        }
    }

    @Test
    void wideRowsOfEveryValueTypeRoundTrip(LocalCluster cluster) throws SQLException {
        int columns = 24;
        try (Connection c = connect(cluster)) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE wide (id INTEGER PRIMARY KEY");
            StringBuilder insert = new StringBuilder("INSERT INTO wide VALUES (?");
            for (int k = 1; k < columns; k++) {
                ddl.append(", c").append(k).append(k % 12 == 11 ? " BOOLEAN" : k % 12 == 10 ? " DATETIME" : "");
                insert.append(", ?");
            }
            exec(c, ddl.append(')').toString());
            c.setAutoCommit(false);
            int rows = 1000;
            long before = requests(c);
            try (PreparedStatement p = c.prepareStatement(insert.append(')').toString())) {
                for (int r = 0; r < rows; r++) {
                    p.setInt(1, r);
                    for (int k = 1; k < columns; k++) {
                        setValue(p, k + 1, k, r);
                    }
                    p.addBatch();
                }
                assertThat(p.executeBatch()).hasSize(rows).containsOnly(1);
            }
            // 24 parameters a row: 10 rows a statement on dqlite 1.11, 400 on newer servers.
            assertThat(requests(c) - before).isLessThanOrEqualTo(rows / 10 + 10);
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM wide ORDER BY id")) {
                for (int r = 0; r < rows; r++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(r);
                    for (int k = 1; k < columns; k++) {
                        checkValue(rs, k + 1, k, r);
                    }
                }
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static void setValue(PreparedStatement p, int index, int k, int r) throws SQLException {
        switch (k % 12) {
            case 0 -> p.setLong(index, Long.MIN_VALUE + r);
            case 1 -> p.setDouble(index, r == 3 ? Double.NaN : r == 4 ? Double.NEGATIVE_INFINITY : r * 0.5);
            case 2 -> p.setString(index, "text ? ( ' \" é 𝄞 " + r);
            case 3 -> p.setBytes(index, new byte[] {0, (byte) r, -1});
            case 4 -> p.setNull(index, java.sql.Types.INTEGER);
            case 5 -> p.setString(index, "");
            case 6 -> p.setBytes(index, new byte[0]);
            case 7 -> p.setBigDecimal(index, new BigDecimal("12345678901234567890.12345").add(BigDecimal.valueOf(r)));
            case 8 -> p.setObject(index, LocalDate.of(2024, 1, 1).plusDays(r));
            case 9 -> p.setInt(index, r % 2 == 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE);
            case 10 -> p.setObject(index, OffsetDateTime.of(2024, 2, 3, 4, 5, 6, 0, ZoneOffset.UTC).plusSeconds(r));
            default -> p.setBoolean(index, r % 3 == 0);
        }
    }

    private static void checkValue(ResultSet rs, int index, int k, int r) throws SQLException {
        String at = "row " + r + " column " + index;
        switch (k % 12) {
            case 0 -> assertThat(rs.getLong(index)).as(at).isEqualTo(Long.MIN_VALUE + r);
            case 1 -> {
                double d = rs.getDouble(index);
                if (r == 3) {
                    // SQLite stores NaN as NULL.
                    assertThat(rs.getObject(index)).as(at).isNull();
                } else {
                    assertThat(d).as(at).isEqualTo(r == 4 ? Double.NEGATIVE_INFINITY : r * 0.5);
                }
            }
            case 2 -> assertThat(rs.getString(index)).as(at).isEqualTo("text ? ( ' \" é 𝄞 " + r);
            case 3 -> assertThat(rs.getBytes(index)).as(at).containsExactly(0, (byte) r, -1);
            case 4 -> assertThat(rs.getObject(index)).as(at).isNull();
            case 5 -> assertThat(rs.getString(index)).as(at).isEqualTo("");
            case 6 -> assertThat(rs.getBytes(index)).as(at).isEmpty();
            case 7 -> assertThat(rs.getString(index)).as(at)
                    .isEqualTo(new BigDecimal("12345678901234567890.12345").add(BigDecimal.valueOf(r)).toPlainString());
            case 8 -> assertThat(rs.getObject(index, LocalDate.class)).as(at).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(r));
            case 9 -> assertThat(rs.getInt(index)).as(at).isEqualTo(r % 2 == 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE);
            case 10 -> assertThat(rs.getObject(index, OffsetDateTime.class).toInstant()).as(at)
                    .isEqualTo(OffsetDateTime.of(2024, 2, 3, 4, 5, 6, 0, ZoneOffset.UTC).plusSeconds(r).toInstant());
            default -> assertThat(rs.getBoolean(index)).as(at).isEqualTo(r % 3 == 0);
        }
    }

    @Test
    void twoConcurrentAutocommitBatchWritersBothSucceed(LocalCluster cluster) throws Exception {
        String url = cluster.jdbcUrl("batch" + DB.incrementAndGet());
        try (Connection c = DriverManager.getConnection(url)) {
            exec(c, "CREATE TABLE cw (id INTEGER PRIMARY KEY, writer INTEGER, v TEXT)");
            exec(c, "CREATE TABLE cwr (id INTEGER PRIMARY KEY, writer INTEGER, v TEXT)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                Callable<Long> job = () -> {
                    long done = 0;
                    try (Connection c = DriverManager.getConnection(url)) {
                        for (int b = 0; b < 40; b++) {
                            // Batches of 100 rows, rewritten, and of per-item UPDATEs.
                            try (PreparedStatement p = c.prepareStatement("INSERT INTO cw VALUES (?, ?, ?)")) {
                                for (int i = 0; i < 100; i++) {
                                    p.setInt(1, writer * 1_000_000 + b * 100 + i);
                                    p.setInt(2, writer);
                                    p.setString(3, "x");
                                    p.addBatch();
                                }
                                int[] counts = p.executeBatch();
                                assertThat(counts).hasSize(100).containsOnly(1);
                                done += counts.length;
                            }
                            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO cwr VALUES (?, ?, ?)")) {
                                for (int i = 0; i < 10; i++) {
                                    p.setInt(1, writer * 1_000_000 + b * 10 + i);
                                    p.setInt(2, writer);
                                    p.setString(3, "y");
                                    p.addBatch();
                                }
                                assertThat(p.executeBatch()).containsOnly(1);
                            }
                        }
                    }
                    return done;
                };
                results.add(pool.submit(job));
            }
            for (Future<Long> f : results) {
                assertThat(f.get(150, TimeUnit.SECONDS)).isEqualTo(4000L);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM cw), (SELECT count(*) FROM cwr)")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(8000);
            assertThat(rs.getLong(2)).isEqualTo(800);
        }
    }

    @Test
    void generatedKeysRequestsAndStatementBatchesRunPerItem(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            exec(c, "CREATE TABLE gk (id INTEGER PRIMARY KEY, v TEXT)");
            c.setAutoCommit(false);
            long before = requests(c);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gk (v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < 50; i++) {
                    p.setString(1, "v" + i);
                    p.addBatch();
                }
                assertThat(p.executeBatch()).hasSize(50).containsOnly(1);
            }
            assertThat(requests(c) - before).isGreaterThanOrEqualTo(50);
            try (Statement s = c.createStatement()) {
                s.addBatch("INSERT INTO gk (v) VALUES ('a')");
                s.addBatch("UPDATE gk SET v = 'b' WHERE id <= 10");
                s.addBatch("DELETE FROM gk WHERE id > 40");
                assertThat(s.executeBatch()).containsExactly(1, 10, 11);
            }
            c.commit();
            assertThat(ids(c, "gk")).hasSize(40);
        }
    }
}
