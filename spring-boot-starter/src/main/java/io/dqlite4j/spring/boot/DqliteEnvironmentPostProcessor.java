package io.dqlite4j.spring.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Names the dqlite JDBC driver for {@code jdbc:dqlite:} URLs. Spring Boot finds a driver class
 * from the URL in its own table of databases, which does not know dqlite; without this, a
 * {@code spring.datasource.url} alone fails with "Failed to determine a suitable driver class"
 * (and {@code spring.flyway.url} / {@code spring.liquibase.url} with "Driver has not been set").
 *
 * <p>For each of {@link #PREFIXES}, when {@code <prefix>.url} starts with {@code jdbc:dqlite:}
 * and no {@code <prefix>.driver-class-name} is set, it adds
 * {@code <prefix>.driver-class-name=io.dqlite4j.jdbc.DqliteDriver} in a property source of the
 * lowest precedence, so any value the application sets still wins. For a dqlite
 * {@code spring.datasource.url} it also defaults
 * {@code spring.jpa.properties.hibernate.jdbc.lob.non_contextual_creation=true} (the driver has no
 * {@code Clob}; Hibernate's probe for one would make HikariCP discard a connection). It runs after the
 * configuration files are loaded (Boot's {@link ConfigDataEnvironmentPostProcessor}).
 * Registered under {@code org.springframework.boot.EnvironmentPostProcessor} in
 * {@code META-INF/spring.factories} (the Boot 4 home of the interface).
 */
public class DqliteEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    /** The property groups that take a JDBC URL and a driver class. */
    public static final List<String> PREFIXES = List.of("spring.datasource", "spring.flyway", "spring.liquibase");

    /** The name of the property source this adds. */
    public static final String PROPERTY_SOURCE = "dqliteDriverClassNames";

    static final String JDBC_PREFIX = "jdbc:dqlite:";
    static final String HIBERNATE_LOB = "spring.jpa.properties.hibernate.jdbc.lob.non_contextual_creation";
    static final String DRIVER = "io.dqlite4j.jdbc.DqliteDriver";

    /** Creates the post-processor; Boot does this through {@code spring.factories}. */
    public DqliteEnvironmentPostProcessor() {
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> added = new LinkedHashMap<>();
        for (String prefix : PREFIXES) {
            String url = environment.getProperty(prefix + ".url");
            if (url != null && url.startsWith(JDBC_PREFIX)
                    && !environment.containsProperty(prefix + ".driver-class-name")
                    && !environment.containsProperty(prefix + ".driverClassName")) {
                added.put(prefix + ".driver-class-name", DRIVER);
            }
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && url.startsWith(JDBC_PREFIX) && !environment.containsProperty(HIBERNATE_LOB)) {
            // Hibernate otherwise probes Connection.createClob(), which the driver refuses (0A000),
            // and HikariCP then discards that connection as broken.
            added.put(HIBERNATE_LOB, "true");
        }
        if (!added.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, added));
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
