package io.dqlite4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.client.DqliteInDoubtException;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.session.FailurePolicy.Decision;
import io.dqlite4j.session.FailurePolicy.Failure;
import io.dqlite4j.session.FailurePolicy.Role;
import io.dqlite4j.session.FailurePolicy.Situation;
import io.dqlite4j.sql.SqlStatement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule the two drivers used to implement separately (and let drift), plus the in-doubt
 * rules: both drivers now carry out exactly the decision in the row.
 */
class FailurePolicyTest {
    private static final boolean AUTOCOMMIT = true;
    private static final boolean LAZY_TX = false;

    /** A situation in autocommit mode or in the session's lazy transaction (no earlier work). */
    private static Situation s(Failure f, Role role, boolean autoCommit) {
        return new Situation(f, role, autoCommit, false, false, false, 0, 5, 0, 20_000, 0);
    }

    /** A situation inside a transaction that already did work. */
    private static Situation inTx(Failure f, Role role) {
        return new Situation(f, role, false, true, false, false, 0, 5, 0, 20_000, 0);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // Drift: R2DBC tested autoCommit where JDBC tested !inTransaction.
                row("autocommit write sent, connection broke", s(Failure.SENT_NO_ANSWER, Role.WRITE, AUTOCOMMIT),
                        Decision.IN_DOUBT),
                row("write sent in the lazy transaction, connection broke", s(Failure.SENT_NO_ANSWER, Role.WRITE, LAZY_TX),
                        Decision.TRANSACTION_LOST),
                row("write sent in a transaction with work, connection broke",
                        inTx(Failure.SENT_NO_ANSWER, Role.WRITE), Decision.TRANSACTION_LOST),
                row("read in a transaction with work, connection broke", inTx(Failure.NOT_SENT, Role.READ),
                        Decision.TRANSACTION_LOST),
                // Drift: failover decisions.
                row("autocommit write not sent (not leader)", s(Failure.NOT_SENT, Role.WRITE, AUTOCOMMIT),
                        Decision.RECONNECT_AND_RETRY),
                row("plain read sent, connection broke", s(Failure.SENT_NO_ANSWER, Role.READ, AUTOCOMMIT),
                        Decision.RECONNECT_AND_RETRY),
                row("raw BEGIN sent, connection broke", s(Failure.SENT_NO_ANSWER, Role.TRANSACTION_CONTROL, AUTOCOMMIT),
                        Decision.FAIL),
                row("raw SAVEPOINT not sent", s(Failure.NOT_SENT, Role.TRANSACTION_CONTROL, AUTOCOMMIT), Decision.FAIL),
                row("re-runs exhausted by count", new Situation(Failure.NOT_SENT, Role.WRITE, true, false, false, false,
                        4, 5, 0, 20_000, 0), Decision.FAIL),
                row("re-runs exhausted by elapsed time (a truncating server)", new Situation(Failure.SENT_NO_ANSWER,
                        Role.READ, true, false, false, false, 1, 5, 20_001, 20_000, 0), Decision.FAIL),
                // Drift: busy retries and busyRetryAllowed.
                row("busy write", busy(Role.WRITE, false, 100), Decision.RETRY_AFTER_DELAY),
                row("busy read", busy(Role.READ, false, 100), Decision.RETRY_AFTER_DELAY),
                row("busy BEGIN", busy(Role.TRANSACTION_CONTROL, false, 100), Decision.RETRY_AFTER_DELAY),
                row("busy COMMIT is never retried", busy(Role.COMMIT, false, 100), Decision.FAIL),
                row("busy text of several statements is never retried", busy(Role.WRITE, true, 100), Decision.FAIL),
                row("busy budget used up", busy(Role.WRITE, false, 0), Decision.FAIL),
                // Drift: "ROLLBACK with no transaction is a success".
                row("ROLLBACK answered no transaction is active", s(Failure.NO_TRANSACTION_ACTIVE, Role.ROLLBACK,
                        AUTOCOMMIT), Decision.DONE),
                row("ROLLBACK, connection broke", inTx(Failure.SENT_NO_ANSWER, Role.ROLLBACK), Decision.DONE),
                row("no transaction is active for something else", s(Failure.NO_TRANSACTION_ACTIVE, Role.WRITE,
                        AUTOCOMMIT), Decision.FAIL),
                // Drift: the query/exec mis-guess.
                row("wrong request kind, first time", s(Failure.WRONG_REQUEST_KIND, Role.WRITE, AUTOCOMMIT),
                        Decision.RERUN_AS_OTHER_KIND),
                row("wrong request kind after flipping once", new Situation(Failure.WRONG_REQUEST_KIND, Role.WRITE,
                        true, false, false, true, 0, 5, 0, 20_000, 0), Decision.FAIL),
                row("other server error", s(Failure.SERVER_ERROR, Role.WRITE, AUTOCOMMIT), Decision.FAIL),
                // In doubt (a write or COMMIT sent without an answer), and only then.
                row("COMMIT sent, connection broke", inTx(Failure.SENT_NO_ANSWER, Role.COMMIT), Decision.IN_DOUBT),
                row("COMMIT, leadership lost in flight", inTx(Failure.LEADERSHIP_LOST_IN_FLIGHT, Role.COMMIT),
                        Decision.IN_DOUBT),
                row("COMMIT not sent", inTx(Failure.NOT_SENT, Role.COMMIT), Decision.TRANSACTION_LOST),
                row("COMMIT with nothing open", s(Failure.SENT_NO_ANSWER, Role.COMMIT, AUTOCOMMIT), Decision.FAIL),
                row("autocommit write, leadership lost in flight", s(Failure.LEADERSHIP_LOST_IN_FLIGHT, Role.WRITE,
                        AUTOCOMMIT), Decision.IN_DOUBT),
                row("autocommit write abandoned by the query timeout", s(Failure.QUERY_TIMEOUT, Role.WRITE, AUTOCOMMIT),
                        Decision.IN_DOUBT),
                row("write in a transaction abandoned by the query timeout", inTx(Failure.QUERY_TIMEOUT, Role.WRITE),
                        Decision.IN_DOUBT),
                row("COMMIT abandoned by the query timeout", inTx(Failure.QUERY_TIMEOUT, Role.COMMIT), Decision.IN_DOUBT),
                row("read abandoned by the query timeout", s(Failure.QUERY_TIMEOUT, Role.READ, AUTOCOMMIT), Decision.FAIL),
                row("autocommit write abandoned by the network timeout", s(Failure.NETWORK_TIMEOUT, Role.WRITE,
                        AUTOCOMMIT), Decision.IN_DOUBT),
                row("COMMIT abandoned by the network timeout", inTx(Failure.NETWORK_TIMEOUT, Role.COMMIT),
                        Decision.IN_DOUBT),
                row("read abandoned by the network timeout is not re-run", s(Failure.NETWORK_TIMEOUT, Role.READ,
                        AUTOCOMMIT), Decision.FAIL),
                row("only the lazy BEGIN was sent when the connection broke", s(Failure.NOT_SENT, Role.WRITE, LAZY_TX),
                        Decision.RECONNECT_AND_RETRY),
                row("nothing sent, re-runs exhausted: a plain connection error", new Situation(Failure.NOT_SENT,
                        Role.WRITE, false, false, false, false, 4, 5, 0, 20_000, 0), Decision.FAIL));
    }

    private static Situation busy(Role role, boolean multiple, long left) {
        return new Situation(Failure.BUSY, role, true, false, multiple, false, 0, 5, 0, 20_000, left);
    }

    private static Arguments row(String name, Situation situation, Decision expected) {
        return Arguments.of(name, situation, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String name, Situation situation, Decision expected) {
        assertThat(FailurePolicy.decide(situation)).as(name).isEqualTo(expected);
    }

    @Test
    void aBreakDuringTheLazyBeginIsNotSentWhateverTheSocketSaw() {
        SqlStatement insert = SqlStatement.analyze("INSERT INTO t VALUES (1)");
        DqliteConnectionException sent = new DqliteConnectionException("broke", -1, true, null);
        assertThat(Session.classify(sent, false, insert, false)).isEqualTo(Failure.NOT_SENT);
        assertThat(Session.classify(sent, false, insert, true)).isEqualTo(Failure.SENT_NO_ANSWER);
    }

    @Test
    void classifiesTheClientsFailures() {
        SqlStatement insert = SqlStatement.analyze("INSERT INTO t VALUES (1)");
        SqlStatement rollback = SqlStatement.analyze("ROLLBACK");
        SqlStatement pragma = SqlStatement.analyze("PRAGMA foo");
        assertThat(Session.classify(new DqliteConnectionException("not leader", 10250, false, null), false, insert,
                true)).isEqualTo(Failure.NOT_SENT);
        assertThat(Session.classify(new DqliteInDoubtException("lost", 10506, null), false, insert, true))
                .isEqualTo(Failure.LEADERSHIP_LOST_IN_FLIGHT);
        assertThat(Session.classify(new DqliteTimeoutException("late", true), false, insert, true))
                .isEqualTo(Failure.NETWORK_TIMEOUT);
        assertThat(Session.classify(new QueryTimeoutException("late"), false, insert, true))
                .isEqualTo(Failure.QUERY_TIMEOUT);
        assertThat(Session.classify(new DqliteServerException(5, "database is locked"), false, insert, true))
                .isEqualTo(Failure.BUSY);
        assertThat(Session.classify(new DqliteServerException(1, "cannot rollback - no transaction is active"), false,
                rollback, true)).isEqualTo(Failure.NO_TRANSACTION_ACTIVE);
        assertThat(Session.classify(new DqliteServerException(100, "rows yielded when none expected"), false, pragma,
                true)).isEqualTo(Failure.WRONG_REQUEST_KIND);
        assertThat(Session.classify(new DqliteServerException(1, "not an error"), true, pragma, true))
                .isEqualTo(Failure.WRONG_REQUEST_KIND);
        assertThat(Session.classify(new DqliteServerException(1, "no such table: t"), false, insert, true))
                .isEqualTo(Failure.SERVER_ERROR);
    }

    @Test
    void rolesOfStatements() {
        assertThat(Role.of(SqlStatement.analyze("SELECT 1"))).isEqualTo(Role.READ);
        assertThat(Role.of(SqlStatement.analyze("INSERT INTO t VALUES (1) RETURNING id"))).isEqualTo(Role.WRITE);
        assertThat(Role.of(SqlStatement.analyze("END"))).isEqualTo(Role.COMMIT);
        assertThat(Role.of(SqlStatement.analyze("ROLLBACK"))).isEqualTo(Role.ROLLBACK);
        assertThat(Role.of(SqlStatement.analyze("ROLLBACK TO s"))).isEqualTo(Role.TRANSACTION_CONTROL);
        assertThat(Role.of(SqlStatement.analyze("SELECT 1; SELECT 2"))).isEqualTo(Role.WRITE);
        assertThat(Role.of(SqlStatement.analyze("CREATE TABLE t (x)"))).isEqualTo(Role.WRITE);
    }
}
