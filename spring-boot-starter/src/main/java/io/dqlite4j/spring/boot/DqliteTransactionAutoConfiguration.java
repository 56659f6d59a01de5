package io.dqlite4j.spring.boot;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.support.JdbcAccessor;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * For a dqlite {@code spring.datasource.url}, the {@link DqliteTransactionManager} in place of
 * Boot's {@code JdbcTransactionManager} (Boot's {@code TransactionManagerCustomizer}s still
 * apply): in-doubt commits surface as {@link DqliteInDoubtDataAccessException}, never masked by a
 * failing rollback. An application that defines its own transaction manager keeps it, and so does
 * one with JPA (Boot's {@code JpaTransactionManager}; Hibernate then translates exceptions itself).
 */
// After JPA's: an application with JPA keeps Boot's JpaTransactionManager (this one would not
// join the EntityManager's transaction); then before Boot's own JDBC one.
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        before = DataSourceTransactionManagerAutoConfiguration.class)
@ConditionalOnClass({JdbcTransactionManager.class, TransactionManagerCustomizers.class, DataSourceAutoConfiguration.class})
@Conditional(DqliteTransactionAutoConfiguration.DqliteDataSourceUrl.class)
public class DqliteTransactionAutoConfiguration {

    /** Creates the configuration. */
    public DqliteTransactionAutoConfiguration() {
    }

    /** The transaction manager, under Boot's bean name. */
    @Bean(name = "transactionManager")
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnMissingBean(TransactionManager.class)
    DqliteTransactionManager transactionManager(DataSource dataSource,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        DqliteTransactionManager manager = new DqliteTransactionManager(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    /**
     * Gives every {@code JdbcTemplate} (and so {@code NamedParameterJdbcTemplate} and
     * {@code JdbcClient}, which use Boot's) the {@link DqliteSqlExceptionTranslator}, so that a
     * statement reported in doubt is a {@link DqliteInDoubtDataAccessException} there too.
     */
    @Bean
    static BeanPostProcessor dqliteJdbcTemplateTranslator() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JdbcAccessor accessor
                        && !(accessor.getExceptionTranslator() instanceof DqliteSqlExceptionTranslator)) {
                    accessor.setExceptionTranslator(new DqliteSqlExceptionTranslator(accessor.getExceptionTranslator()));
                }
                return bean;
            }
        };
    }

    static final class DqliteDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url != null && url.startsWith(DqliteEnvironmentPostProcessor.JDBC_PREFIX);
        }
    }
}
