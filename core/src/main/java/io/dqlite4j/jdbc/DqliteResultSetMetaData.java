package io.dqlite4j.jdbc;

import io.dqlite4j.wire.RowBatch;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Column names and types of a streamed result. The wire carries no declared column types, only a
 * type per value, and dqlite derives DATETIME and BOOLEAN codes from the declared type; so a
 * column's type is that of its first non-NULL value in the first batch: DATETIME (ISO8601 or
 * UNIXTIME values), BOOLEAN, INTEGER, REAL, TEXT or BLOB, and NULL when the batch holds no value.
 */
final class DqliteResultSetMetaData implements ResultSetMetaData {
    private final String[] columns;
    private final int[] typeCodes;

    DqliteResultSetMetaData(String[] columns, RowBatch first) {
        this.columns = columns;
        this.typeCodes = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            int code = 5;
            for (int r = 0; first != null && r < first.rowCount() && code == 5; r++) {
                code = first.typeCode(r, c);
            }
            typeCodes[c] = code;
        }
    }

    private int col(int column) throws SQLException {
        if (column < 1 || column > columns.length) {
            throw new SQLException("column index " + column + " is out of range 1.." + columns.length, "07009");
        }
        return column - 1;
    }

    @Override
    public int getColumnCount() {
        return columns.length;
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return columns[col(column)];
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return columns[col(column)];
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return switch (typeCodes[col(column)]) {
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
        return switch (typeCodes[col(column)]) {
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
        return switch (typeCodes[col(column)]) {
            case 1, 9 -> Long.class.getName();
            case 2 -> Double.class.getName();
            case 3, 10 -> String.class.getName();
            case 4 -> byte[].class.getName();
            case 11 -> Boolean.class.getName();
            default -> Object.class.getName();
        };
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return typeCodes[col(column)] == 3;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        col(column);
        return columnNullableUnknown;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        int t = typeCodes[col(column)];
        return t == 1 || t == 2;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        col(column);
        return Integer.MAX_VALUE;
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        col(column);
        return 0;
    }

    @Override
    public int getScale(int column) throws SQLException {
        col(column);
        return 0;
    }

    @Override
    public String getTableName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
