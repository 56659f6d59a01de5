package io.dqlite4j.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Boot application the way {@code main} does, with command-line properties. */
public final class BootApps {
    /** The data stacks on the test classpath; each test keeps those it is not about out. */
    public static final String R2DBC = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
            + "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration,"
            + "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration,"
            + "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration";
    public static final String JPA = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
            + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration";
    public static final String LIQUIBASE = "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration";
    public static final String FLYWAY = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";
    public static final String JDBC = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration";

    private BootApps() {
    }

    /**
     * Runs {@code application} with the given {@code key=value} properties, keeping the
     * auto-configurations {@code excluded} (comma-separated class names) out.
     */
    public static ConfigurableApplicationContext run(Class<?> application, String excluded, String... properties) {
        List<String> args = new ArrayList<>();
        for (String p : properties) {
            args.add("--" + p);
        }
        args.add("--spring.autoconfigure.exclude=" + excluded);
        args.add("--spring.main.banner-mode=off");
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).run(args.toArray(new String[0]));
    }
}
