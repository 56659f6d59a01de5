package io.dqlite4j.spring.boot;

import io.dqlite4j.sql.SqlState;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Translates the dqlite driver's in-doubt outcome (SQLState {@code 08007}, anywhere in the
 * exception's cause or next-exception chain) into {@link DqliteInDoubtDataAccessException}, and
 * everything else with the translator it wraps (Spring's default would make 08007 a generic
 * {@code DataAccessResourceFailureException}).
 */
public class DqliteSqlExceptionTranslator implements SQLExceptionTranslator {
    /** The driver's SQLState for a write that may or may not have been applied. */
    public static final String IN_DOUBT_SQL_STATE = SqlState.TRANSACTION_RESOLUTION_UNKNOWN.code();

    private static final int MAX_CHAIN = 16;

    private final SQLExceptionTranslator delegate;

    /** Wraps Spring's {@link SQLExceptionSubclassTranslator}. */
    public DqliteSqlExceptionTranslator() {
        this(new SQLExceptionSubclassTranslator());
    }

    /** Wraps the given translator for every other exception. */
    public DqliteSqlExceptionTranslator(SQLExceptionTranslator delegate) {
        this.delegate = delegate;
    }

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        SQLException inDoubt = inDoubt(ex);
        if (inDoubt != null) {
            return DqliteInDoubtDataAccessException.of(task == null ? "dqlite" : task, inDoubt.getMessage(), ex);
        }
        return delegate.translate(task, sql, ex);
    }

    /**
     * The first exception with SQLState 08007 in the chain of causes (and their next
     * exceptions; at most 16 deep), or null: whether {@code t} reports an in-doubt outcome.
     */
    public static SQLException inDoubt(Throwable t) {
        for (int i = 0; t != null && i < MAX_CHAIN; i++, t = t.getCause()) {
            if (t instanceof SQLException se) {
                if (IN_DOUBT_SQL_STATE.equals(se.getSQLState())) {
                    return se;
                }
                if (se.getNextException() != null && IN_DOUBT_SQL_STATE.equals(se.getNextException().getSQLState())) {
                    return se.getNextException();
                }
            }
        }
        return null;
    }
}
