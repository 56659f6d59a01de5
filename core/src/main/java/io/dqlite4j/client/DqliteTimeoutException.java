package io.dqlite4j.client;

/** A request or a connection attempt did not complete within its timeout. The connection is closed. */
public class DqliteTimeoutException extends DqliteConnectionException {
    private static final long serialVersionUID = 1L;

    public DqliteTimeoutException(String message, boolean sentBeforeFailure) {
        super(message, NO_CODE, sentBeforeFailure, null);
    }
}
