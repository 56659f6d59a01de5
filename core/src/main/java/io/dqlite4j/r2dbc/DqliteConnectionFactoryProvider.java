package io.dqlite4j.r2dbc;

import static io.r2dbc.spi.ConnectionFactoryOptions.CONNECT_TIMEOUT;
import static io.r2dbc.spi.ConnectionFactoryOptions.DATABASE;
import static io.r2dbc.spi.ConnectionFactoryOptions.HOST;
import static io.r2dbc.spi.ConnectionFactoryOptions.LOCK_WAIT_TIMEOUT;
import static io.r2dbc.spi.ConnectionFactoryOptions.PASSWORD;
import static io.r2dbc.spi.ConnectionFactoryOptions.PORT;
import static io.r2dbc.spi.ConnectionFactoryOptions.PROTOCOL;
import static io.r2dbc.spi.ConnectionFactoryOptions.SSL;
import static io.r2dbc.spi.ConnectionFactoryOptions.STATEMENT_TIMEOUT;
import static io.r2dbc.spi.ConnectionFactoryOptions.USER;

import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteProperty;
import io.dqlite4j.client.DqliteUrl;
import io.dqlite4j.client.NodeAddress;
import io.dqlite4j.client.SessionMode;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;
import io.r2dbc.spi.Option;
import javax.net.ssl.SSLContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The R2DBC driver {@value #DRIVER}, found by {@code ConnectionFactories} through
 * {@code META-INF/services/io.r2dbc.spi.ConnectionFactoryProvider}:
 *
 * <pre>{@code
 * ConnectionFactory cf = ConnectionFactories.get("r2dbc:dqlite://localhost:9001,localhost:9002/mydb?timeout=5");
 * ConnectionFactory pooled = ConnectionFactories.get("r2dbc:pool:dqlite://localhost:9001/mydb?maxSize=8");
 * }</pre>
 *
 * <p>Options:
 * <ul>
 *   <li>{@code host} (required): one host or several seeds separated by {@code ,}, each with an
 *       optional {@code :port}; {@code port} (default {@value DqliteUrl#DEFAULT_PORT}) applies
 *       to seeds without one; {@code database} (default {@code default}).</li>
 *   <li>Every {@link DqliteProperty} key ({@code timeout}, {@code dial_timeout},
 *       {@code busy_timeout}, {@code max_total_rows}, {@code session_mode}, …) with the same
 *       values and ranges as in a JDBC URL; programmatic values may also be Numbers, Booleans,
 *       {@link Duration}s and {@link SessionMode}s ({@link #option(DqliteProperty)}).</li>
 *   <li>Standard options: {@code connectTimeout} sets {@code dial_timeout} and
 *       {@code lockWaitTimeout} sets {@code busy_timeout} unless those are given;
 *       {@code statementTimeout} is each new connection's statement timeout.</li>
 *   <li>{@code ssl} is the {@code tls} key; {@link #SSL_CONTEXT} ({@code sslContext}) gives an
 *       application's own {@link SSLContext}; the {@code tls_*} keys work as in a URL.</li>
 *   <li>{@code user}/{@code password} are rejected (dqlite has no authentication). r2dbc-pool's own options pass
 *       through untouched; any other option is an error that lists the allowed keys.</li>
 * </ul>
 */
public final class DqliteConnectionFactoryProvider implements ConnectionFactoryProvider {
    /** The driver name in {@code r2dbc:dqlite://}: {@value}. */
    public static final String DRIVER = "dqlite";

    static final ConnectionFactoryMetadata METADATA = () -> DRIVER;

    private static final Option<String> DRIVER_OPTION = ConnectionFactoryOptions.DRIVER;

    /**
     * A programmatic {@link SSLContext} for TLS to the nodes (it decides trust and the client
     * certificate, and turns TLS on); {@code tls_verify} and {@code tls_server_name} still apply.
     */
    public static final Option<SSLContext> SSL_CONTEXT = Option.valueOf("sslContext");

    /** Options a connection pool wrapped around this driver passes along; they are not ours to judge. */
    private static final Set<String> POOL_OPTIONS = Set.of("acquireRetry", "backgroundEvictionInterval", "initialSize",
            "maxSize", "minIdle", "maxAcquireTime", "maxCreateConnectionTime", "maxIdleTime", "maxLifeTime",
            "maxValidationTime", "poolName", "registerJmx", "postAllocate", "preRelease", "validationQuery",
            "validationDepth");

    private static final Set<String> STANDARD_OPTIONS = Set.of(DRIVER_OPTION.name(), PROTOCOL.name(), HOST.name(),
            PORT.name(), DATABASE.name(), SSL.name(), SSL_CONTEXT.name(), CONNECT_TIMEOUT.name(), LOCK_WAIT_TIMEOUT.name(), STATEMENT_TIMEOUT.name());

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public DqliteConnectionFactoryProvider() {
    }

    /** The option for a dqlite parameter, for {@code ConnectionFactoryOptions.builder().option(…)}. */
    public static Option<Object> option(DqliteProperty property) {
        return Option.valueOf(property.key());
    }

    @Override
    public DqliteConnectionFactory create(ConnectionFactoryOptions options) {
        if (!supports(options)) {
            throw new IllegalArgumentException("these options are not for the dqlite driver: " + options);
        }
        return DqliteConnectionFactory.from(toConfig(options), statementTimeout(options));
    }

    @Override
    public boolean supports(ConnectionFactoryOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("connectionFactoryOptions must not be null");
        }
        Object protocol = options.getValue(PROTOCOL);
        return DRIVER.equals(String.valueOf(options.getValue(DRIVER_OPTION)))
                && (protocol == null || protocol.toString().isEmpty());
    }

    @Override
    public String getDriver() {
        return DRIVER;
    }

    /**
     * The dqlite configuration the options describe.
     *
     * @throws IllegalArgumentException naming the problem: a missing host, a bad address or
     *         value, user information, contradictory TLS options, or an unknown option (listing the allowed keys)
     */
    public static DqliteConfig toConfig(ConnectionFactoryOptions options) {
        if (options.hasOption(USER) || options.hasOption(PASSWORD)) {
            throw new IllegalArgumentException("invalid dqlite R2DBC options: user and password are not supported "
                    + "because dqlite has no authentication; remove them");
        }
        List<String> unknown = new ArrayList<>();
        Set<Option<?>> all = new LinkedHashSet<>();
        ConnectionFactoryOptions.builder().from(options, o -> {
            all.add(o);
            return false;
        });
        for (Option<?> o : all) {
            String name = o.name();
            if (!STANDARD_OPTIONS.contains(name) && !POOL_OPTIONS.contains(name)
                    && DqliteProperty.forKey(name).isEmpty()) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("invalid dqlite R2DBC options: unknown option" + (unknown.size() > 1 ? "s " : " ")
                    + unknown + "; the dqlite options are " + DqliteProperty.allowedKeys()
                    + " plus host, port, database, ssl, sslContext, connectTimeout, lockWaitTimeout and statementTimeout");
        }

        Object host = options.getValue(HOST);
        if (host == null || host.toString().isBlank()) {
            throw new IllegalArgumentException("invalid dqlite R2DBC options: no host; expected "
                    + "r2dbc:dqlite://host[:port][,host[:port]...]/database");
        }
        int port = port(options.getValue(PORT));
        DqliteConfig.Builder builder = DqliteConfig.builder();
        List<NodeAddress> seeds = new ArrayList<>();
        String[] entries = host.toString().split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("invalid dqlite R2DBC options: host entry " + (i + 1) + " of "
                        + entries.length + " is empty");
            }
            seeds.add(NodeAddress.parse(entry, port));
        }
        builder.seeds(seeds);
        Object database = options.getValue(DATABASE);
        if (database != null && !database.toString().isEmpty()) {
            builder.database(database.toString());
        }
        for (DqliteProperty property : DqliteProperty.values()) {
            Object value = options.getValue(Option.valueOf(property.key()));
            if (value != null) {
                builder.set(property, text(property, value));
            }
        }
        // The standard ssl option is the tls key: ssl=true is tls=true, and so on.
        Object ssl = options.getValue(SSL);
        if (ssl != null) {
            Object tls = options.getValue(option(DqliteProperty.TLS));
            if (tls == null) {
                builder.set(DqliteProperty.TLS, ssl.toString());
            } else if (!DqliteProperty.TLS.parse(ssl.toString()).equals(DqliteProperty.TLS.parse(tls.toString()))) {
                throw new IllegalArgumentException("invalid dqlite R2DBC options: ssl=" + ssl + " contradicts tls=" + tls
                        + "; ssl is the tls key, give one of them");
            }
        }
        Object context = options.getValue(SSL_CONTEXT);
        if (context != null) {
            if (!(context instanceof SSLContext)) {
                throw new IllegalArgumentException("invalid dqlite R2DBC options: sslContext must be a "
                        + "javax.net.ssl.SSLContext, not " + context.getClass().getName());
            }
            builder.sslContext((SSLContext) context);
        }
        standardDuration(options, CONNECT_TIMEOUT).filter(d -> !options.hasOption(option(DqliteProperty.DIAL_TIMEOUT)))
                .ifPresent(d -> builder.set(DqliteProperty.DIAL_TIMEOUT, seconds(d)));
        standardDuration(options, LOCK_WAIT_TIMEOUT).filter(d -> !options.hasOption(option(DqliteProperty.BUSY_TIMEOUT)))
                .ifPresent(d -> builder.set(DqliteProperty.BUSY_TIMEOUT, seconds(d)));
        return builder.build();
    }

    private static Duration statementTimeout(ConnectionFactoryOptions options) {
        return standardDuration(options, STATEMENT_TIMEOUT).orElse(Duration.ZERO);
    }

    private static int port(Object value) {
        if (value == null) {
            return DqliteUrl.DEFAULT_PORT;
        }
        try {
            int port = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid dqlite R2DBC options: port must be 1..65535, not '" + value + "'");
        }
    }

    private static Optional<Duration> standardDuration(ConnectionFactoryOptions options, Option<Duration> option) {
        Object value = options.getValue(option);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Duration d) {
            return Optional.of(d);
        }
        if (value instanceof Number n) {
            return Optional.of(Duration.ofMillis(n.longValue()));
        }
        try {
            return Optional.of(Duration.parse(value.toString().trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid dqlite R2DBC options: " + option.name()
                    + " must be an ISO-8601 duration such as PT5S, not '" + value + "'", e);
        }
    }

    /** A programmatic option value as the text the parameter parser reads. */
    private static String text(DqliteProperty property, Object value) {
        if (value instanceof Duration d) {
            return seconds(d);
        }
        if (value instanceof SessionMode mode) {
            return mode.urlValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return value.toString();
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public String toString() {
        return "DqliteConnectionFactoryProvider[" + DRIVER + "]";
    }
}
