package io.dqlite4j.spring.boot;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteUrl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The dqlite health indicator (with Boot's health support) and Micrometer meters (with
 * Micrometer). The indicator's cluster is {@code dqlite.health.url}, else a dqlite
 * {@code spring.datasource.url}, else a dqlite {@code spring.r2dbc.url}; switch it off with
 * {@code management.health.dqlite.enabled=false}.
 */
@AutoConfiguration
public class DqliteObservabilityAutoConfiguration {

    /** Creates the configuration. */
    public DqliteObservabilityAutoConfiguration() {
    }

    /** The health indicator, named {@code dqlite} in the health endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnBooleanProperty(name = "management.health.dqlite.enabled", matchIfMissing = true)
    @Conditional(HasDqliteUrl.class)
    static class Health {
        @Bean(name = "dqliteHealthIndicator")
        @ConditionalOnMissingBean(name = "dqliteHealthIndicator")
        DqliteHealthIndicator dqliteHealthIndicator(Environment environment) {
            Duration timeout = environment.getProperty("dqlite.health.timeout", Duration.class, Duration.ofSeconds(5));
            return new DqliteHealthIndicator(DqliteClient.create(url(environment)), timeout);
        }
    }

    /** The meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Meters {
        @Bean
        @ConditionalOnMissingBean
        DqliteMeterBinder dqliteMeterBinder() {
            return new DqliteMeterBinder();
        }
    }

    /** The URL of the cluster the indicator reports on, or null. */
    static String url(Environment environment) {
        for (String key : new String[] {"dqlite.health.url", "spring.datasource.url", "spring.r2dbc.url"}) {
            String url = environment.getProperty(key);
            if (url != null && DqliteUrl.accepts(url)) {
                return url;
            }
        }
        return null;
    }

    static final class HasDqliteUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return url(context.getEnvironment()) != null;
        }
    }
}
