package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteMetrics;
import io.dqlite4j.sql.SqlState;
import java.sql.SQLNonTransientConnectionException;

/**
 * The connection to the leader failed while a write was being committed, so <strong>the write
 * may or may not have been applied</strong> by the cluster. SQLState {@code 08007}
 * ("transaction resolution unknown").
 *
 * <p>This happens when leadership is lost while a COMMIT (or an autocommit write) is being
 * replicated (codes 10506 and the legacy 8458), or when the connection breaks after the COMMIT
 * was sent: the raft entry may still be committed by the new leader. The driver never retries
 * such a write, because retrying a non-idempotent statement could apply it twice. The
 * application has to find out what happened (for example by reading back a business key) and
 * decide itself.
 *
 * <p>It is deliberately a {@link SQLNonTransientConnectionException}: generic retry layers keyed
 * on {@code SQLTransientException} (or Spring's {@code TransientDataAccessException}) must not
 * re-run a write whose outcome is unknown. Its class-08 SQLState still makes connection pools
 * evict the connection.
 */
public class DqliteInDoubtSQLException extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason the message, normally the server's or the client's text
     * @param vendorCode the dqlite/SQLite extended code, or 0 when none applies
     * @param cause the client-level failure it was mapped from
     */
    public DqliteInDoubtSQLException(String reason, int vendorCode, Throwable cause) {
        super(reason, SqlState.TRANSACTION_RESOLUTION_UNKNOWN.code(), vendorCode, cause);
        DqliteMetrics.listeners().inDoubt(); // every in-doubt JDBC outcome is reported through this type
    }

    /**
     * Creates the exception with vendor code 0.
     *
     * @param reason the message
     * @param cause the client-level failure it was mapped from
     */
    public DqliteInDoubtSQLException(String reason, Throwable cause) {
        this(reason, 0, cause);
    }
}
