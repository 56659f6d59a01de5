package io.dqlite4j.session;

import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;

/**
 * What a session does when one attempt at a statement failed: the one rule both drivers follow.
 * Pure: it looks only at the {@link Situation} it is given and decides; the drivers carry the
 * decision out (reconnect, sleep, raise the matching exception).
 *
 * <p>The rules (docs/architecture.md, "Failures"):
 * <ul>
 *   <li>A statement that may have been applied is {@link Decision#IN_DOUBT} (SQLState 08007) and
 *       never re-run: an autocommit write or a COMMIT sent without an answer, whether the
 *       connection broke, leadership was lost while it was replicated, or the caller stopped
 *       waiting (query or network timeout).</li>
 *   <li>Inside a transaction that already did work, a broken connection loses the transaction
 *       ({@link Decision#TRANSACTION_LOST}, 08006): the server rolled it back with the socket.</li>
 *   <li>What was provably not sent (nothing, or only the lazy BEGIN the session added) and a plain
 *       read are re-run after reconnecting ({@link Decision#RECONNECT_AND_RETRY}), bounded by
 *       {@code max_attempts} and by an elapsed-time budget.</li>
 *   <li>SQLITE_BUSY of anything but COMMIT and multi-statement texts waits and retries
 *       ({@link Decision#RETRY_AFTER_DELAY}) within {@code busy_timeout}.</li>
 *   <li>A statement the analyzer sent as the wrong request kind is re-run as the other kind,
 *       once ({@link Decision#RERUN_AS_OTHER_KIND}).</li>
 *   <li>ROLLBACK counts as done when the server says no transaction is active, or when the
 *       connection broke (the server rolls back with the socket): {@link Decision#DONE}.</li>
 * </ul>
 */
public final class FailurePolicy {
    private FailurePolicy() {
    }

    /** The outcome of one failed attempt, as the session observed it. */
    public enum Failure {
        /** The connection broke (or the node refused as "not leader") before the statement was written. */
        NOT_SENT,
        /** The connection broke after the statement was written, without an answer. */
        SENT_NO_ANSWER,
        /** The node reported leadership lost while the statement was being replicated. */
        LEADERSHIP_LOST_IN_FLIGHT,
        /** The caller's query timeout expired; the connection stays open and the server still runs the statement. */
        QUERY_TIMEOUT,
        /** The network timeout expired; the connection was closed with the statement unanswered. */
        NETWORK_TIMEOUT,
        /** SQLITE_BUSY (or LOCKED) from the server: the statement had no effect. */
        BUSY,
        /** The server wants the other request kind (QUERY for EXEC or the reverse): nothing ran. */
        WRONG_REQUEST_KIND,
        /** ROLLBACK answered "no transaction is active". */
        NO_TRANSACTION_ACTIVE,
        /** Any other error answer of the server. */
        SERVER_ERROR
    }

    /** What the statement is, as far as failures are concerned. */
    public enum Role {
        /** A plain query without RETURNING: re-running it changes nothing. */
        READ,
        /** Anything that may change the database: DML, DDL, PRAGMA writes, unknown statements. */
        WRITE,
        /** COMMIT / END. */
        COMMIT,
        /** ROLLBACK (the whole transaction). */
        ROLLBACK,
        /** BEGIN, SAVEPOINT, RELEASE, ROLLBACK TO. */
        TRANSACTION_CONTROL;

        /** The role of an analysed statement. */
        public static Role of(SqlStatement analysis) {
            if (analysis.hasMultipleStatements()) {
                return analysis.isTransactionControl() ? TRANSACTION_CONTROL : WRITE;
            }
            StatementKind kind = analysis.kind();
            return switch (kind) {
                case SELECT -> analysis.hasReturning() ? WRITE : READ;
                case EMPTY -> READ;
                case COMMIT -> COMMIT;
                case ROLLBACK -> ROLLBACK;
                case BEGIN, SAVEPOINT, RELEASE, ROLLBACK_TO -> TRANSACTION_CONTROL;
                default -> WRITE;
            };
        }
    }

    /** What the session does next. */
    public enum Decision {
        /** Reconnect (to the possibly new leader) and run the statement again. */
        RECONNECT_AND_RETRY,
        /** Wait {@link BusyBackoff#delayMillis} and run the statement again on the same connection. */
        RETRY_AFTER_DELAY,
        /** Run the statement again as the other request kind (QUERY instead of EXEC or the reverse). */
        RERUN_AS_OTHER_KIND,
        /** The statement may or may not have been applied: report it (08007), never re-run. */
        IN_DOUBT,
        /** The open transaction was lost with the connection: report it (08006); the caller retries the transaction. */
        TRANSACTION_LOST,
        /** The outcome the caller wanted holds already (a ROLLBACK whose transaction is gone). */
        DONE,
        /** Report the failure as it is. */
        FAIL
    }

    /**
     * One failed attempt in its context.
     *
     * @param failure what went wrong
     * @param role what the statement is
     * @param autoCommit whether the statement runs as its own transaction (autocommit on and no
     *        transaction open before it; a lazy BEGIN the session sent for it does not count as work)
     * @param transactionHasWork whether a transaction with earlier work of the caller was open
     * @param multipleStatements whether the text holds several statements
     * @param flipped whether the statement already ran as the other request kind once
     * @param reconnects how many reconnect-and-retry rounds this statement already used
     * @param maxReconnects the bound on those rounds ({@code max_attempts})
     * @param elapsedMillis time since the statement's first attempt
     * @param rerunBudgetMillis the bound on that time for a re-run
     * @param busyLeftMillis what is left of the busy budget ({@code busy_timeout}); 0 or less: none
     */
    public record Situation(Failure failure, Role role, boolean autoCommit, boolean transactionHasWork,
            boolean multipleStatements, boolean flipped, int reconnects, int maxReconnects, long elapsedMillis,
            long rerunBudgetMillis, long busyLeftMillis) {
    }

    /** Decides what to do after a failed attempt. */
    public static Decision decide(Situation s) {
        Role role = s.role();
        switch (s.failure()) {
            case NO_TRANSACTION_ACTIVE:
                return role == Role.ROLLBACK ? Decision.DONE : Decision.FAIL;
            case WRONG_REQUEST_KIND:
                return s.flipped() ? Decision.FAIL : Decision.RERUN_AS_OTHER_KIND;
            case BUSY:
                return role != Role.COMMIT && !s.multipleStatements() && s.busyLeftMillis() > 0
                        ? Decision.RETRY_AFTER_DELAY : Decision.FAIL;
            case SERVER_ERROR:
                return Decision.FAIL;
            case QUERY_TIMEOUT:
                // The connection stays up and the server still completes the statement.
                return role == Role.WRITE || role == Role.COMMIT ? Decision.IN_DOUBT : Decision.FAIL;
            default:
                return connectionLost(s);
        }
    }

    private static Decision connectionLost(Situation s) {
        Role role = s.role();
        boolean sent = s.failure() != Failure.NOT_SENT;
        if (role == Role.ROLLBACK) {
            return Decision.DONE; // the server rolls back whatever was open with the socket
        }
        if (role == Role.COMMIT) {
            if (!s.transactionHasWork()) {
                return Decision.FAIL;
            }
            return sent ? Decision.IN_DOUBT : Decision.TRANSACTION_LOST;
        }
        if (s.transactionHasWork()) {
            return Decision.TRANSACTION_LOST;
        }
        boolean rerunnable = !sent || (role == Role.READ && s.failure() != Failure.NETWORK_TIMEOUT);
        if (rerunnable && role != Role.TRANSACTION_CONTROL) {
            boolean withinBounds = s.reconnects() + 1 < s.maxReconnects()
                    && s.elapsedMillis() < s.rerunBudgetMillis();
            return withinBounds ? Decision.RECONNECT_AND_RETRY : Decision.FAIL;
        }
        if (!sent || role != Role.WRITE) {
            return Decision.FAIL;
        }
        // A write was sent and no answer came. In autocommit mode it commits by itself: in doubt.
        // Inside the session's lazy transaction nothing was committed: the transaction is gone.
        return s.autoCommit() ? Decision.IN_DOUBT : Decision.TRANSACTION_LOST;
    }
}
