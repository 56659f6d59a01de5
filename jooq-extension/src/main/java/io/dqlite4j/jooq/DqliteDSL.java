package io.dqlite4j.jooq;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.CloseableDSLContext;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.FetchTriggerValuesAfterReturning;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultDSLContext;

/**
 * Entry point of the jOOQ integration: {@link DSLContext}s and {@link Configuration}s preset for
 * dqlite.
 *
 * <pre>{@code
 * DSLContext ctx = DqliteDSL.using(dataSource);
 * int id = ctx.transactionResult(cfg -> DSL.using(cfg).insertInto(T).set(T.NAME, "a")
 *         .returning(T.ID).fetchOne(T.ID));
 * }</pre>
 *
 * <p>Every context and configuration made here has:
 * <ul>
 *   <li>{@link SQLDialect#SQLITE} (jOOQ cannot infer it from a {@code jdbc:dqlite:} URL);</li>
 *   <li>the {@link #settings()}: {@code fetchWarnings=false} (dqlite has no warnings, and jOOQ
 *       would otherwise call {@code getWarnings()} after every statement) and
 *       {@code fetchTriggerValuesAfterReturning=NEVER} (see below);</li>
 *   <li>a {@link DqliteTransactionProvider} (bare-ASCII savepoints, ambiguous commits surfaced as
 *       {@link DqliteInDoubtException});</li>
 *   <li>the default {@link DqliteExecuteListener} (transaction rules, guard against SQL SQLite
 *       cannot run, dqlite exception types). To log slow statements, replace it:
 *       {@code DqliteDSL.configuration(ds).set(DqliteExecuteListener.builder()
 *       .slowStatementThreshold(Duration.ofMillis(200)).build())}.</li>
 * </ul>
 *
 * <h2>RETURNING</h2>
 * jOOQ's OSS {@code SQLITE} dialect emulates {@code INSERT ... RETURNING} by default with
 * {@code SELECT ... WHERE _rowid_ = last_insert_rowid()}, which returns only the <em>last</em> row
 * of a multi-row insert. The presets therefore set {@code fetchTriggerValuesAfterReturning=NEVER},
 * so jOOQ renders {@code INSERT ... RETURNING} and runs it with {@code executeQuery()}. The dqlite
 * JDBC driver never sends DML with RETURNING to the server (dqlite 1.11.1 and 1.18.1 both fail it
 * and then abort on the next write; verified on the wire): it emulates {@code INSERT ... RETURNING}
 * under the write lock — {@code max(rowid)}, the INSERT, then a SELECT of the rowids the INSERT
 * created — and returns <em>every</em> inserted row, or refuses (rolling back) when it cannot
 * account for all of them (upserts, explicit rowids below the maximum, triggers). UPDATE and
 * DELETE ... RETURNING are refused with a clean {@link SQLException}. Values changed by AFTER
 * triggers are read back as stored.
 *
 * <p>To build a {@link Configuration} yourself (Spring and the like), start from
 * {@link #configuration(ConnectionProvider)} or copy the pieces: {@link #settings()},
 * {@code new DqliteTransactionProvider()}, {@link DqliteExecuteListener#create()} and
 * {@code SQLDialect.SQLITE}.
 */
public final class DqliteDSL {
    private DqliteDSL() {
    }

    /**
     * A context on one connection. The connection stays open: the caller closes it.
     *
     * @param connection a connection of the dqlite JDBC driver
     */
    public static DSLContext using(Connection connection) {
        return DSL.using(configuration(connection));
    }

    /**
     * A context that takes a connection from {@code dataSource} per statement, or per transaction
     * block (a pool such as HikariCP is recommended).
     */
    public static DSLContext using(DataSource dataSource) {
        return DSL.using(configuration(dataSource));
    }

    /**
     * A context on a new connection opened with {@link DriverManager#getConnection(String)};
     * closing the context closes the connection.
     *
     * @param url a JDBC URL, {@code jdbc:dqlite://host:port[,host:port...]/database[?...]}
     * @throws DataAccessException if the connection cannot be opened
     */
    public static CloseableDSLContext using(String url) {
        Objects.requireNonNull(url, "url");
        Connection connection;
        try {
            connection = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw Errors.translateOperation("Opening a connection to " + url, e);
        }
        return new ConnectionOwningDSLContext(configuration(connection), connection);
    }

    /**
     * A reactive context on an R2DBC connection factory of the dqlite R2DBC driver (for example
     * {@code ConnectionFactories.get("r2dbc:dqlite://host:9001/db")}): jOOQ's {@code Publisher}
     * API ({@code Flux.from(ctx.selectFrom(T))}, {@code transactionPublisher}) runs without
     * blocking a thread. On this path jOOQ drives transactions through R2DBC itself
     * ({@code beginTransaction}, savepoints {@code S0, S1, …}, which the driver tracks); the
     * dialect and settings are the same as for JDBC. DML with RETURNING is refused by the R2DBC
     * driver (the JDBC driver's emulation is synchronous).
     */
    public static DSLContext using(io.r2dbc.spi.ConnectionFactory connectionFactory) {
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        return DSL.using(preset(new DefaultConfiguration().set(connectionFactory)));
    }

    /** A new {@link Configuration} on one connection (left open), with the dqlite presets. */
    public static Configuration configuration(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return configuration(new DefaultConnectionProvider(connection));
    }

    /** A new {@link Configuration} on a data source, with the dqlite presets. */
    public static Configuration configuration(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return configuration(new DataSourceConnectionProvider(dataSource));
    }

    /**
     * A new {@link Configuration} on any connection provider (for example one over a Spring
     * {@code TransactionAwareDataSourceProxy}), with the dqlite presets.
     */
    public static Configuration configuration(ConnectionProvider connectionProvider) {
        Objects.requireNonNull(connectionProvider, "connectionProvider");
        return preset(new DefaultConfiguration().set(connectionProvider));
    }

    /**
     * New {@link Settings} with the dqlite presets: {@code fetchWarnings=false},
     * {@code fetchTriggerValuesAfterReturning=NEVER} (RETURNING rendered, emulated by the driver; see the class comment).
     * Each call returns a fresh, mutable object.
     */
    public static Settings settings() {
        return new Settings()
                .withFetchWarnings(false)
                .withFetchTriggerValuesAfterReturning(FetchTriggerValuesAfterReturning.NEVER);
    }

    /**
     * Applies the dqlite presets to a configuration that already has its connection source (a
     * connection provider, or later an R2DBC connection factory): dialect, settings, transaction
     * provider and listener.
     */
    private static Configuration preset(Configuration configuration) {
        return configuration
                .set(SQLDialect.SQLITE)
                .set(settings())
                .set(new DqliteTransactionProvider())
                .set(DqliteExecuteListener.create());
    }

    /** The context of {@link #using(String)}: owns its connection. */
    private static final class ConnectionOwningDSLContext extends DefaultDSLContext implements CloseableDSLContext {
        private static final long serialVersionUID = 1L;
        private final transient Connection connection;

        ConnectionOwningDSLContext(Configuration configuration, Connection connection) {
            super(configuration);
            this.connection = connection;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                throw Errors.translateOperation("Closing the connection", e);
            }
        }
    }
}
