package io.dqlite4j.r2dbc;

import io.dqlite4j.client.DqliteMetrics;
import io.dqlite4j.sql.SqlState;
import io.r2dbc.spi.R2dbcNonTransientResourceException;

/**
 * The connection to the leader failed while a write was being committed, so <strong>the write
 * may or may not have been applied</strong> by the cluster. SQLState {@code 08007}
 * ("transaction resolution unknown").
 *
 * <p>Raised for a {@code COMMIT} (from {@code commitTransaction()} or raw SQL) and for an
 * autocommit write (any statement outside a transaction other than a plain read) when
 * leadership was lost while the write was being replicated (codes 10506 and the legacy 8458), or
 * when the connection broke after the request was sent. The driver never retries such a write;
 * the application has to find out what happened (for example by reading back a business key)
 * before it decides to run the write again.
 *
 * <p>It is an {@link R2dbcNonTransientResourceException}, like its JDBC counterpart
 * {@code DqliteInDoubtSQLException} (a {@code SQLNonTransientConnectionException}): the
 * connection itself recovers (the next statement goes to the new leader), but a generic retry
 * layer that re-runs transient failures must not re-run this write blindly. The connection
 * failures that are safe to retry stay {@code R2dbcTransientResourceException}s.
 */
public class DqliteInDoubtR2dbcException extends R2dbcNonTransientResourceException {
    private static final long serialVersionUID = 1L;

    /** The SQLState of every instance: {@value}. */
    public static final String SQL_STATE = SqlState.TRANSACTION_RESOLUTION_UNKNOWN.code();

    /**
     * Creates the exception.
     *
     * @param reason the message
     * @param errorCode the dqlite/SQLite extended code, or 0 when none applies
     * @param cause the client-level failure it was mapped from
     */
    public DqliteInDoubtR2dbcException(String reason, int errorCode, Throwable cause) {
        super(reason, SQL_STATE, errorCode, cause);
        DqliteMetrics.listeners().inDoubt(); // every in-doubt R2DBC outcome is reported through this type
    }
}
