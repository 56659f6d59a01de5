package io.dqlite4j.jdbc;

import io.dqlite4j.sql.SqlState;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** Parameter count of a prepared statement; SQLite parameters are untyped, so types read as VARCHAR/unknown. */
final class DqliteParameterMetaData implements ParameterMetaData {
    private final int count;

    DqliteParameterMetaData(int count) {
        this.count = count;
    }

    private void check(int param) throws SQLException {
        if (param < 1 || param > count) {
            throw new SQLException("parameter index " + param + " is out of range 1.." + count, SqlState.INVALID_DESCRIPTOR_INDEX.code());
        }
    }

    @Override public int getParameterCount() { return count; }
    @Override public int isNullable(int param) throws SQLException { check(param); return parameterNullableUnknown; }
    @Override public boolean isSigned(int param) throws SQLException { check(param); return true; }
    @Override public int getPrecision(int param) throws SQLException { check(param); return 0; }
    @Override public int getScale(int param) throws SQLException { check(param); return 0; }
    @Override public int getParameterType(int param) throws SQLException { check(param); return Types.VARCHAR; }
    @Override public String getParameterTypeName(int param) throws SQLException { check(param); return "ANY"; }
    @Override public String getParameterClassName(int param) throws SQLException { check(param); return Object.class.getName(); }
    @Override public int getParameterMode(int param) throws SQLException { check(param); return parameterModeIn; }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }
}
