package io.dqlite4j.flyway;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.sqlite.SQLiteDatabaseType;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;

/**
 * Flyway's database type for dqlite. It claims {@code jdbc:dqlite:} URLs (Flyway's SQLite type
 * claims only {@code jdbc:sqlite:}), names the driver {@value #DRIVER}, and also claims
 * connections of the dqlite driver that arrive through a {@code DataSource} (they report the
 * product name "SQLite", so it ranks above Flyway's SQLite type). Parsing, quoting and the
 * schema-history table are SQLite's.
 */
public class DqliteDatabaseType extends SQLiteDatabaseType {
    /** The JDBC URL prefix this type handles. */
    public static final String URL_PREFIX = "jdbc:dqlite:";

    /** The dqlite JDBC driver's class. */
    public static final String DRIVER = "io.dqlite4j.jdbc.DqliteDriver";

    /** Creates the type; Flyway's plugin register does this through the ServiceLoader. */
    public DqliteDatabaseType() {
    }

    @Override
    public String getName() {
        return "dqlite";
    }

    /** Above Flyway's SQLite type (priority 0), which would otherwise take dqlite connections. */
    @Override
    public int getPriority() {
        return 1;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return DRIVER;
    }

    @Override
    public boolean handlesDatabaseProductNameAndVersion(String databaseProductName, String databaseProductVersion,
            Connection connection) {
        if (databaseProductName == null || !databaseProductName.startsWith("SQLite")) {
            return false;
        }
        try {
            String url = connection.getMetaData().getURL();
            return handlesJDBCUrl(url);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Database createDatabase(Configuration configuration, JdbcConnectionFactory jdbcConnectionFactory,
            StatementInterceptor statementInterceptor) {
        return new DqliteDatabase(configuration, jdbcConnectionFactory, statementInterceptor);
    }
}
