package io.dqlite4j.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Makes Boot's {@link JdbcTransactionManager} report an in-doubt COMMIT as
 * {@link DqliteCommitInDoubtException}: its exception translator is wrapped in a
 * {@link DqliteSqlExceptionTranslator}. The commit's own failure is what the caller sees; Spring
 * does not roll back after a failed commit (unless {@code rollbackOnCommitFailure} is set), so
 * no failing rollback on the broken connection can replace it.
 */
@AutoConfiguration
@ConditionalOnClass({JdbcTransactionManager.class, TransactionManagerCustomizer.class})
public class DqliteTransactionAutoConfiguration {

    /** Creates the configuration. */
    public DqliteTransactionAutoConfiguration() {
    }

    /** Wraps the transaction manager's translator. */
    @Bean
    TransactionManagerCustomizer<JdbcTransactionManager> dqliteTransactionManagerCustomizer() {
        return manager -> manager.setExceptionTranslator(
                new DqliteSqlExceptionTranslator(manager.getExceptionTranslator()));
    }
}
