package io.dqlite4j.codegen;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.TableOptions.TableType;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.DefaultColumnDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.sqlite.SQLiteTableDefinition;

/**
 * jOOQ's SQLite table definition plus one rule: a rowid alias is an identity.
 *
 * <p>In a rowid table (not {@code WITHOUT ROWID}) a primary key made of a single column declared
 * exactly {@code INTEGER} is an alias of the rowid, and SQLite assigns it the next rowid when an
 * INSERT leaves it NULL, with or without {@code AUTOINCREMENT}. jOOQ's SQLite support treats only
 * {@code AUTOINCREMENT} columns as identities; without the flag, generated records would not read
 * their new key back after {@code store()}.
 */
final class DqliteTableDefinition extends SQLiteTableDefinition {

    private static final Pattern WITHOUT_ROWID = Pattern.compile("(?is).*\\bwithout\\s+rowid\\b.*");

    private final TableType type;

    DqliteTableDefinition(SchemaDefinition schema, String name, String comment, TableType type, String source) {
        super(schema, name, comment, type, source);
        this.type = type == null ? TableType.TABLE : type;
    }

    @Override
    public List<ColumnDefinition> getElements0() throws SQLException {
        List<ColumnDefinition> columns = super.getElements0();
        String alias = type == TableType.TABLE ? rowidAlias() : null;
        if (alias == null) {
            return columns;
        }
        List<ColumnDefinition> result = new ArrayList<>(columns.size());
        for (ColumnDefinition c : columns) {
            if (!c.isIdentity() && c.getName().equalsIgnoreCase(alias)) {
                c = new DefaultColumnDefinition(this, c.getName(), c.getPosition(), c.getDefinedType(),
                        true, c.isReadonly(), c.getComment());
            }
            result.add(c);
        }
        return result;
    }

    /** The name of the rowid alias column, or null when the table has none. */
    private String rowidAlias() {
        String source = getSource();
        if (source != null && WITHOUT_ROWID.matcher(source).matches()) {
            return null;
        }
        Result<Record> pk = getDatabase().create()
                .fetch("select name, type from pragma_table_info(?) where pk > 0", getName());
        if (pk.size() != 1) {
            return null;
        }
        String type = pk.get(0).get("type", String.class);
        return type != null && type.trim().toUpperCase(Locale.ROOT).equals("INTEGER")
                ? pk.get(0).get("name", String.class)
                : null;
    }
}
