package io.dqlite4j.flyway;

import java.sql.SQLException;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/** A table of a dqlite database. SQLite has no table locks: Flyway's lock is a no-op here. */
public class DqliteTable extends Table<DqliteDatabase, DqliteSchema> {
    /** SQLite's own AUTOINCREMENT bookkeeping: cannot be dropped, only emptied. */
    static final String SQLITE_SEQUENCE = "sqlite_sequence";

    DqliteTable(JdbcTemplate jdbcTemplate, DqliteDatabase database, DqliteSchema schema, String name) {
        super(jdbcTemplate, database, schema, name);
    }

    @Override
    protected void doDrop() throws SQLException {
        if (!SQLITE_SEQUENCE.equals(name)) {
            jdbcTemplate.execute("DROP TABLE " + database.quote(schema.getName(), name));
        }
    }

    @Override
    protected boolean doExists() throws SQLException {
        return jdbcTemplate.queryForInt("SELECT count(*) FROM " + database.quote(schema.getName())
                + ".sqlite_master WHERE type = 'table' AND tbl_name = ?", name) > 0;
    }

    /**
     * Nothing to lock: dqlite serialises writers itself, and Flyway keeps a single connection
     * for SQLite-like databases.
     */
    @Override
    protected void doLock() {
    }
}
