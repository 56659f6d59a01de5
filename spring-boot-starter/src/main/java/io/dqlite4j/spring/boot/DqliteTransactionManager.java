package io.dqlite4j.spring.boot;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's {@link JdbcTransactionManager} for a dqlite data source, with two differences:
 * <ul>
 *   <li>its exception translator is a {@link DqliteSqlExceptionTranslator}: a COMMIT in doubt
 *       (SQLState 08007) is thrown as {@link DqliteInDoubtDataAccessException};</li>
 *   <li>a rollback on a connection that is already closed is not an error. When the link to the
 *       leader breaks, the driver fails the statement (08006, "the transaction was rolled back")
 *       or the COMMIT (08007), and a pool such as HikariCP closes the connection for its 08
 *       SQLState. The server-side transaction is gone with the link; Spring's rollback would only
 *       fail with "Connection is closed" and, as a {@code TransactionSystemException: JDBC
 *       rollback failed}, replace the driver's exception, which says what happened (and, for
 *       08007, that the write may well have been applied). This manager skips that rollback so
 *       the original exception reaches the caller.</li>
 * </ul>
 */
public class DqliteTransactionManager extends JdbcTransactionManager {
    private static final long serialVersionUID = 1L;
    private static final Log log = LogFactory.getLog(DqliteTransactionManager.class);

    /** Creates the manager on a data source of the dqlite driver (usually a pool over it). */
    public DqliteTransactionManager(DataSource dataSource) {
        super(dataSource);
        setExceptionTranslator(new DqliteSqlExceptionTranslator(getExceptionTranslator()));
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (TransactionSystemException e) {
            if (!connectionClosed()) {
                throw e;
            }
            log.debug("Rollback skipped: the connection was closed after the link to the dqlite leader broke, "
                    + "which ended the transaction on the server", e);
        }
    }

    /** Whether the transaction's connection (bound to this thread while it completes) is closed. */
    private boolean connectionClosed() {
        if (!(TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder holder)) {
            return false;
        }
        try {
            return holder.getConnection().isClosed();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
