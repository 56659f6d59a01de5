package io.dqlite4j.flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/**
 * SQLite's single schema ({@code main}) of a dqlite database.
 *
 * <h2>Clean with foreign keys enforced</h2>
 * dqlite turns foreign-key enforcement on for every connection, and dropping a table first
 * deletes its rows, which fails while other tables still reference them. {@link #doClean()}
 * therefore drops everything in <em>one transaction</em> with {@code PRAGMA defer_foreign_keys =
 * ON}: views first, then the tables, children before their parents (so that even without the
 * deferral most drops leave no dangling reference; tables on a reference cycle follow in name
 * order, and the deferral covers them). Foreign keys are checked at COMMIT, when no table is
 * left, so the clean either removes the whole schema or, on any failure, nothing.
 */
public class DqliteSchema extends Schema<DqliteDatabase, DqliteTable> {
    private static final Log LOG = LogFactory.getLog(DqliteSchema.class);

    DqliteSchema(JdbcTemplate jdbcTemplate, DqliteDatabase database, String name) {
        super(jdbcTemplate, database, name);
    }

    @Override
    protected boolean doExists() {
        return "main".equalsIgnoreCase(name);
    }

    @Override
    protected boolean doEmpty() throws SQLException {
        return userTableNames().isEmpty() && objectNames("view").isEmpty();
    }

    @Override
    protected void doCreate() {
        LOG.info("SQLite has no CREATE SCHEMA: schema " + name + " not created");
    }

    @Override
    protected void doDrop() {
        LOG.info("SQLite has no DROP SCHEMA: schema " + name + " not dropped");
    }

    @Override
    protected void doClean() throws SQLException {
        Connection connection = jdbcTemplate.getConnection();
        boolean ownTransaction = connection.getAutoCommit();
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            // Reset by SQLite at the end of every transaction: it applies to this one only.
            jdbcTemplate.execute("PRAGMA defer_foreign_keys = ON");
            for (String view : objectNames("view")) {
                jdbcTemplate.execute("DROP VIEW " + database.quote(name, view));
            }
            for (String table : dropOrder()) {
                jdbcTemplate.execute("DROP TABLE " + database.quote(name, table));
            }
            if (getTable(DqliteTable.SQLITE_SEQUENCE).exists()) {
                jdbcTemplate.execute("DELETE FROM " + database.quote(name, DqliteTable.SQLITE_SEQUENCE));
            }
            if (ownTransaction) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (ownTransaction) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        } finally {
            if (ownTransaction) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * The user tables, each after every table that references it: a table is dropped once no
     * remaining table has a foreign key to it. What is left (reference cycles) follows in name
     * order.
     */
    List<String> dropOrder() throws SQLException {
        List<String> tables = userTableNames();
        Map<String, Set<String>> parentsOf = new LinkedHashMap<>();
        for (String t : tables) {
            parentsOf.put(t.toLowerCase(Locale.ROOT), new LinkedHashSet<>());
        }
        for (String[] edge : jdbcTemplate.query("SELECT m.name, f.\"table\" FROM " + database.quote(name)
                + ".sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            Set<String> parents = parentsOf.get(edge[0].toLowerCase(Locale.ROOT));
            String parent = edge[1].toLowerCase(Locale.ROOT);
            if (parents != null && !parent.equals(edge[0].toLowerCase(Locale.ROOT))) {
                parents.add(parent); // a self-reference is deleted together with its rows
            }
        }
        List<String> order = new ArrayList<>(tables.size());
        List<String> remaining = new ArrayList<>(tables);
        boolean progress = true;
        while (!remaining.isEmpty() && progress) {
            progress = false;
            for (String t : List.copyOf(remaining)) {
                String key = t.toLowerCase(Locale.ROOT);
                boolean referenced = remaining.stream()
                        .anyMatch(other -> parentsOf.get(other.toLowerCase(Locale.ROOT)).contains(key));
                if (!referenced) {
                    order.add(t);
                    remaining.remove(t);
                    progress = true;
                }
            }
        }
        order.addAll(remaining);
        return order;
    }

    /** Tables Flyway may drop: not SQLite's internal ones ({@code sqlite_sequence}, {@code sqlite_stat1}, …). */
    private List<String> userTableNames() throws SQLException {
        List<String> result = new ArrayList<>();
        for (String t : objectNames("table")) {
            if (!t.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
                result.add(t);
            }
        }
        return result;
    }

    private List<String> objectNames(String type) throws SQLException {
        return jdbcTemplate.queryForStringList("SELECT name FROM " + database.quote(name)
                + ".sqlite_master WHERE type = ? ORDER BY name", type);
    }

    @Override
    protected DqliteTable[] doAllTables() throws SQLException {
        List<String> names = objectNames("table");
        DqliteTable[] tables = new DqliteTable[names.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new DqliteTable(jdbcTemplate, database, this, names.get(i));
        }
        return tables;
    }

    @Override
    public Table getTable(String tableName) {
        return new DqliteTable(jdbcTemplate, database, this, tableName);
    }
}
