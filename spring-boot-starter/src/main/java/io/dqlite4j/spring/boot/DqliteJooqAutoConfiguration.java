package io.dqlite4j.spring.boot;

import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.jooq.DqliteExecuteListener;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Boot's jOOQ {@code DSLContext} on a dqlite data source gets what {@link DqliteDSL} sets up:
 * <ul>
 *   <li>dialect {@link SQLDialect#SQLITE} (jOOQ cannot tell it from a {@code jdbc:dqlite:} URL and
 *       would use {@code DEFAULT}, which refuses {@code INSERT … RETURNING}), unless
 *       {@code spring.jooq.sql-dialect} names one;</li>
 *   <li>{@link DqliteDSL#settings()} (no warning fetches; RETURNING rendered for the driver to
 *       emulate);</li>
 *   <li>the {@link DqliteExecuteListener} (transaction rules, SQL SQLite cannot run, dqlite
 *       exception types), placed before Boot's exception translator;</li>
 *   <li>an exception translator that turns SQLState 08007 into
 *       {@link DqliteInDoubtDataAccessException} and leaves the rest to Boot's.</li>
 * </ul>
 * Transactions stay Spring's ({@code SpringTransactionProvider} on the
 * {@code PlatformTransactionManager}), so {@code @Transactional} and
 * {@code dsl.transaction(...)} share one transaction.
 */
@AutoConfiguration(before = JooqAutoConfiguration.class)
@ConditionalOnClass({DSLContext.class, DefaultConfigurationCustomizer.class, DqliteDSL.class})
public class DqliteJooqAutoConfiguration {

    /** Creates the configuration. */
    public DqliteJooqAutoConfiguration() {
    }

    /** Applies the dqlite presets when the data source is dqlite's. */
    @Bean
    DefaultConfigurationCustomizer dqliteJooqConfigurationCustomizer(ObjectProvider<DataSource> dataSource,
            Environment environment) {
        return configuration -> {
            if (!isDqlite(dataSource.getIfAvailable(), environment)) {
                return;
            }
            if (environment.getProperty("spring.jooq.sql-dialect") == null) {
                configuration.set(SQLDialect.SQLITE);
            }
            Settings presets = DqliteDSL.settings();
            configuration.settings()
                    .withFetchWarnings(presets.isFetchWarnings())
                    .withFetchTriggerValuesAfterReturning(presets.getFetchTriggerValuesAfterReturning());
            ExecuteListenerProvider[] existing = configuration.executeListenerProviders();
            ExecuteListenerProvider[] withDqlite = new ExecuteListenerProvider[existing.length + 1];
            withDqlite[0] = new DefaultExecuteListenerProvider(DqliteExecuteListener.create());
            System.arraycopy(existing, 0, withDqlite, 1, existing.length);
            configuration.set(withDqlite);
        };
    }

    /** Boot's translation, except that 08007 becomes {@link DqliteInDoubtDataAccessException}. */
    @Bean
    @ConditionalOnMissingBean(ExceptionTranslatorExecuteListener.class)
    ExceptionTranslatorExecuteListener jooqExceptionTranslator() {
        return new InDoubtAwareTranslator();
    }

    static boolean isDqlite(DataSource dataSource, Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url != null) {
            return url.startsWith(DqliteEnvironmentPostProcessor.JDBC_PREFIX);
        }
        try {
            return dataSource != null && dataSource.isWrapperFor(io.dqlite4j.jdbc.DqliteDataSource.class);
        } catch (SQLException e) {
            return false;
        }
    }

    private static final class InDoubtAwareTranslator implements ExceptionTranslatorExecuteListener {
        private static final long serialVersionUID = 1L;

        @Override
        public void exception(ExecuteContext context) {
            ExceptionTranslatorExecuteListener.DEFAULT.exception(context);
            Throwable source = context.sqlException() != null ? context.sqlException() : context.exception();
            SQLException inDoubt = DqliteSqlExceptionTranslator.inDoubt(source);
            if (inDoubt != null) {
                context.exception(DqliteInDoubtDataAccessException.of("jOOQ", inDoubt.getMessage(), source));
            }
        }
    }
}
