package io.dqlite4j.spring.boot;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;

/**
 * Spring's {@link R2dbcTransactionManager} for a dqlite connection factory: a COMMIT whose outcome
 * is unknown (SQLState {@code 08007}, {@code io.dqlite4j.r2dbc.DqliteInDoubtR2dbcException})
 * is signalled as {@link DqliteInDoubtDataAccessException} instead of Spring's generic
 * {@code DataAccessResourceFailureException}.
 */
public class DqliteR2dbcTransactionManager extends R2dbcTransactionManager {
    private static final long serialVersionUID = 1L;

    /** Creates the manager on a connection factory of the dqlite R2DBC driver (possibly pooled). */
    public DqliteR2dbcTransactionManager(ConnectionFactory connectionFactory) {
        super(connectionFactory);
    }

    @Override
    protected RuntimeException translateException(String task, R2dbcException ex) {
        if (DqliteSqlExceptionTranslator.IN_DOUBT_SQL_STATE.equals(ex.getSqlState())) {
            return DqliteInDoubtDataAccessException.of(task, ex.getMessage(), ex);
        }
        return super.translateException(task, ex);
    }
}
