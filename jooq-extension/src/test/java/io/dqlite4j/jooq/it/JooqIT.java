package io.dqlite4j.jooq.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariDataSource;
import io.dqlite4j.jdbc.DqliteDataSource;
import io.dqlite4j.jdbc.DqliteJdbcConnection;
import io.dqlite4j.jooq.DqliteBusyException;
import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.jooq.DqliteExecuteListener;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jOOQ integration against a real 3-node cluster (both server generations, per
 * {@code dqlite.server}). Every test uses its own database, so tests do not see each other's tables.
 */
@DqliteCluster(nodes = 3)
@Timeout(180)
class JooqIT {
    private static final AtomicInteger DB = new AtomicInteger();
    private static final Pattern SAVEPOINT_NAME = Pattern.compile(
            "(?i)^\\s*(?:savepoint|release\\s+savepoint|release|rollback\\s+to\\s+savepoint|rollback\\s+to)\\s+(\\S+)\\s*$");
    private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Table<Record> T = table(name("t"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<String> V = field(name("v"), String.class);

    private static String url(LocalCluster cluster) {
        return cluster.jdbcUrl("jooq" + DB.incrementAndGet());
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> values(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long roundTrips(Connection c) throws SQLException {
        return c.unwrap(DqliteJdbcConnection.class).roundTrips();
    }

    private static boolean inTransaction(Connection c) throws SQLException {
        return c.unwrap(DqliteJdbcConnection.class).inTransaction();
    }

    @Test
    void selectOne(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(url(cluster))) {
            Object one = DqliteDSL.using(c).fetchValue("select 1");
            assertThat(one).isInstanceOf(Number.class);
            assertThat(((Number) one).intValue()).isEqualTo(1);
        }
    }

    @Test
    void transactionResultCommitsAndReturnsItsValue(LocalCluster cluster) throws SQLException {
        String url = url(cluster);
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            DSLContext ctx = DqliteDSL.using(c);
            int result = ctx.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                int n = tx.insertInto(T, ID, V).values(1, "a").values(2, "b").execute();
                n += tx.insertInto(T, ID, V).values(3, "c").execute();
                // Not yet visible to another connection: the transaction is still open.
                assertThat(values(url, "SELECT count(*) FROM t")).containsExactly("0");
                return n;
            });
            assertThat(result).isEqualTo(3);
            assertThat(inTransaction(c)).isFalse();
            assertThat(c.getAutoCommit()).as("autocommit restored").isTrue();
        }
        assertThat(values(url, "SELECT v FROM t ORDER BY id")).as("committed, seen from another connection")
                .containsExactly("a", "b", "c");
    }

    @Test
    void aThrowingBodyRollsBackAndTheOriginalExceptionPropagates(LocalCluster cluster) throws SQLException {
        String url = url(cluster);
        IllegalStateException original = new IllegalStateException("boom from the body");
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            DSLContext ctx = DqliteDSL.using(c);
            assertThatThrownBy(() -> ctx.transactionResult(cfg -> {
                DSL.using(cfg).insertInto(T, ID, V).values(1, "gone").execute();
                throw original;
            })).isSameAs(original);
            assertThat(inTransaction(c)).isFalse();
            assertThat(c.getAutoCommit()).isTrue();
            // The connection is usable after the rollback.
            ctx.insertInto(T, ID, V).values(2, "kept").execute();
        }
        assertThat(values(url, "SELECT v FROM t ORDER BY id")).containsExactly("kept");
    }

    @Test
    void aFailingNestedTransactionRollsBackOnlyItsOwnRows(LocalCluster cluster) throws SQLException {
        String url = url(cluster);
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            DSLContext ctx = DqliteDSL.using(c);
            ctx.transaction(outer -> {
                DSL.using(outer).insertInto(T, ID, V).values(1, "outer-before").execute();
                RuntimeException inner = new RuntimeException("inner fails");
                assertThatThrownBy(() -> DSL.using(outer).transaction(in -> {
                    DSL.using(in).insertInto(T, ID, V).values(2, "inner-1").execute();
                    DSL.using(in).insertInto(T, ID, V).values(3, "inner-2").execute();
                    throw inner;
                })).isSameAs(inner);
                DSL.using(outer).insertInto(T, ID, V).values(4, "outer-after").execute();
            });
            assertThat(inTransaction(c)).isFalse();
        }
        assertThat(values(url, "SELECT v FROM t ORDER BY id")).containsExactly("outer-before", "outer-after");
    }

    @Test
    void savepointsOfNestedBlocksHaveBareAsciiNames(LocalCluster cluster) throws SQLException {
        String url = url(cluster);
        List<String> sql = Collections.synchronizedList(new ArrayList<>());
        ExecuteListener recorder = new ExecuteListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void prepareStart(ExecuteContext ctx) {
                sql.add(ctx.sql());
            }
        };
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            Configuration cfg = DqliteDSL.configuration(c).set(DqliteExecuteListener.create(), recorder);
            DSLContext ctx = DSL.using(cfg);
            ctx.transaction(level1 -> {
                DSL.using(level1).insertInto(T, ID, V).values(1, "l1").execute();
                DSL.using(level1).transaction(level2 -> {
                    DSL.using(level2).insertInto(T, ID, V).values(2, "l2").execute();
                    DSL.using(level2).transaction(level3 ->
                            DSL.using(level3).insertInto(T, ID, V).values(3, "l3").execute());
                    try {
                        DSL.using(level2).transaction(level3 -> {
                            DSL.using(level3).insertInto(T, ID, V).values(4, "l3-failed").execute();
                            throw new IllegalStateException("roll back to the savepoint");
                        });
                    } catch (IllegalStateException expected) {
                        // the savepoint was rolled back and released
                    }
                });
            });
            assertThat(c.unwrap(DqliteJdbcConnection.class).hasUntrackedSavepoint()).isFalse();
            assertThat(inTransaction(c)).isFalse();
        }
        List<String> names = new ArrayList<>();
        List<String> savepointSql = new ArrayList<>();
        for (String s : sql) {
            Matcher m = SAVEPOINT_NAME.matcher(s);
            if (m.matches()) {
                savepointSql.add(s);
                names.add(m.group(1));
            }
        }
        assertThat(savepointSql).as("all SQL seen: %s", sql)
                .anySatisfy(s -> assertThat(s).matches("(?i)savepoint\\s+jooq_sp_\\d+"))
                .anySatisfy(s -> assertThat(s).matches("(?i)release\\s+savepoint\\s+jooq_sp_\\d+"))
                .anySatisfy(s -> assertThat(s).matches("(?i)rollback\\s+to\\s+savepoint\\s+jooq_sp_\\d+"));
        assertThat(names).isNotEmpty().allSatisfy(n -> {
            assertThat(n).startsWith("jooq_sp_");
            assertThat(BARE_NAME.matcher(n).matches()).as("bare ASCII name: %s", n).isTrue();
        });
        assertThat(values(url, "SELECT v FROM t ORDER BY id")).containsExactly("l1", "l2", "l3");
    }

    @Test
    void rawBeginInsideTransactionResultFailsAndTheOuterTransactionRollsBack(LocalCluster cluster)
            throws SQLException {
        String url = url(cluster);
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            DSLContext ctx = DqliteDSL.using(c);
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ctx.transactionResult(cfg -> {
                DSL.using(cfg).insertInto(T, ID, V).values(1, "must not survive").execute();
                return DSL.using(cfg).execute("BEGIN");
            }));
            assertThat(thrown).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("cannot start a transaction within a transaction");
            Throwable cause = ((DataAccessException) thrown).getCause(SQLException.class);
            assertThat(cause).as("SQLException cause of %s", thrown).isNotNull();
            assertThat(((SQLException) cause).getSQLState()).as("SQLState class 25 (invalid transaction state)").startsWith("25");
            assertThat(inTransaction(c)).as("the outer transaction was rolled back").isFalse();
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(values(url, "SELECT count(*) FROM t")).as("nothing the transaction wrote is there")
                .containsExactly("0");
    }

    @Test
    void rawBeginAndCommitOutsideATransactionArePlainSql(LocalCluster cluster) throws SQLException {
        String url = url(cluster);
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            DSLContext ctx = DqliteDSL.using(c);
            ctx.execute("BEGIN");
            assertThat(inTransaction(c)).isTrue();
            ctx.insertInto(T, ID, V).values(1, "raw").execute();
            assertThat(values(url, "SELECT count(*) FROM t")).as("not committed yet").containsExactly("0");
            ctx.execute("COMMIT");
            assertThat(inTransaction(c)).isFalse();
        }
        assertThat(values(url, "SELECT v FROM t")).containsExactly("raw");
    }

    @Test
    void eightThreadsIncrementOneCounterThroughAHikariPool(LocalCluster cluster) throws Exception {
        String url = url(cluster);
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE counter (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
            exec(c, "INSERT INTO counter VALUES (1, 0)");
        }
        Table<Record> counter = table(name("counter"));
        Field<Integer> cid = field(name("id"), Integer.class);
        Field<Integer> cv = field(name("v"), Integer.class);
        int threads = 8;
        int perThread = 200;
        AtomicInteger busyEscaped = new AtomicInteger();
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setDataSource(new DqliteDataSource(url));
            pool.setMaximumPoolSize(threads);
            pool.setMinimumIdle(threads);
            pool.setConnectionTimeout(30_000);
            DSLContext ctx = DqliteDSL.using(pool);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(executor.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            while (true) {
                                try {
                                    // Read-modify-write: a lost update would show in the final value.
                                    ctx.transactionResult(cfg -> {
                                        DSLContext tx = DSL.using(cfg);
                                        int v = tx.select(cv).from(counter).where(cid.eq(1)).fetchOne(cv);
                                        return tx.update(counter).set(cv, v + 1).where(cid.eq(1)).execute();
                                    });
                                    break;
                                } catch (DqliteBusyException e) {
                                    // Counted and reported: the test fails if any escaped.
                                    busyEscaped.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(150, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
                assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            Integer last = ctx.fetchValue(DSL.select(cv).from(counter).where(cid.eq(1)));
            assertThat(last).as("no lost update").isEqualTo(threads * perThread);
        }
        System.out.printf("JooqIT counter (%s): %d busy errors escaped transactionResult%n",
                cluster.server(), busyEscaped.get());
        assertThat(busyEscaped.get()).as("busy errors that escaped the driver's busy retries").isZero();
    }

    /** A table with an identity column, as generated code would declare it. */
    static final class Ret extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        static final Ret RET = new Ret();

        final TableField<Record, Long> id = createField(name("id"), SQLDataType.BIGINT.identity(true), this);
        final TableField<Record, String> v = createField(name("v"), SQLDataType.VARCHAR, this);

        private Ret() {
            super(name("ret"));
        }
    }

    @Test
    void multiRowInsertReturningGivesBackEveryRowAndTheNodeSurvives(LocalCluster cluster) throws SQLException {
        String url = url(cluster);
        Ret r = Ret.RET;
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE ret (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
            exec(c, "INSERT INTO ret (v) VALUES ('before')");
            DSLContext ctx = DqliteDSL.using(c);
            Result<Record> rows = ctx.insertInto(r, r.v).values("x").values("y").returning().fetch();
            assertThat(rows).hasSize(2);
            assertThat(rows.getValues(r.v)).containsExactly("x", "y");
            assertThat(rows.getValues(r.id)).containsExactly(2L, 3L);

            // Every node is still alive and the cluster still takes writes.
            for (LocalNode node : cluster.nodes()) {
                assertThat(node.isRunning()).as("%s is alive", node).isTrue();
            }
            ctx.insertInto(r, r.v).values("after").execute();
        }
        assertThat(values(url, "SELECT id || ':' || v FROM ret ORDER BY id"))
                .containsExactly("1:before", "2:x", "3:y", "4:after");
        for (LocalNode node : cluster.nodes()) {
            assertThat(node.isRunning()).as("%s is alive", node).isTrue();
        }
    }

    @Test
    void mergeIntoIsRejectedBeforeAnythingIsSent(LocalCluster cluster) throws SQLException {
        String url = url(cluster);
        try (Connection c = connect(url)) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            DSLContext ctx = DqliteDSL.using(c);
            var merge = ctx.mergeInto(T)
                    .using(DSL.selectOne())
                    .on(ID.eq(1))
                    .whenMatchedThenUpdate().set(V, "updated")
                    .whenNotMatchedThenInsert(ID, V).values(1, "inserted");
            assertThat(merge.getSQL()).as("what jOOQ renders").containsIgnoringCase("merge into");
            long before = roundTrips(c);
            assertThatThrownBy(merge::execute)
                    .isInstanceOf(DataAccessException.class)
                    .hasRootCauseInstanceOf(SQLFeatureNotSupportedException.class)
                    .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("0A000"));
            assertThat(roundTrips(c)).as("nothing was sent").isEqualTo(before);
        }
        assertThat(values(url, "SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void selectForUpdateIsRejectedBeforeAnythingIsSent(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(url(cluster))) {
            exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            DSLContext ctx = DqliteDSL.using(c);
            var query = ctx.select(ID, V).from(T).where(ID.eq(1)).forUpdate();
            assertThat(query.getSQL()).as("what jOOQ renders").containsIgnoringCase("for update");
            long before = roundTrips(c);
            assertThatThrownBy(query::fetch)
                    .isInstanceOf(DataAccessException.class)
                    .hasRootCauseInstanceOf(SQLFeatureNotSupportedException.class)
                    .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("0A000"));
            assertThat(roundTrips(c)).as("nothing was sent").isEqualTo(before);
        }
    }
}
