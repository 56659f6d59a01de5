package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteProperty;
import io.dqlite4j.client.DqliteUrl;
import io.dqlite4j.sql.SqlState;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:dqlite://host:port[,host:port...]/database?param=value...},
 * registered with {@link DriverManager} through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>The hosts are seeds: the driver asks them for the Raft leader and connects to it. Defaults:
 * port 9001, database {@code default}. Parameters are those of {@link DqliteProperty}; they may
 * also be given as connection {@link Properties}, which act as defaults that the URL overrides.
 * Unknown parameters are rejected. {@code user} and {@code password} properties are ignored
 * (dqlite has no authentication); in the URL they are rejected.
 *
 * <p>Connections made with the same settings share one client, so they share the last known
 * leader and find it again quickly after a failover.
 */
public final class DqliteDriver implements Driver {
    /** The driver's version. */
    public static final String VERSION = "0.1.0";
    static final int MAJOR = 0;
    static final int MINOR = 1;

    private static final Map<DqliteConfig, DqliteClient> CLIENTS = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(new DqliteDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether {@code url} is a {@code jdbc:dqlite:} URL. */
    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.regionMatches(true, 0, "jdbc:dqlite:", 0, "jdbc:dqlite:".length());
    }

    /**
     * Connects to the cluster's leader. Returns null for URLs of other drivers, as
     * {@link DriverManager} expects; a malformed dqlite URL or parameter raises an SQLException
     * (SQLState 08001) whose message names the problem.
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        return new DqliteJdbcConnection(client(config(url, info)), url);
    }

    static DqliteConfig config(String url, Properties info) throws SQLException {
        try {
            return DqliteUrl.parse(url, info == null ? new Properties() : info);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), SqlState.CONNECTION_UNABLE_TO_CONNECT.code(), e);
        }
    }

    static DqliteClient client(DqliteConfig config) {
        return CLIENTS.computeIfAbsent(config, DqliteClient::create);
    }

    /** One entry per {@link DqliteProperty}, with its current value from the URL and properties. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        DqliteConfig config = acceptsURL(url) ? config(url, info) : null;
        DqliteProperty[] all = DqliteProperty.values();
        DriverPropertyInfo[] result = new DriverPropertyInfo[all.length];
        for (int i = 0; i < all.length; i++) {
            DqliteProperty p = all[i];
            String value = config != null ? config.valueText(p) : p.defaultValue();
            DriverPropertyInfo dpi = new DriverPropertyInfo(p.key(), value);
            dpi.description = p.description() + " (allowed: " + p.allowedValues() + ")";
            dpi.required = false;
            String[] choices = p.choices();
            dpi.choices = choices.length == 0 ? null : choices;
            result[i] = dpi;
        }
        return result;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return MINOR;
    }

    /** Not JDBC compliant in the strict sense: SQLite does not implement all of SQL-92 entry level. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.dqlite4j");
    }
}
