package io.dqlite4j.client;

/**
 * The connection to the leader is gone or cannot be used: the socket failed or closed, the node
 * is no longer the leader (10250, legacy 8202), lost its database after a leadership change (12
 * "no database opened"), or no leader could be found. The connection that raised it is closed;
 * a new one goes through leader discovery again. {@link #sentBeforeFailure()} tells whether the
 * request may have reached the server, which decides whether it is safe to retry.
 */
public class DqliteConnectionException extends DqliteException {
    private static final long serialVersionUID = 1L;

    private final boolean sentBeforeFailure;

    public DqliteConnectionException(String message, long code, boolean sentBeforeFailure, Throwable cause) {
        super(message, code, cause);
        this.sentBeforeFailure = sentBeforeFailure;
    }

    public DqliteConnectionException(String message, Throwable cause) {
        this(message, NO_CODE, true, cause);
    }

    /**
     * Whether the failing request may have been executed by the server. False only when the
     * server certainly did not run it (refused as "not leader" before running, or never written).
     */
    public boolean sentBeforeFailure() {
        return sentBeforeFailure;
    }
}
