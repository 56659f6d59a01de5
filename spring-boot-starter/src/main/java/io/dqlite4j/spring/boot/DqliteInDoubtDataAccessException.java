package io.dqlite4j.spring.boot;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * A write, usually a COMMIT, whose outcome is unknown: the connection to the dqlite leader failed
 * after the write was sent, so the cluster may or may not have applied it (the driver's SQLState
 * {@code 08007}, {@code io.dqlite4j.jdbc.DqliteInDoubtSQLException} or
 * {@code io.dqlite4j.r2dbc.DqliteInDoubtR2dbcException}, which stays the cause).
 *
 * <p>It is what the starter's exception translation gives for 08007: from the transaction manager
 * ({@link DqliteTransactionManager}, {@link DqliteR2dbcTransactionManager}), from Boot's jOOQ
 * {@code DSLContext} and from {@code JdbcTemplate}s that use {@link DqliteSqlExceptionTranslator}. It is deliberately
 * <em>not</em> transient and not a {@code TransactionSystemException}: a retry layer must not
 * re-run the work blindly (in tests most such commits turned out applied). Check what happened
 * (read back a business key) and then decide.
 */
public class DqliteInDoubtDataAccessException extends NonTransientDataAccessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was being done and why the outcome is unknown
     * @param cause the driver's 08007 exception
     */
    public DqliteInDoubtDataAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exception for an 08007 {@code cause} met while doing {@code task}, with the driver's {@code detail}. */
    static DqliteInDoubtDataAccessException of(String task, String detail, Throwable cause) {
        return new DqliteInDoubtDataAccessException(task + ": outcome unknown, the write may or may not have been applied"
                + " (SQLState 08007): " + detail, cause);
    }
}
