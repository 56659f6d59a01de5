package io.dqlite4j.jdbc;

import io.dqlite4j.wire.RowBatch;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Column names and types of a streamed result. The wire carries no declared column types, only a
 * type per value, and dqlite derives DATETIME and BOOLEAN codes from the declared type; so a
 * column's type is that of its first non-NULL value in the first batch: DATETIME (ISO8601 or
 * UNIXTIME values), BOOLEAN, INTEGER, REAL, TEXT or BLOB, and NULL when the batch holds no value.
 */
final class DqliteResultSetMetaData extends ReadOnlyResultSetMetaData {
    private final int[] typeCodes;

    DqliteResultSetMetaData(String[] columns, RowBatch first) {
        super(columns);
        this.typeCodes = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            int code = 5;
            for (int r = 0; first != null && r < first.rowCount() && code == 5; r++) {
                code = first.typeCode(r, c);
            }
            typeCodes[c] = code;
        }
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return switch (typeCodes[index(column)]) {
            case 1 -> Types.BIGINT;
            case 2 -> Types.DOUBLE;
            case 3 -> Types.VARCHAR;
            case 4 -> Types.BLOB;
            case 9, 10 -> Types.TIMESTAMP;
            case 11 -> Types.BOOLEAN;
            default -> Types.NULL;
        };
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return switch (typeCodes[index(column)]) {
            case 1 -> "INTEGER";
            case 2 -> "REAL";
            case 3 -> "TEXT";
            case 4 -> "BLOB";
            case 9, 10 -> "DATETIME";
            case 11 -> "BOOLEAN";
            default -> "NULL";
        };
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return switch (typeCodes[index(column)]) {
            case 1, 9 -> Long.class.getName();
            case 2 -> Double.class.getName();
            case 3, 10 -> String.class.getName();
            case 4 -> byte[].class.getName();
            case 11 -> Boolean.class.getName();
            default -> Object.class.getName();
        };
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return typeCodes[index(column)] == 3;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        index(column);
        return true;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        int t = typeCodes[index(column)];
        return t == 1 || t == 2;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        index(column);
        return Integer.MAX_VALUE;
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        index(column);
        return 0;
    }
}
