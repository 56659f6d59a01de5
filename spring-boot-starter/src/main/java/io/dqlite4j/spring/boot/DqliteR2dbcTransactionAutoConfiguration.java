package io.dqlite4j.spring.boot;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * For a dqlite {@code spring.r2dbc.url}, the {@link DqliteR2dbcTransactionManager} in place of
 * Boot's {@code R2dbcTransactionManager} (same bean name), so that {@code TransactionalOperator}
 * and reactive {@code @Transactional} report an in-doubt COMMIT as
 * {@link DqliteInDoubtDataAccessException}. An application's own reactive transaction manager wins.
 */
@AutoConfiguration(afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        beforeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration")
@ConditionalOnClass({R2dbcTransactionManager.class, ConnectionFactory.class})
@Conditional(DqliteR2dbcTransactionAutoConfiguration.DqliteR2dbcUrl.class)
public class DqliteR2dbcTransactionAutoConfiguration {

    /** Creates the configuration. */
    public DqliteR2dbcTransactionAutoConfiguration() {
    }

    /** The reactive transaction manager, under Boot's bean name. */
    @Bean(name = "connectionFactoryTransactionManager")
    @ConditionalOnSingleCandidate(ConnectionFactory.class)
    @ConditionalOnMissingBean(ReactiveTransactionManager.class)
    DqliteR2dbcTransactionManager connectionFactoryTransactionManager(ConnectionFactory connectionFactory) {
        return new DqliteR2dbcTransactionManager(connectionFactory);
    }

    static final class DqliteR2dbcUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.r2dbc.url");
            return url != null && url.startsWith("r2dbc:dqlite:");
        }
    }
}
