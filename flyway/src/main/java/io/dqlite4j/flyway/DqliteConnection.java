package io.dqlite4j.flyway;

import org.flywaydb.core.internal.database.base.Connection;
import org.flywaydb.core.internal.database.base.Schema;

/** Flyway's view of one dqlite connection: the only schema is SQLite's {@code main}. */
public class DqliteConnection extends Connection<DqliteDatabase> {

    DqliteConnection(DqliteDatabase database, java.sql.Connection connection) {
        super(database, connection);
    }

    @Override
    protected String getCurrentSchemaNameOrSearchPath() {
        return "main";
    }

    @Override
    public Schema getSchema(String name) {
        return new DqliteSchema(jdbcTemplate, database, name);
    }
}
