package io.dqlite4j.client;

/** No node of the cluster could be confirmed as leader within the connect budget. */
public class NoLeaderException extends DqliteConnectionException {
    private static final long serialVersionUID = 1L;

    public NoLeaderException(String message, Throwable cause) {
        super(message, NO_CODE, false, cause);
    }
}
