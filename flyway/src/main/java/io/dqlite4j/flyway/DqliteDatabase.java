package io.dqlite4j.flyway;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;

/**
 * A dqlite database as Flyway sees it: SQLite's rules (DDL runs in transactions, booleans are
 * 1/0, one schema {@code main}, one connection) and the schema-history table Flyway's SQLite
 * support creates, so a history written by either type is read by the other.
 */
public class DqliteDatabase extends Database<DqliteConnection> {

    /** Creates the database; {@link DqliteDatabaseType#createDatabase} calls this. */
    public DqliteDatabase(Configuration configuration, JdbcConnectionFactory jdbcConnectionFactory,
            StatementInterceptor statementInterceptor) {
        super(configuration, jdbcConnectionFactory, statementInterceptor);
    }

    @Override
    protected DqliteConnection doGetConnection(java.sql.Connection connection) {
        return new DqliteConnection(this, connection);
    }

    /** Every dqlite server runs an SQLite recent enough for Flyway: nothing to refuse. */
    @Override
    public void ensureSupported(Configuration configuration) {
    }

    @Override
    public String getRawCreateScript(Table table, boolean baseline) {
        String qualified = table.toString();
        return "CREATE TABLE " + qualified + " (\n"
                + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INT,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
                + "    \"execution_time\" INT NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL\n"
                + ");\n"
                + (baseline ? getBaselineStatement(table) + ";\n" : "")
                + "CREATE INDEX " + quote(table.getSchema().getName(), table.getName() + "_s_idx")
                + " ON " + quote(table.getName()) + " (\"success\");";
    }

    /** SQLite has no users; dqlite none either. */
    @Override
    protected String doGetCurrentUser() {
        return "";
    }

    @Override
    public boolean supportsDdlTransactions() {
        return true;
    }

    @Override
    public String getBooleanTrue() {
        return "1";
    }

    @Override
    public String getBooleanFalse() {
        return "0";
    }

    @Override
    public boolean catalogIsSchema() {
        return true;
    }

    /** As for SQLite: one writer at a time, so Flyway keeps to its main connection. */
    @Override
    public boolean useSingleConnection() {
        return true;
    }
}
