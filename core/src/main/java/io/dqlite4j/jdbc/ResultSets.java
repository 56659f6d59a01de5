package io.dqlite4j.jdbc;

import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Small in-memory result sets the driver produces itself (generated keys, local PRAGMA answers). */
final class ResultSets {
    private ResultSets() {
    }

    /** One row with one column. */
    static ResultSet single(Statement statement, String column, long value) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new ListResultSet(statement, new String[] {column}, new int[] {Types.BIGINT}, rows);
    }

    /**
     * The generated key of an INSERT: SQLite's last insert rowid, in a column named like
     * SQLite's function; empty when nothing was inserted.
     */
    static ResultSet generatedKey(Statement statement, Long rowid) {
        List<Object[]> rows = new ArrayList<>();
        if (rowid != null) {
            rows.add(new Object[] {rowid});
        }
        return new ListResultSet(statement, new String[] {"last_insert_rowid()"}, new int[] {Types.BIGINT}, rows);
    }
}
