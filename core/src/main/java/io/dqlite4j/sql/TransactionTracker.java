package io.dqlite4j.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Follows, on the client side, whether a connection may have a transaction open and which
 * savepoints are active, from the statements it runs (docs/architecture.md,
 * "Transactions"). The pool uses it to decide whether returning a
 * connection needs a ROLLBACK; the connection uses it for {@code inTransaction()}.
 *
 * <p>The tracker learns from statements only after the server answered: {@link #onSuccess} after
 * a statement succeeded, {@link #onFailure} after the server reported an error (some errors mean
 * the server already rolled back), {@link #onConnectionLost} when the connection died (the server
 * rolls back an open transaction when its socket closes).
 *
 * <p>Savepoints with names it cannot follow exactly (quoted, bracketed, non-ASCII…, see
 * {@link SqlStatement#savepointName()}) set a sticky "untracked" flag instead of touching the
 * stack; while it is set the connection counts as possibly in a transaction and the pool always
 * sends ROLLBACK. The flag is cleared only when the transaction is known to be over: a successful
 * COMMIT, END or ROLLBACK, an error that makes the server roll back, a lost connection, or
 * {@link #reset()}.
 *
 * <p>Not thread-safe: the owning connection serialises all calls.
 */
public final class TransactionTracker {

    /** Wording of SQLite's "cannot commit/rollback - no transaction is active" errors. */
    private static final String NO_TRANSACTION = "no transaction is active";
    /** dqlite's Raft-side BUSY: the in-flight transaction was dropped. */
    private static final String CHECKPOINT_IN_PROGRESS = "checkpoint in progress";

    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_BUSY = 5;

    /** Active savepoint names, outermost first, lower-cased. */
    private final ArrayList<String> stack = new ArrayList<>(4);
    private boolean inTransaction;
    private boolean implicitBegin;
    private boolean untracked;

    /** Creates a tracker for a connection with no transaction open. */
    public TransactionTracker() {
    }

    /**
     * Updates the state after {@code statement} ran successfully. A multi-statement text is
     * applied statement by statement, in order, because the server ran every one of them.
     *
     * @param statement the analysed text that succeeded
     */
    public void onSuccess(SqlStatement statement) {
        Objects.requireNonNull(statement, "statement");
        if (statement.statementCount() <= 1) {
            apply(statement);
            return;
        }
        for (SqlStatement part : statement.statements()) {
            apply(part);
        }
    }

    /**
     * Updates the state after the server answered {@code statement} with an error.
     *
     * <ul>
     *   <li>Primary code ABORT (4), NOMEM (7), INTERRUPT (9), IOERR (10, including the leader
     *       codes 10250 and 10506), CORRUPT (11) or FULL (13): the server already rolled the
     *       transaction back, so everything is cleared. So is BUSY with "checkpoint in progress",
     *       dqlite's signal that the in-flight transaction was dropped.</li>
     *   <li>COMMIT/END or ROLLBACK failing with SQLITE_ERROR "no transaction is active": the server
     *       has no transaction, so everything is cleared.</li>
     *   <li>CONSTRAINT (19) on COMMIT/END or on RELEASE of the outermost tracked savepoint (a
     *       deferred foreign-key failure): SQLite keeps the transaction open, so nothing changes
     *       and the caller must still roll back. CONSTRAINT on any other statement changes
     *       nothing either.</li>
     *   <li>A multi-statement text containing a transaction verb that failed otherwise: some of
     *       its statements may have run, so the untracked flag is set as a precaution. For such a
     *       text the CONSTRAINT rule looks at its last statement, the one most likely to have failed.</li>
     * </ul>
     * Transport failures are not server errors: report those with {@link #onConnectionLost()}.
     *
     * @param statement the analysed text that failed
     * @param code the SQLite/dqlite error code from the server's FAILURE reply
     * @param message the server's error message (may be null)
     */
    public void onFailure(SqlStatement statement, long code, String message) {
        Objects.requireNonNull(statement, "statement");
        int primary = (int) (code & 0xff);
        if (primary == 4 || primary == 7 || primary == 9 || primary == 10 || primary == 11 || primary == 13) {
            clearAll();
            return;
        }
        if (primary == SQLITE_BUSY && contains(message, CHECKPOINT_IN_PROGRESS)) {
            clearAll();
            return;
        }
        if (!statement.hasMultipleStatements()) {
            StatementKind kind = statement.kind();
            if (primary == SQLITE_ERROR && (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK)
                    && contains(message, NO_TRANSACTION)) {
                clearAll();
            }
            // CONSTRAINT at COMMIT/RELEASE leaves SQLite's transaction open: keep the state.
            return;
        }
        List<SqlStatement> parts = statement.statements();
        for (SqlStatement part : parts) {
            if (part.kind().isTransactionVerb()) {
                untracked = true;
                return;
            }
        }
    }

    /** The connection is gone; the server rolls back whatever was open when the socket closed. */
    public void onConnectionLost() {
        clearAll();
    }

    /**
     * Forgets everything, including the untracked flag: call after the pool's ROLLBACK succeeded
     * (or failed with "no transaction is active") and when the connection closes.
     */
    public void reset() {
        clearAll();
    }

    /**
     * Whether a transaction may be open: one the tracker follows, or an untracked savepoint that
     * may have begun one.
     */
    public boolean inTransaction() {
        return inTransaction || untracked;
    }

    /** Whether the tracker itself knows of an open transaction (BEGIN, or a tracked SAVEPOINT outside one). */
    public boolean trackedTransactionOpen() {
        return inTransaction;
    }

    /** Whether a savepoint or statement the tracker could not follow may have left state on the server. */
    public boolean hasUntrackedSavepoint() {
        return untracked;
    }

    /** The active tracked savepoint names, outermost first, lower-cased; a snapshot. */
    public List<String> activeSavepoints() {
        return List.copyOf(stack);
    }

    /**
     * Whether a connection being returned to a pool must be rolled back first: true if a
     * transaction is open, a savepoint is tracked, the transaction was begun by a SAVEPOINT, or
     * anything untracked happened. Otherwise the ROLLBACK round trip is skipped.
     */
    public boolean needsRollbackOnReturn() {
        return inTransaction || !stack.isEmpty() || implicitBegin || untracked;
    }

    /** A debugging representation of the state. */
    @Override
    public String toString() {
        return "TransactionTracker[inTransaction=" + inTransaction + ", implicitBegin=" + implicitBegin
                + ", untracked=" + untracked + ", savepoints=" + stack + "]";
    }

    private void apply(SqlStatement s) {
        switch (s.kind()) {
            case BEGIN:
                // A BEGIN only succeeds when the server had no transaction, so no savepoint can
                // be active: any frame still on the stack is stale. The untracked flag is kept,
                // as it is sticky until the transaction is known to have ended.
                inTransaction = true;
                implicitBegin = false;
                stack.clear();
                break;
            case COMMIT:
            case ROLLBACK:
                clearAll();
                break;
            case SAVEPOINT:
                savepoint(s.savepointName());
                break;
            case RELEASE:
                release(s.savepointName());
                break;
            case ROLLBACK_TO:
                rollbackTo(s.savepointName());
                break;
            default:
                break;
        }
    }

    private void savepoint(String name) {
        if (name == null) {
            // The server still creates it, and may auto-begin a transaction we cannot follow.
            untracked = true;
            return;
        }
        // Outside any transaction SQLite begins one with this savepoint as its outermost frame,
        // and releasing that frame commits. If an untracked savepoint may already have begun the
        // transaction, this frame is not the one that began it, so no implicit begin is claimed.
        if (!inTransaction && !untracked) {
            inTransaction = true;
            implicitBegin = true;
        }
        stack.add(name);
    }

    private void release(String name) {
        int index = name == null ? -1 : stack.lastIndexOf(name);
        if (index < 0) {
            // The server released some frame we do not know and every frame above it; which of
            // ours survived is unknown, so drop them all and rely on the untracked flag.
            stack.clear();
            untracked = true;
            return;
        }
        // SQLite uses the most recent savepoint of that name and drops every frame above it.
        stack.subList(index, stack.size()).clear();
        if (stack.isEmpty() && implicitBegin) {
            inTransaction = false;
            implicitBegin = false;
        }
    }

    private void rollbackTo(String name) {
        int index = name == null ? -1 : stack.lastIndexOf(name);
        if (index < 0) {
            // Frames below the unknown target survive, so the stack is left alone.
            untracked = true;
            return;
        }
        // ROLLBACK TO keeps the named savepoint itself; only the frames above it go.
        stack.subList(index + 1, stack.size()).clear();
    }


    private void clearAll() {
        inTransaction = false;
        implicitBegin = false;
        untracked = false;
        stack.clear();
    }

    private static boolean contains(String message, String fragment) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(fragment);
    }
}
