package io.dqlite4j.jooq;

import static io.dqlite4j.jooq.FakeJdbc.sqlState;
import static io.dqlite4j.jooq.FakeJdbc.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DqliteExecuteListenerTest {
    private static final Table<?> T = DSL.table(DSL.name("t"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), Integer.class);

    private final FakeJdbc jdbc = new FakeJdbc();
    private final DSLContext ctx = DqliteDSL.using(jdbc.connection());

    /** Runs {@code body} inside a managed transaction and returns what it threw. */
    private Throwable insideTransaction(Consumer<DSLContext> body) {
        List<Throwable> thrown = new ArrayList<>();
        ctx.transaction(cfg -> {
            try {
                body.accept(DSL.using(cfg));
            } catch (RuntimeException e) {
                thrown.add(e);
            }
        });
        return thrown.isEmpty() ? null : thrown.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "begin", "BEGIN IMMEDIATE", "begin deferred transaction", "  /* c */ BEGIN;",
        "-- comment\nBEGIN EXCLUSIVE", "select 1; begin"})
    void beginInsideManagedTransactionIsRejectedBeforeSending(String sql) {
        Throwable t = insideTransaction(tx -> tx.execute(sql));
        assertThat(t).isExactlyInstanceOf(DataAccessException.class);
        SQLException cause = (SQLException) t.getCause();
        assertThat(cause.getMessage()).isEqualTo("cannot start a transaction within a transaction");
        assertThat(cause.getSQLState()).isEqualTo("25001");
        assertThat(((DataAccessException) t).sqlState()).startsWith("25");
        assertThat(jdbc.sql()).isEmpty();
        assertThat(jdbc.log).contains("commit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT", "commit transaction", "END", "end transaction", "ROLLBACK", "rollback;",
        "ROLLBACK TRANSACTION", "select 1; COMMIT", "insert into t values (1); rollback"})
    void rawCommitEndRollbackInsideManagedTransactionIsRejected(String sql) {
        Throwable t = insideTransaction(tx -> tx.execute(sql));
        assertThat(t).isExactlyInstanceOf(DataAccessException.class);
        SQLException cause = (SQLException) t.getCause();
        assertThat(cause.getSQLState()).isEqualTo("25000");
        assertThat(cause.getMessage()).contains("transaction provider owns COMMIT and ROLLBACK");
        assertThat(jdbc.sql()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROLLBACK TO SAVEPOINT x", "rollback to x", "ROLLBACK TRANSACTION TO SAVEPOINT x",
        "SAVEPOINT x", "RELEASE SAVEPOINT x", "release x", "select 'begin'", "select \"commit\" from t",
        "create trigger tr after insert on t begin update u set n = n + 1; end",
        "create temp trigger tr after insert on t begin delete from u; insert into u values (1); end; select 1"})
    void savepointsAndOrdinarySqlAreAllowedInsideManagedTransaction(String sql) {
        assertThat(insideTransaction(tx -> tx.execute(sql))).isNull();
        assertThat(jdbc.sql()).containsExactly(sql);
    }

    @Test
    void jooqTransactionStatementsAreRejectedToo() {
        assertThat(insideTransaction(tx -> tx.startTransaction().execute())).isNotNull();
        assertThat(insideTransaction(tx -> tx.commit().execute())).isNotNull();
        assertThat(insideTransaction(tx -> tx.rollback().execute())).isNotNull();
        assertThat(insideTransaction(tx -> tx.rollback().toSavepoint("sp").execute())).isNull();
        assertThat(jdbc.sql()).containsExactly("rollback to savepoint sp");
    }

    @Test
    void batchesAreCheckedStatementByStatement() {
        Throwable t = insideTransaction(tx -> tx.batch(tx.query("insert into t values (1)"), tx.query("COMMIT"))
                .execute());
        assertThat(t).isInstanceOf(DataAccessException.class);
        assertThat(((SQLException) t.getCause()).getSQLState()).isEqualTo("25000");
        assertThat(jdbc.sql()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK", "END"})
    void transactionControlPassesOutsideManagedTransactions(String sql) {
        assertThatCode(() -> ctx.execute(sql)).doesNotThrowAnyException();
        assertThat(jdbc.sql()).containsExactly(sql);
    }

    @Test
    void driverFailuresAreTranslated() {
        jdbc.failOnce(startsWith("select"), sqlState("08006", 10250), sqlState("08007", 10506),
                sqlState("40001", 5), sqlState("23505", 2067), sqlState("08001"));
        Throwable lost = catchThrowable(() -> ctx.fetch("select 1"));
        Throwable ambiguous = catchThrowable(() -> ctx.fetch("select 2"));
        Throwable busy = catchThrowable(() -> ctx.fetch("select 3"));
        Throwable unique = catchThrowable(() -> ctx.fetch("select 4"));
        Throwable unable = catchThrowable(() -> ctx.execute("select 5"));

        assertThat(lost).isExactlyInstanceOf(DqliteConnectionLostException.class)
                .hasMessageContaining("select 1").hasCauseInstanceOf(SQLException.class);
        assertThat(ambiguous).isExactlyInstanceOf(DqliteInDoubtException.class);
        assertThat(busy).isExactlyInstanceOf(DqliteBusyException.class);
        assertThat(unique).isExactlyInstanceOf(IntegrityConstraintViolationException.class);
        assertThat(unable).isExactlyInstanceOf(DqliteConnectionLostException.class);

        assertThat(DqliteExecuteListener.extendedCode((DataAccessException) lost)).isEqualTo(10250);
        assertThat(DqliteExecuteListener.extendedCode((DataAccessException) ambiguous)).isEqualTo(10506);
        assertThat(DqliteExecuteListener.extendedCode((DataAccessException) busy)).isEqualTo(5);
        assertThat(DqliteExecuteListener.extendedCode((DataAccessException) unique)).isEqualTo(2067);
        assertThat(((SQLException) unique.getCause()).getErrorCode()).isEqualTo(2067);
        assertThat(DqliteExecuteListener.extendedCode((DataAccessException) unable)).isEqualTo(-1);
        assertThat(((DataAccessException) busy).sqlState()).isEqualTo("40001");
    }

    @Test
    void connectionAcquisitionFailuresAreTranslatedToo() {
        org.jooq.ConnectionProvider failing = new org.jooq.ConnectionProvider() {
            @Override
            public java.sql.Connection acquire() {
                throw new DataAccessException("Error getting connection", sqlState("08001"));
            }

            @Override
            public void release(java.sql.Connection connection) {
            }
        };
        Throwable t = catchThrowable(() -> DSL.using(DqliteDSL.configuration(failing)).execute("select 1"));
        assertThat(t).isExactlyInstanceOf(DqliteConnectionLostException.class).hasCauseInstanceOf(SQLException.class);
        Throwable tx = catchThrowable(() -> DSL.using(DqliteDSL.configuration(failing)).transaction(cfg -> { }));
        assertThat(tx).isExactlyInstanceOf(DqliteConnectionLostException.class).hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void extendedCodeFallsBackToTheNativeClientException() {
        var nativeFailure = new io.dqlite4j.client.DqliteServerException(1555, "UNIQUE constraint failed");
        var e = new DataAccessException("x", new SQLException("x", "23505", 0, nativeFailure));
        assertThat(DqliteExecuteListener.extendedCode(e)).isEqualTo(1555);
        assertThat(DqliteExecuteListener.extendedCode(new DataAccessException("no cause"))).isEqualTo(-1);
        assertThat(DqliteExecuteListener.extendedCode(null)).isEqualTo(-1);
    }

    @Test
    void unsupportedConstructsAreRejectedBeforeSending() {
        List<Runnable> queries = List.of(
                () -> ctx.mergeInto(T).using(DSL.selectOne()).on(DSL.trueCondition())
                        .whenMatchedThenUpdate().set(ID, 1).execute(),
                () -> ctx.selectFrom(T).forUpdate().fetch(),
                () -> ctx.selectFrom(T).forUpdate().skipLocked().fetch(),
                () -> ctx.selectFrom(T).forShare().fetch(),
                () -> ctx.select().from(T, DSL.lateral(DSL.select(ID).from(T))).fetch(),
                () -> ctx.createSequence("s").execute(),
                () -> ctx.execute("select * from t for no key update"));
        List<String> constructs = List.of("MERGE", "FOR UPDATE", "FOR UPDATE", "FOR SHARE", "LATERAL", "SEQUENCE",
                "FOR UPDATE");
        for (int i = 0; i < queries.size(); i++) {
            Throwable t = catchThrowable(queries.get(i)::run);
            assertThat(t).as(constructs.get(i)).isExactlyInstanceOf(DataAccessException.class)
                    .hasMessageContaining("dqlite cannot run " + constructs.get(i) + ": ")
                    .hasCauseInstanceOf(SQLFeatureNotSupportedException.class);
            assertThat(((SQLException) t.getCause()).getSQLState()).isEqualTo("0A000");
        }
        assertThat(jdbc.sql()).isEmpty();
    }

    @Test
    void guardIgnoresLiteralsQuotedNamesAndCommentsAndCanBeTurnedOff() {
        ctx.execute("select 'for update', \"lateral\" (1) from t -- for update\n /* merge into */");
        ctx.execute("select `for` from [lateral]");
        assertThat(jdbc.sql()).hasSize(2);

        DSLContext unguarded = DSL.using(DqliteDSL.configuration(jdbc.connection())
                .set(DqliteExecuteListener.builder().rejectUnsupportedSql(false).build()));
        unguarded.selectFrom(T).forUpdate().fetch();
        assertThat(jdbc.sql()).last().asString().endsWith("for update");
    }

    @Test
    void slowStatementsAreLoggedAboveTheThreshold() {
        CapturingLogger logger = new CapturingLogger();
        DSLContext logged = DSL.using(DqliteDSL.configuration(jdbc.connection()).set(DqliteExecuteListener.builder()
                .slowStatementThreshold(Duration.ZERO).slowStatementLogger(logger).build()));
        logged.execute("insert into t values (1)");
        assertThat(logger.messages).singleElement().asString()
                .startsWith("WARNING slow statement: ").endsWith("insert into t values (1)");

        CapturingLogger quiet = new CapturingLogger();
        DSLContext notLogged = DSL.using(DqliteDSL.configuration(jdbc.connection()).set(DqliteExecuteListener.builder()
                .slowStatementThreshold(Duration.ofHours(1)).slowStatementLogger(quiet).build()));
        notLogged.execute("insert into t values (1)");
        assertThat(quiet.messages).isEmpty();
        assertThat(DqliteExecuteListener.create().slowStatementThreshold()).isNull();
    }

    /** A System.Logger that keeps formatted messages. */
    static final class CapturingLogger implements System.Logger {
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String getName() {
            return "capture";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            messages.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            messages.add(level + " " + java.text.MessageFormat.format(format, params));
        }
    }
}
