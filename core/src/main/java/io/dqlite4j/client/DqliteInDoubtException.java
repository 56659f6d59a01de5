package io.dqlite4j.client;

/**
 * Leadership was lost while a write was being replicated (10506, legacy 8458), or the connection
 * broke after a COMMIT was sent: the write may or may not have been applied by the cluster. It is
 * never retried automatically; the application must check what happened.
 */
public class DqliteInDoubtException extends DqliteConnectionException {
    private static final long serialVersionUID = 1L;

    public DqliteInDoubtException(String message, long code, Throwable cause) {
        super(message, code, true, cause);
    }
}
