package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteProperty;
import io.dqlite4j.sql.SqlState;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;

/**
 * A plain (non-pooling) {@link DataSource} for dqlite: each {@link #getConnection()} opens a new
 * connection to the leader. Wrap it in a pool such as HikariCP for pooling:
 *
 * <pre>{@code
 * DqliteDataSource ds = new DqliteDataSource("jdbc:dqlite://10.0.0.1:9001,10.0.0.2:9001/app");
 * ds.setProperty("busy_timeout", "10");
 * HikariConfig hc = new HikariConfig();
 * hc.setDataSource(ds);
 * }</pre>
 */
public class DqliteDataSource implements DataSource {
    private volatile String url = "jdbc:dqlite://localhost:9001/default";
    private final Properties properties = new Properties();
    private volatile int loginTimeoutSeconds;
    private volatile PrintWriter logWriter;
    private volatile SSLContext sslContext;

    /** A data source for the default URL {@code jdbc:dqlite://localhost:9001/default}. */
    public DqliteDataSource() {
    }

    /** A data source for {@code url}. */
    public DqliteDataSource(String url) {
        setUrl(url);
    }

    public String getUrl() {
        return url;
    }

    /** Sets the JDBC URL; it must start with {@code jdbc:dqlite:}. */
    public void setUrl(String url) {
        if (url == null || !new DqliteDriver().acceptsURL(url)) {
            throw new IllegalArgumentException("not a jdbc:dqlite: URL: " + url);
        }
        this.url = url;
    }

    /** Sets one {@link DqliteProperty} by its key; the URL's own parameters take precedence. */
    public void setProperty(String key, String value) {
        if (DqliteProperty.forKey(key).isEmpty()) {
            throw new IllegalArgumentException("unknown dqlite property '" + key + "'; allowed: "
                    + DqliteProperty.allowedKeys());
        }
        synchronized (properties) {
            properties.setProperty(key, value);
        }
    }

    /**
     * Uses the application's own TLS context for every connection: it decides trust and the client
     * certificate and turns TLS on ({@code tls_verify} and {@code tls_server_name} still apply;
     * {@code tls_ca}, {@code tls_cert} and {@code tls_key} cannot be combined with it).
     *
     * @param context the context, or null to go back to the URL's TLS keys
     */
    public void setSslContext(SSLContext context) {
        this.sslContext = context;
    }

    /** The context given to {@link #setSslContext}, or null. */
    public SSLContext getSslContext() {
        return sslContext;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties snapshot;
        synchronized (properties) {
            snapshot = (Properties) properties.clone();
        }
        SSLContext context = sslContext;
        if (context == null) {
            return new DqliteDriver().connect(url, snapshot);
        }
        DqliteConfig config;
        try {
            config = DqliteDriver.config(url, snapshot).toBuilder().sslContext(context).build();
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), SqlState.CONNECTION_UNABLE_TO_CONNECT.code(), e);
        }
        return new DqliteJdbcConnection(DqliteDriver.client(config), url);
    }

    /** dqlite has no authentication; the credentials are ignored. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("io.dqlite4j");
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }
}
