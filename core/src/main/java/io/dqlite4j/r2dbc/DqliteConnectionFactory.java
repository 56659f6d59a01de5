package io.dqlite4j.r2dbc;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteUrl;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.time.Duration;
import java.util.Objects;
import org.reactivestreams.Publisher;

/**
 * Creates R2DBC connections to a dqlite cluster. Usually obtained through
 * {@code ConnectionFactories.get("r2dbc:dqlite://host:port[,host:port…]/database?params")} (see
 * {@link DqliteConnectionFactoryProvider}); the parameters are the JDBC driver's
 * ({@link io.dqlite4j.client.DqliteProperty}).
 *
 * <p>Every {@link #create()} subscription finds the leader from the seeds (the last known leader
 * first), opens the database on a new socket and emits a {@link DqliteR2dbcConnection}. A
 * subscription cancelled while connecting closes the connection that still arrives. The factory
 * itself holds no sockets and needs no closing.
 */
public final class DqliteConnectionFactory implements ConnectionFactory {
    private final DqliteClient client;
    private final Duration statementTimeout;

    private DqliteConnectionFactory(DqliteConfig config, Duration statementTimeout) {
        this.client = DqliteClient.create(config);
        this.statementTimeout = statementTimeout;
    }

    /**
     * A factory for a {@code r2dbc:dqlite://…} (or {@code dqlite://…}) URL; nothing is sent yet.
     *
     * @throws IllegalArgumentException if the URL or one of its parameters is invalid
     */
    public static DqliteConnectionFactory from(String url) {
        return new DqliteConnectionFactory(DqliteUrl.parse(Objects.requireNonNull(url, "url")), Duration.ZERO);
    }

    /** A factory for an already built configuration; nothing is sent yet. */
    public static DqliteConnectionFactory from(DqliteConfig config) {
        return new DqliteConnectionFactory(Objects.requireNonNull(config, "config"), Duration.ZERO);
    }

    static DqliteConnectionFactory from(DqliteConfig config, Duration statementTimeout) {
        return new DqliteConnectionFactory(config, statementTimeout);
    }

    @Override
    public Publisher<DqliteR2dbcConnection> create() {
        return new FuturePublisher<>(() -> DqliteR2dbcConnection.open(client).thenApply(c -> {
            c.initialStatementTimeout(statementTimeout);
            return c;
        }), c -> c.closeSilently(), R2dbcExceptions::map);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return DqliteConnectionFactoryProvider.METADATA;
    }

    /** The configuration connections are made with. */
    public DqliteConfig config() {
        return client.config();
    }

    @Override
    public String toString() {
        return "DqliteConnectionFactory[" + client.config() + "]";
    }
}
