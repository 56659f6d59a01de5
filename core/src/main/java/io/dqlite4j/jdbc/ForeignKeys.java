package io.dqlite4j.jdbc;

import static io.dqlite4j.jdbc.CatalogReader.equalsIgnoreCaseAscii;
import static io.dqlite4j.jdbc.CatalogReader.find;
import static io.dqlite4j.jdbc.CatalogReader.primaryKey;

import io.dqlite4j.jdbc.CatalogReader.Column;
import io.dqlite4j.jdbc.CatalogReader.FkRow;
import io.dqlite4j.jdbc.CatalogReader.Table;
import io.dqlite4j.sql.TableDefinition;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The foreign keys of some tables, with everything JDBC reports about them resolved:
 * {@code pragma_foreign_key_list} gives the columns and actions, the child's CREATE TABLE
 * statement the constraint names and deferrability, the parent's its stored name, its primary key
 * (for keys declared without parent columns) and that key's constraint name.
 */
final class ForeignKeys {
    private ForeignKeys() {
    }

    /**
     * The foreign keys declared by {@code children}. One or two round trips for the keys, plus one
     * per parent whose primary key must be looked up.
     *
     * @param all every table and view, to find the parents in
     */
    static List<ForeignKey> of(CatalogReader reader, List<Table> all, List<Table> children) throws SQLException {
        List<FkRow> raw = reader.foreignKeyRows(children);
        // Group the rows of each key (same child, same id), in id order.
        List<ForeignKey> keys = new ArrayList<>();
        ForeignKey current = null;
        for (FkRow r : raw) {
            if (current == null || !current.child.equals(r.child) || current.id != r.id) {
                current = new ForeignKey(r.child, r.id, r.parent, r.onUpdate, r.onDelete);
                keys.add(current);
            }
            current.from.add(r.from);
            current.to.add(r.to);
        }

        Map<String, List<ForeignKey>> byChild = new HashMap<>();
        for (ForeignKey fk : keys) {
            byChild.computeIfAbsent(fk.child, k -> new ArrayList<>()).add(fk);
        }
        Map<String, List<String>> parentKeys = new HashMap<>();
        for (Map.Entry<String, List<ForeignKey>> e : byChild.entrySet()) {
            Table child = find(all, e.getKey());
            TableDefinition ddl = TableDefinition.parse(child == null ? null : child.sql);
            nameForeignKeys(e.getKey(), e.getValue(), ddl);
        }
        for (ForeignKey fk : keys) {
            Table parent = find(all, fk.parentAsWritten);
            fk.parentName = parent == null ? fk.parentAsWritten : parent.name;
            if (parent == null || parent.isView()) {
                continue;
            }
            String parentPkName = TableDefinition.parse(parent.sql).primaryKeyName();
            boolean needsParentKey = fk.to.contains(null) || parentPkName != null;
            if (!needsParentKey) {
                continue;
            }
            List<String> pk = parentKeys.get(parent.name);
            if (pk == null) {
                pk = new ArrayList<>();
                for (Column c : primaryKey(reader.columns(parent.name))) {
                    pk.add(c.name);
                }
                parentKeys.put(parent.name, pk);
            }
            for (int i = 0; i < fk.to.size(); i++) {
                if (fk.to.get(i) == null && i < pk.size()) {
                    fk.to.set(i, pk.get(i));
                }
            }
            if (parentPkName != null && sameColumns(fk.to, pk)) {
                fk.parentKeyName = parentPkName;
            }
        }
        return keys;
    }

    /**
     * Gives each key of one child its declared name and deferrability, and a made-up name when
     * it has none. SQLite numbers a table's keys in reverse order of declaration (id 0 is the
     * last one declared); the declaration is trusted only when its columns agree with the PRAGMA.

     */
    private static void nameForeignKeys(String child, List<ForeignKey> keys, TableDefinition ddl) {
        int n = keys.size();
        List<TableDefinition.ForeignKey> decls = ddl.foreignKeys();
        for (ForeignKey fk : keys) {
            fk.declarationIndex = n - 1 - fk.id;
            TableDefinition.ForeignKey decl = null;
            if (decls.size() == n) {
                TableDefinition.ForeignKey candidate = decls.get(fk.declarationIndex);
                if (declares(candidate, fk)) {
                    decl = candidate;
                }
            }
            if (decl == null) {
                for (TableDefinition.ForeignKey d : decls) {
                    if (declares(d, fk)) {
                        decl = d;
                        break;
                    }
                }
            }
            if (decl != null) {
                fk.name = decl.name();
                fk.deferrability = deferrability(decl.deferrability());
            }
        }
        keys.sort(Comparator.comparingInt(fk -> fk.declarationIndex));
        Map<String, Integer> used = new HashMap<>();
        for (ForeignKey fk : keys) {
            if (fk.name != null) {
                used.merge(fk.name.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        for (ForeignKey fk : keys) {
            if (fk.name == null) {
                StringBuilder name = new StringBuilder("fk_").append(child);
                for (String column : fk.from) {
                    name.append('_').append(column);
                }
                String base = name.toString();
                String candidate = base;
                for (int i = 2; used.containsKey(candidate.toLowerCase(Locale.ROOT)); i++) {
                    candidate = base + "_" + i;
                }
                used.put(candidate.toLowerCase(Locale.ROOT), 1);
                fk.name = candidate;
            }
        }
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        outer:
        for (String x : a) {
            for (String y : b) {
                if (x != null && equalsIgnoreCaseAscii(x, y)) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /** Whether a declaration is the one SQLite reports as {@code fk}: same parent, same child columns. */
    private static boolean declares(TableDefinition.ForeignKey decl, ForeignKey fk) {
        List<String> columns = decl.columns();
        if (columns.size() != fk.from.size() || !equalsIgnoreCaseAscii(decl.parent(), fk.parentAsWritten)) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!equalsIgnoreCaseAscii(columns.get(i), fk.from.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static short deferrability(TableDefinition.Deferrability d) {
        switch (d) {
            case INITIALLY_DEFERRED:
                return (short) DatabaseMetaData.importedKeyInitiallyDeferred;
            case INITIALLY_IMMEDIATE:
                return (short) DatabaseMetaData.importedKeyInitiallyImmediate;
            default:
                return (short) DatabaseMetaData.importedKeyNotDeferrable;
        }
    }

    /** One foreign key: the rows of pragma_foreign_key_list with the same id, resolved. */
    static final class ForeignKey {
        final String child;
        final int id;
        final String parentAsWritten;
        final String onUpdate;
        final String onDelete;
        final List<String> from = new ArrayList<>();
        final List<String> to = new ArrayList<>();
        String parentName;
        String name;
        String parentKeyName;
        short deferrability = (short) DatabaseMetaData.importedKeyNotDeferrable;
        int declarationIndex;

        ForeignKey(String child, int id, String parentAsWritten, String onUpdate, String onDelete) {
            this.child = child;
            this.id = id;
            this.parentAsWritten = parentAsWritten;
            this.parentName = parentAsWritten;
            this.onUpdate = onUpdate;
            this.onDelete = onDelete;
        }
    }
}
