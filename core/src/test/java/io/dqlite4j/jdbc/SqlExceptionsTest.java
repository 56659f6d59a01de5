package io.dqlite4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteInDoubtException;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteException;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.NoLeaderException;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.wire.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlExceptionsTest {

    private static SQLException server(long code, String message) {
        return SqlExceptions.toSqlException(new DqliteServerException(code, message));
    }

    @Nested
    class ServerCodes {
        static Stream<Arguments> mapping() {
            return Stream.of(
                    // code, message, class, state
                    Arguments.of(2067L, "UNIQUE constraint failed: t.c", SQLIntegrityConstraintViolationException.class, "23505"),
                    Arguments.of(1555L, "UNIQUE constraint failed: t.id", SQLIntegrityConstraintViolationException.class, "23505"),
                    Arguments.of(787L, "FOREIGN KEY constraint failed", SQLIntegrityConstraintViolationException.class, "23503"),
                    Arguments.of(1299L, "NOT NULL constraint failed: t.c", SQLIntegrityConstraintViolationException.class, "23502"),
                    Arguments.of(275L, "CHECK constraint failed: c > 0", SQLIntegrityConstraintViolationException.class, "23514"),
                    Arguments.of(19L, "constraint failed", SQLIntegrityConstraintViolationException.class, "23000"),
                    Arguments.of(1811L, "raised by trigger", SQLIntegrityConstraintViolationException.class, "23000"),
                    Arguments.of(2579L, "rowid", SQLIntegrityConstraintViolationException.class, "23000"),
                    Arguments.of(20L, "cannot store TEXT value in INTEGER column t.a", SQLDataException.class, "22000"),
                    Arguments.of(18L, "string or blob too big", SQLDataException.class, "22001"),
                    Arguments.of(25L, "column index out of range", SQLDataException.class, "22023"),
                    Arguments.of(5L, "database is locked", SQLTransactionRollbackException.class, "40001"),
                    Arguments.of(261L, "busy recovery", SQLTransactionRollbackException.class, "40001"),
                    Arguments.of(517L, "busy snapshot", SQLTransactionRollbackException.class, "40001"),
                    Arguments.of(6L, "database table is locked", SQLTransactionRollbackException.class, "40001"),
                    Arguments.of(262L, "locked sharedcache", SQLTransactionRollbackException.class, "40001"),
                    Arguments.of(1L, "near \"SELEC\": syntax error", SQLSyntaxErrorException.class, "42000"),
                    Arguments.of(1L, "no such table: missing", SQLSyntaxErrorException.class, "42S02"),
                    Arguments.of(1L, "no such column: nope", SQLSyntaxErrorException.class, "42S22"),
                    Arguments.of(1L, "cannot start a transaction within a transaction", SQLException.class, "25001"),
                    Arguments.of(1L, "cannot commit - no transaction is active", SQLException.class, "25000"),
                    Arguments.of(1L, "cannot rollback - no transaction is active", SQLException.class, "25000"),
                    Arguments.of(1L, "cannot commit transaction - SQL statements in progress", SQLException.class, "25000"),
                    Arguments.of(1L, "cannot release savepoint - SQL statements in progress", SQLException.class, "25000"),
                    Arguments.of(1L, "no such savepoint: sp1", SQLException.class, "3B001"),
                    Arguments.of(1L, "server is shutting down", SQLTransientConnectionException.class, "08006"),
                    Arguments.of(1L, "no connection to remote server", SQLTransientConnectionException.class, "08006"),
                    Arguments.of(1L, "operation canceled", SQLTransientConnectionException.class, "08006"),
                    Arguments.of(8L, "attempt to write a readonly database", SQLException.class, "25006"),
                    Arguments.of(23L, "authorization denied", SQLSyntaxErrorException.class, "42000"),
                    Arguments.of(10250L, "not leader", SQLTransientConnectionException.class, "08006"),
                    Arguments.of(8202L, "not leader", SQLTransientConnectionException.class, "08006"),
                    Arguments.of(7L, "no more rows available", SQLTransientConnectionException.class, "08006"),
                    Arguments.of(12L, "no database opened", SQLTransientConnectionException.class, "08006"),
                    Arguments.of(12L, "no statement with the given id", SQLException.class, "HY000"),
                    Arguments.of(10506L, "leadership lost", DqliteInDoubtSQLException.class, "08007"),
                    Arguments.of(8458L, "disk I/O error", DqliteInDoubtSQLException.class, "08007"),
                    Arguments.of(10L, "disk I/O error", SQLException.class, "HY000"),
                    Arguments.of(778L, "disk I/O error", SQLException.class, "HY000"),
                    Arguments.of(4L, "abort", SQLException.class, "HY000"),
                    Arguments.of(0L, "empty statement", SQLException.class, "HY000"),
                    Arguments.of(1005L, "not an error", SQLException.class, "HY000"),
                    Arguments.of(1002L, "unknown database", SQLException.class, "HY000"),
                    Arguments.of(100L, "another row available", SQLException.class, "HY000"));
        }

        @ParameterizedTest(name = "{0} {1} -> {3}")
        @MethodSource("mapping")
        void mapsCodeToSubclassStateVendorCodeAndMessage(long code, String message, Class<?> type, String state) {
            DqliteServerException cause = new DqliteServerException(code, message);
            SQLException e = SqlExceptions.toSqlException(cause);
            assertThat((Throwable) e).isExactlyInstanceOf(type);
            assertThat(e.getSQLState()).isEqualTo(state);
            assertThat(e.getErrorCode()).isEqualTo((int) code);
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.getCause()).isSameAs(cause);
        }

        @Test
        void busyIsRetryableTransientFailure() {
            assertThat((Throwable) server(5, "database is locked")).isInstanceOf(SQLTransientException.class);
        }

        @Test
        void transactionMessagesAreCaseAndWhitespaceInsensitive() {
            assertThat(server(1, "  Cannot Start A Transaction Within A Transaction ").getSQLState()).isEqualTo("25001");
        }

        @Test
        void raftCollapseNeedsTheWholeMessage() {
            // A code-1 message that merely contains the phrase is a plain SQL error.
            assertThat(server(1, "near \"server is shutting down\": syntax error").getSQLState()).isEqualTo("42000");
        }

        @Test
        void otherNotFoundMessagesAreNotDisconnects() {
            assertThat(SqlExceptions.isDisconnect(server(12, "no statement with the given id"))).isFalse();
            assertThat(SqlExceptions.isDisconnect(server(12, "no database opened"))).isTrue();
        }

        @Test
        void contextPrefixesTheServerMessage() {
            SQLException e = SqlExceptions.toSqlException("INSERT INTO t", new DqliteServerException(2067, "UNIQUE constraint failed: t.c"));
            assertThat(e.getMessage()).isEqualTo("INSERT INTO t: UNIQUE constraint failed: t.c");
            assertThat(SqlExceptions.toSqlException("  ", new DqliteServerException(1, "x")).getMessage()).isEqualTo("x");
        }

        @Test
        void nullServerMessageFallsBackToExceptionMessage() {
            SQLException e = server(1, null);
            assertThat(e.getMessage()).isEqualTo("null (code 1)");
            assertThat(e.getSQLState()).isEqualTo("42000");
        }

        @Test
        void hugeCodesGiveVendorCodeZero() {
            SQLException e = server(1L << 40 | 19, "odd");
            assertThat(e.getErrorCode()).isZero();
            assertThat(e.getSQLState()).isEqualTo("23000");
        }
    }

    @Nested
    class ClientExceptions {
        @Test
        void ambiguousCommit() {
            DqliteInDoubtException cause = new DqliteInDoubtException("leadership lost during COMMIT", 10506, null);
            SQLException e = SqlExceptions.toSqlException(cause);
            // Non-transient on purpose: retry layers must not re-run a write in doubt.
            assertThat((Throwable) e).isExactlyInstanceOf(DqliteInDoubtSQLException.class)
                    .isInstanceOf(java.sql.SQLNonTransientConnectionException.class)
                    .isNotInstanceOf(java.sql.SQLTransientException.class);
            assertThat(e.getSQLState()).isEqualTo("08007");
            assertThat(e.getErrorCode()).isEqualTo(10506);
            assertThat(e.getMessage()).isEqualTo("leadership lost during COMMIT");
            assertThat(e.getCause()).isSameAs(cause);
        }

        @Test
        void ambiguousCommitWithoutCode() {
            SQLException e = SqlExceptions.toSqlException(new DqliteInDoubtException("socket closed after COMMIT", -1, null));
            assertThat(e.getErrorCode()).isZero();
            assertThat(e.getSQLState()).isEqualTo("08007");
        }

        @Test
        void noLeader() {
            NoLeaderException cause = new NoLeaderException("no leader among 127.0.0.1:9001", null);
            SQLException e = SqlExceptions.toSqlException(cause);
            assertThat((Throwable) e).isExactlyInstanceOf(SQLTransientConnectionException.class);
            assertThat(e.getSQLState()).isEqualTo("08001");
            assertThat(e.getCause()).isSameAs(cause);
        }

        @Test
        void timeout() {
            DqliteTimeoutException cause = new DqliteTimeoutException("no answer within 10s", true);
            SQLException e = SqlExceptions.toSqlException(cause);
            assertThat((Throwable) e).isExactlyInstanceOf(SQLTimeoutException.class);
            assertThat(e.getSQLState()).isEqualTo("HYT00");
            assertThat(e.getCause()).isSameAs(cause);
            assertThat(SqlExceptions.isDisconnect(e)).isTrue();
        }

        @Test
        void connectionLoss() {
            DqliteConnectionException cause = new DqliteConnectionException("connection closed by server", new IOException("eof"));
            SQLException e = SqlExceptions.toSqlException(cause);
            assertThat((Throwable) e).isExactlyInstanceOf(SQLTransientConnectionException.class);
            assertThat(e.getSQLState()).isEqualTo("08006");
            assertThat(e.getErrorCode()).isZero();
            assertThat(e.getMessage()).isEqualTo("connection closed by server");
        }

        @Test
        void connectionExceptionKeepsItsCode() {
            SQLException e = SqlExceptions.toSqlException(new DqliteConnectionException("not leader", 10250, false, null));
            assertThat(e.getSQLState()).isEqualTo("08006");
            assertThat(e.getErrorCode()).isEqualTo(10250);
        }

        @Test
        void baseExceptionWithCodeMapsLikeServer() {
            assertThat(SqlExceptions.toSqlException(new DqliteException("UNIQUE", 2067, null)).getSQLState()).isEqualTo("23505");
        }

        @Test
        void baseExceptionWithoutCode() {
            SQLException e = SqlExceptions.toSqlException(new DqliteException("odd"));
            assertThat((Throwable) e).isExactlyInstanceOf(SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("HY000");
        }

        @Test
        void interruptedWhileWaiting() {
            SQLException e = SqlExceptions.toSqlException(new DqliteException("interrupted while waiting for rows", new InterruptedException()));
            assertThat(e.getSQLState()).isEqualTo("HY008");
        }

        @Test
        void protocolError() {
            ProtocolException cause = new ProtocolException("unknown response type 99");
            SQLException e = SqlExceptions.toSqlException(cause);
            assertThat((Throwable) e).isExactlyInstanceOf(SQLNonTransientConnectionException.class);
            assertThat(e.getSQLState()).isEqualTo("08S01");
            assertThat(e.getCause()).isSameAs(cause);
            assertThat(SqlExceptions.isDisconnect(e)).isTrue();
        }
    }

    @Nested
    class OtherThrowables {
        @Test
        void illegalArgumentIsDataError() {
            IllegalArgumentException cause = new IllegalArgumentException("parameter 1 has unsupported type java.util.List");
            SQLException e = SqlExceptions.toSqlException(cause);
            assertThat((Throwable) e).isExactlyInstanceOf(SQLDataException.class);
            assertThat(e.getSQLState()).isEqualTo("22023");
            assertThat(e.getMessage()).isEqualTo("parameter 1 has unsupported type java.util.List");
            assertThat(e.getCause()).isSameAs(cause);
        }

        @Test
        void numberFormatAndDateTimeAndArithmeticAreDataErrors() {
            assertThat(SqlExceptions.toSqlException(new NumberFormatException("x")).getSQLState()).isEqualTo("22023");
            assertThat(SqlExceptions.toSqlException(new DateTimeException("x")).getSQLState()).isEqualTo("22023");
            assertThat(SqlExceptions.toSqlException(new ArithmeticException("x")).getSQLState()).isEqualTo("22023");
        }

        @Test
        void illegalStateIsGeneralError() {
            SQLException e = SqlExceptions.toSqlException(new IllegalStateException("client is closed"));
            assertThat((Throwable) e).isExactlyInstanceOf(SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("HY000");
        }

        @Test
        void cancellation() {
            SQLException e = SqlExceptions.toSqlException(new CancellationException());
            assertThat(e.getSQLState()).isEqualTo("HY008");
            assertThat(e.getMessage()).isEqualTo("java.util.concurrent.CancellationException");
            assertThat(SqlExceptions.toSqlException(new InterruptedException("stop")).getSQLState()).isEqualTo("HY008");
        }

        @Test
        void unsupported() {
            SQLException e = SqlExceptions.toSqlException(new UnsupportedOperationException("scrollable cursors"));
            assertThat((Throwable) e).isExactlyInstanceOf(SQLFeatureNotSupportedException.class);
            assertThat(e.getSQLState()).isEqualTo("0A000");
        }

        @Test
        void ioErrorsAreConnectionFailures() {
            SQLException refused = SqlExceptions.toSqlException(new ConnectException("refused"));
            assertThat((Throwable) refused).isExactlyInstanceOf(SQLTransientConnectionException.class);
            assertThat(refused.getSQLState()).isEqualTo("08006");
            assertThat(SqlExceptions.toSqlException(new UncheckedIOException(new IOException("reset"))).getSQLState())
                    .isEqualTo("08006");
        }

        @Test
        void javaTimeout() {
            assertThat((Throwable) SqlExceptions.toSqlException(new TimeoutException("late"))).isExactlyInstanceOf(SQLTimeoutException.class);
        }

        @Test
        void anythingElse() {
            SQLException e = SqlExceptions.toSqlException("ctx", new OutOfMemoryError());
            assertThat(e.getSQLState()).isEqualTo("HY000");
            assertThat(e.getMessage()).isEqualTo("ctx: java.lang.OutOfMemoryError");
        }

        @Test
        void sqlExceptionPassesThroughUnchanged() {
            SQLException original = new SQLException("x", "42000");
            assertThat((Throwable) SqlExceptions.toSqlException("ctx", original)).isSameAs(original);
            assertThat((Throwable) SqlExceptions.toSqlException(new CompletionException(original))).isSameAs(original);
        }

        @Test
        void nullIsRejected() {
            assertThatThrownBy(() -> SqlExceptions.toSqlException(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Unwrapping {
        @Test
        void completionAndExecutionWrappersAreRemoved() {
            DqliteServerException cause = new DqliteServerException(2067, "UNIQUE constraint failed: t.c");
            Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(cause)));
            SQLException e = SqlExceptions.toSqlException(wrapped);
            assertThat((Throwable) e).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(e.getCause()).isSameAs(cause);
        }

        @Test
        void wrapperWithoutCauseIsMappedItself() {
            CompletionException wrapper = new CompletionException("boom", null);
            SQLException e = SqlExceptions.toSqlException(wrapper);
            assertThat(e.getSQLState()).isEqualTo("HY000");
            assertThat(e.getCause()).isSameAs(wrapper);
        }
    }

    @Nested
    class Disconnect {
        @ParameterizedTest
        @ValueSource(strings = {"08000", "08001", "08003", "08006", "08007", "08S01"})
        void class08IsDisconnect(String state) {
            assertThat(SqlExceptions.isDisconnect(new SQLException("x", state))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"23505", "40001", "42000", "HY000", "25001"})
        void otherClassesAreNot(String state) {
            assertThat(SqlExceptions.isDisconnect(new SQLException("x", state))).isFalse();
        }

        @Test
        void nullAndNullState() {
            assertThat(SqlExceptions.isDisconnect(null)).isFalse();
            assertThat(SqlExceptions.isDisconnect(new SQLException("x"))).isFalse();
        }

        @Test
        void findsCausesAndChainedExceptions() {
            SQLException outer = new SQLException("batch failed", "HY000");
            outer.setNextException(new SQLException("lost", "08006"));
            assertThat(SqlExceptions.isDisconnect(outer)).isTrue();

            SQLException wrapping = new SQLException("wrap", "HY000", new SQLException("inner", "08001"));
            assertThat(SqlExceptions.isDisconnect(wrapping)).isTrue();

            SQLException viaClient = new SQLException("wrap", "HY000", new DqliteConnectionException("eof", null));
            assertThat(SqlExceptions.isDisconnect(viaClient)).isTrue();
        }

        @Test
        void everyMappedConnectionFailureIsDisconnect() {
            assertThat(SqlExceptions.isDisconnect(SqlExceptions.toSqlException(new NoLeaderException("x", null)))).isTrue();
            assertThat(SqlExceptions.isDisconnect(SqlExceptions.toSqlException(new DqliteInDoubtException("x", 10506, null)))).isTrue();
            assertThat(SqlExceptions.isDisconnect(server(10250, "not leader"))).isTrue();
            assertThat(SqlExceptions.isDisconnect(server(5, "database is locked"))).isFalse();
            assertThat(SqlExceptions.isDisconnect(server(2067, "UNIQUE"))).isFalse();
        }

        @Test
        void survivesCycles() {
            SQLException a = new SQLException("a", "HY000");
            SQLException b = new SQLException("b", "HY000");
            a.initCause(b);
            b.setNextException(a);
            assertThat(SqlExceptions.isDisconnect(a)).isFalse();
        }
    }

    @Nested
    class States {
        @Test
        void codesAreUniqueAndFiveCharacters() {
            assertThat(SqlState.values()).extracting(SqlState::code).doesNotHaveDuplicates()
                    .allSatisfy(code -> assertThat(code).hasSize(5));
            assertThat(SqlState.values()).extracting(SqlState::description).allSatisfy(d -> assertThat(d).isNotBlank());
        }

        @Test
        void connectionClass() {
            assertThat(SqlState.isConnectionError("08006")).isTrue();
            assertThat(SqlState.isConnectionError("40001")).isFalse();
            assertThat(SqlState.isConnectionError(null)).isFalse();
        }

        @Test
        void ambiguousCommitConstructors() {
            DqliteInDoubtSQLException e = new DqliteInDoubtSQLException("x", null);
            assertThat(e.getSQLState()).isEqualTo("08007");
            assertThat(e.getErrorCode()).isZero();
        }
    }
}
