package io.dqlite4j.jooq;

import org.jooq.exception.DataAccessException;

/**
 * The connection to the dqlite leader failed or could not be established (SQLState class
 * {@code 08}: socket loss, the node stopped being the leader, no leader found). The
 * {@link java.sql.SQLException} stays reachable as {@link #getCause()}.
 *
 * <p>The statement that failed did not commit anything by itself, but an enclosing transaction is
 * lost. A COMMIT that may have been applied is reported as {@link DqliteInDoubtException}
 * instead, which is not a subclass of this type.
 */
public class DqliteConnectionLostException extends DataAccessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     * @param cause the driver's failure, normally an {@link java.sql.SQLException} with a
     *     class-08 SQLState
     */
    public DqliteConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
