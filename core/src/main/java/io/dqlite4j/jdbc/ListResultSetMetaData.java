package io.dqlite4j.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The {@link ResultSetMetaData} of a {@link ListResultSet}. The columns belong to no table, so
 * the catalog, schema and table names are empty, as JDBC asks for "not applicable". Column class
 * names, precision and display size follow the declared {@link Types} code; for character
 * columns the display size is the longest value present, since the rows are all known.
 */
final class ListResultSetMetaData extends ReadOnlyResultSetMetaData {
    private final int[] types;
    private final List<Object[]> rows;

    ListResultSetMetaData(String[] names, int[] types, List<Object[]> rows) {
        super(names);
        this.types = types;
        this.rows = rows;
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return types[index(column)];
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        int type = types[index(column)];
        try {
            return java.sql.JDBCType.valueOf(type).getName();
        } catch (IllegalArgumentException e) {
            return "OTHER";
        }
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        switch (types[index(column)]) {
            case Types.BIT:
            case Types.BOOLEAN:
                return Boolean.class.getName();
            case Types.TINYINT:
                return Byte.class.getName();
            case Types.SMALLINT:
                return Short.class.getName();
            case Types.INTEGER:
                return Integer.class.getName();
            case Types.BIGINT:
                return Long.class.getName();
            case Types.REAL:
                return Float.class.getName();
            case Types.FLOAT:
            case Types.DOUBLE:
                return Double.class.getName();
            case Types.NUMERIC:
            case Types.DECIMAL:
                return java.math.BigDecimal.class.getName();
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return String.class.getName();
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return byte[].class.getName();
            case Types.DATE:
                return java.sql.Date.class.getName();
            case Types.TIME:
                return java.sql.Time.class.getName();
            case Types.TIMESTAMP:
                return java.sql.Timestamp.class.getName();
            default:
                return Object.class.getName();
        }
    }

    /** The decimal precision of numeric types; 0 (unknown) for the rest, whose length SQLite does not limit. */
    @Override
    public int getPrecision(int column) throws SQLException {
        switch (types[index(column)]) {
            case Types.BIT:
            case Types.BOOLEAN:
                return 1;
            case Types.TINYINT:
                return 3;
            case Types.SMALLINT:
                return 5;
            case Types.INTEGER:
                return 10;
            case Types.BIGINT:
                return 19;
            case Types.REAL:
                return 7;
            case Types.FLOAT:
            case Types.DOUBLE:
                return 15;
            default:
                return 0;
        }
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        int i = index(column);
        switch (types[i]) {
            case Types.BIT:
            case Types.BOOLEAN:
                return 5; // "false"
            case Types.TINYINT:
                return 4;
            case Types.SMALLINT:
                return 6;
            case Types.INTEGER:
                return 11;
            case Types.BIGINT:
                return 20;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return 25;
            default:
                int max = 0;
                for (Object[] row : rows) {
                    Object v = row[i];
                    if (v != null) {
                        max = Math.max(max, String.valueOf(v).length());
                    }
                }
                return max;
        }
    }

    /** True for character columns: SQLite compares text case-sensitively unless told otherwise. */
    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return String.class.getName().equals(getColumnClassName(column));
    }

    /** False: the rows are in memory; there is no table to put in a WHERE clause. */
    @Override
    public boolean isSearchable(int column) throws SQLException {
        index(column);
        return false;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        switch (types[index(column)]) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
            case Types.NUMERIC:
            case Types.DECIMAL:
                return true;
            default:
                return false;
        }
    }
}
