package io.dqlite4j.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SQLite's catalog through plain JDBC on a connection: {@code sqlite_master} and the
 * table-valued pragma functions, which are SELECTs and so pass the dqlite server's authorizer
 * where most {@code PRAGMA} statements do not. Where a newer pragma ({@code pragma_table_xinfo},
 * {@code pragma_index_xinfo}) is missing on an old server, the older one is used and the choice
 * is remembered for the connection's lifetime.
 */
final class CatalogReader {
    private final Connection connection;

    /** Whether pragma_table_xinfo works on this server: null until the first use tells. */
    private volatile Boolean tableXinfo;
    /** Whether pragma_index_xinfo works on this server: null until the first use tells. */
    private volatile Boolean indexXinfo;

    CatalogReader(Connection connection) {
        this.connection = connection;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowReader<T> reader, String... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        }
    }

    /** Every table and view, ordered by name. */
    List<Table> tables() throws SQLException {
        return query("SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name",
                rs -> new Table(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** The table named {@code name} (compared as SQLite compares identifiers), or null. */
    static Table find(List<Table> tables, String name) {
        if (name == null) {
            return null;
        }
        for (Table t : tables) {
            if (equalsIgnoreCaseAscii(t.name, name)) {
                return t;
            }
        }
        return null;
    }

    /** All tables and views for a null name, else the one named, else none. */
    static List<Table> targets(List<Table> tables, String name) {
        if (name == null) {
            return tables;
        }
        Table t = find(tables, name);
        return t == null ? List.of() : List.of(t);
    }

    /** The columns of a table or view, from pragma_table_xinfo where the server has it. */
    List<Column> columns(String table) throws SQLException {
        String xinfo = "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid";
        String info = "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid";
        if (!Boolean.FALSE.equals(tableXinfo)) {
            try {
                List<Column> result = query(xinfo, rs -> new Column(rs.getString(2), rs.getString(3),
                        rs.getInt(4) != 0, rs.getString(5), rs.getInt(6), rs.getInt(7)), table);
                tableXinfo = true;
                return result;
            } catch (SQLException e) {
                if (Boolean.TRUE.equals(tableXinfo)) {
                    throw e;
                }
                // Either the server predates pragma_table_xinfo (SQLite < 3.26) or this table
                // cannot be described at all; pragma_table_info tells which.
                List<Column> result;
                try {
                    result = query(info, rs -> new Column(rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                            rs.getString(5), rs.getInt(6), 0), table);
                } catch (SQLException e2) {
                    e.addSuppressed(e2);
                    throw e;
                }
                tableXinfo = false;
                return result;
            }
        }
        return query(info, rs -> new Column(rs.getString(2), rs.getString(3), rs.getInt(4) != 0, rs.getString(5),
                rs.getInt(6), 0), table);
    }

    /** The primary key columns of {@code columns}, in key order. */
    static List<Column> primaryKey(List<Column> columns) {
        List<Column> pk = new ArrayList<>();
        for (Column c : columns) {
            if (c.pk > 0) {
                pk.add(c);
            }
        }
        pk.sort(Comparator.comparingInt(c -> c.pk));
        return pk;
    }

    /** The key columns of each index of {@code table}, from pragma_index_xinfo where the server has it. */
    List<IndexColumn> indexColumns(String table) throws SQLException {
        String xinfo = "SELECT il.name, il.\"unique\", il.partial, ii.seqno, ii.name, ii.\"desc\" "
                + "FROM pragma_index_list(?) AS il JOIN pragma_index_xinfo(il.name) AS ii "
                + "WHERE ii.key = 1 ORDER BY il.name, ii.seqno";
        String info = "SELECT il.name, il.\"unique\", il.partial, ii.seqno, ii.name "
                + "FROM pragma_index_list(?) AS il JOIN pragma_index_info(il.name) AS ii ORDER BY il.name, ii.seqno";
        if (!Boolean.FALSE.equals(indexXinfo)) {
            try {
                List<IndexColumn> result = query(xinfo, rs -> new IndexColumn(rs.getString(1), rs.getInt(2) != 0,
                        rs.getInt(3) != 0, rs.getInt(4), rs.getString(5), rs.getInt(6) != 0), table);
                indexXinfo = true;
                return result;
            } catch (SQLException e) {
                if (Boolean.TRUE.equals(indexXinfo)) {
                    throw e;
                }
                List<IndexColumn> result;
                try {
                    result = query(info, rs -> new IndexColumn(rs.getString(1), rs.getInt(2) != 0,
                            rs.getInt(3) != 0, rs.getInt(4), rs.getString(5), null), table);
                } catch (SQLException e2) {
                    e.addSuppressed(e2);
                    throw e;
                }
                indexXinfo = false;
                return result;
            }
        }
        return query(info, rs -> new IndexColumn(rs.getString(1), rs.getInt(2) != 0, rs.getInt(3) != 0,
                rs.getInt(4), rs.getString(5), null), table);
    }

    /**
     * The rows of pragma_foreign_key_list of {@code children}, ordered by child, key id and
     * column. One round trip for one child; one for many (a join over sqlite_master).
     */
    List<FkRow> foreignKeyRows(List<Table> children) throws SQLException {
        List<FkRow> raw = new ArrayList<>();
        if (children.size() == 1) {
            Table child = children.get(0);
            if (!child.isView()) {
                raw.addAll(query("SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete "
                        + "FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                        rs -> new FkRow(child.name, rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)),
                        child.name));
            }
        } else if (!children.isEmpty()) {
            Map<String, Table> wanted = new HashMap<>();
            for (Table t : children) {
                wanted.put(t.name, t);
            }
            for (FkRow r : query("SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
                    + "f.on_delete FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f "
                    + "WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
                    rs -> new FkRow(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)))) {
                if (wanted.containsKey(r.child)) {
                    raw.add(r);
                }
            }
        }
        return raw;
    }

    /** The CREATE INDEX statement of the index {@code name}, or null (automatic indexes have none). */
    String indexSql(String name) throws SQLException {
        List<String> sql = query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                rs -> rs.getString(1), name);
        return sql.isEmpty() ? null : sql.get(0);
    }

    /** SQLite's identifier comparison: case-insensitive for ASCII letters only. */
    static boolean equalsIgnoreCaseAscii(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && (x > 127 || y > 127 || Character.toLowerCase(x) != Character.toLowerCase(y))) {
                return false;
            }
        }
        return true;
    }

    static final class Table {
        static final String TABLE = "TABLE";
        static final String VIEW = "VIEW";
        static final String SYSTEM_TABLE = "SYSTEM TABLE";

        final String name;
        final String type;
        final String sql;

        Table(String name, String type, String sql) {
            this.name = name;
            this.type = type;
            this.sql = sql;
        }

        boolean isView() {
            return "view".equalsIgnoreCase(type);
        }

        /** SQLite reserves names starting with "sqlite_" for the tables it maintains itself. */
        String jdbcType() {
            if (isView()) {
                return VIEW;
            }
            return name.regionMatches(true, 0, "sqlite_", 0, 7) ? SYSTEM_TABLE : TABLE;
        }
    }

    static final class Column {
        final String name;
        final String declaredType;
        final boolean notNull;
        final String defaultValue;
        /** 1-based position in the primary key, 0 when not part of it. */
        final int pk;
        /** pragma_table_xinfo: 0 normal, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED. */
        final int hidden;

        Column(String name, String declaredType, boolean notNull, String defaultValue, int pk, int hidden) {
            this.name = name;
            this.declaredType = declaredType == null ? "" : declaredType;
            this.notNull = notNull;
            this.defaultValue = defaultValue;
            this.pk = pk;
            this.hidden = hidden;
        }
    }

    static final class IndexColumn {
        final String index;
        final boolean unique;
        final boolean partial;
        final int seqno;
        final String column;
        final Boolean descending;

        IndexColumn(String index, boolean unique, boolean partial, int seqno, String column, Boolean descending) {
            this.index = index;
            this.unique = unique;
            this.partial = partial;
            this.seqno = seqno;
            this.column = column;
            this.descending = descending;
        }
    }

    /** One row of pragma_foreign_key_list. */
    static final class FkRow {
        final String child;
        final int id;
        final int seq;
        final String parent;
        final String from;
        final String to;
        final String onUpdate;
        final String onDelete;

        FkRow(String child, int id, int seq, String parent, String from, String to, String onUpdate,
                String onDelete) {
            this.child = child;
            this.id = id;
            this.seq = seq;
            this.parent = parent;
            this.from = from;
            this.to = to;
            this.onUpdate = onUpdate;
            this.onDelete = onDelete;
        }
    }
}
