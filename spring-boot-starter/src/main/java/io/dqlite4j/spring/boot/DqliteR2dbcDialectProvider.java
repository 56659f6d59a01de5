package io.dqlite4j.spring.boot;

import io.r2dbc.spi.ConnectionFactory;
import java.util.Optional;
import org.springframework.data.r2dbc.dialect.DialectResolver;
import org.springframework.data.r2dbc.dialect.R2dbcDialect;

/**
 * Gives Spring Data R2DBC the {@link DqliteR2dbcDialect} for connection factories whose driver
 * is named {@code dqlite} (also behind r2dbc-pool, which reports its delegate's name).
 * Registered in {@code META-INF/spring.factories} under
 * {@code org.springframework.data.r2dbc.dialect.DialectResolver$R2dbcDialectProvider}.
 */
public class DqliteR2dbcDialectProvider implements DialectResolver.R2dbcDialectProvider {
    /** The R2DBC driver name of the dqlite driver. */
    public static final String DRIVER_NAME = "dqlite";

    /** Creates the provider; Spring's factories loader does this. */
    public DqliteR2dbcDialectProvider() {
    }

    @Override
    public Optional<R2dbcDialect> getDialect(ConnectionFactory connectionFactory) {
        return isDqlite(connectionFactory) ? Optional.of(DqliteR2dbcDialect.INSTANCE) : Optional.empty();
    }

    static boolean isDqlite(ConnectionFactory connectionFactory) {
        return DRIVER_NAME.equalsIgnoreCase(connectionFactory.getMetadata().getName());
    }
}
