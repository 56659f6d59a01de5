package io.dqlite4j.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * What the metadata of the driver's result sets ({@link DqliteResultSetMetaData},
 * {@link ListResultSetMetaData}) have in common: column names and labels (the same), the range
 * check of a column index, and the answers that hold for every column of a read-only result
 * whose origin is not known: no catalog, schema or table (empty, as JDBC asks for "not
 * applicable"), never writable, never auto-increment or currency, nullability unknown, scale 0.
 * A subclass describes the column types.
 */
abstract class ReadOnlyResultSetMetaData implements ResultSetMetaData {
    private final String[] names;

    ReadOnlyResultSetMetaData(String[] names) {
        this.names = names;
    }

    /** The 0-based index of the 1-based {@code column}; an SQLException (07009) when out of range. */
    final int index(int column) throws SQLException {
        if (column < 1 || column > names.length) {
            throw ForwardOnlyResultSet.columnOutOfRange(column, names.length);
        }
        return column - 1;
    }

    @Override
    public int getColumnCount() {
        return names.length;
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return names[index(column)];
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return names[index(column)];
    }

    @Override public int getScale(int column) throws SQLException { index(column); return 0; }
    @Override public boolean isAutoIncrement(int column) throws SQLException { index(column); return false; }
    @Override public boolean isCurrency(int column) throws SQLException { index(column); return false; }
    @Override public int isNullable(int column) throws SQLException { index(column); return columnNullableUnknown; }
    @Override public String getSchemaName(int column) throws SQLException { index(column); return ""; }
    @Override public String getTableName(int column) throws SQLException { index(column); return ""; }
    @Override public String getCatalogName(int column) throws SQLException { index(column); return ""; }
    @Override public boolean isReadOnly(int column) throws SQLException { index(column); return true; }
    @Override public boolean isWritable(int column) throws SQLException { index(column); return false; }
    @Override public boolean isDefinitelyWritable(int column) throws SQLException { index(column); return false; }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }
}
