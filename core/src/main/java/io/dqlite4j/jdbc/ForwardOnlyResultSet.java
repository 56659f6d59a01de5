package io.dqlite4j.jdbc;

import io.dqlite4j.sql.SqlState;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * What the driver's result sets ({@link DqliteResultSet}, streamed; {@link ListResultSet}, in
 * memory) have in common: they are forward-only and read-only. This class answers everything
 * that follows from that, so a subclass writes only its cursor, its by-index getters,
 * {@link #findColumn(String)} and {@link #checkOpen()}:
 * <ul>
 *   <li>every getter by label, as the by-index getter of {@link #findColumn(String)};</li>
 *   <li>the getters defined by another by-index getter (streams and readers, N-variants, the
 *       deprecated scaled {@code getBigDecimal});</li>
 *   <li>{@link SQLFeatureNotSupportedException} (SQLState 0A000) naming the method and why for
 *       scrolling, every update method, the LOB/REF/ARRAY/ROWID/XML getters and named cursors,
 *       after the usual closed check;</li>
 *   <li>the fixed answers: type, concurrency, fetch direction, warnings, row change detection,
 *       and {@link java.sql.Wrapper}.</li>
 * </ul>
 * The hot getters by index stay in the (final) subclasses so that calls to them bind statically.
 */
abstract class ForwardOnlyResultSet implements ResultSet {

    /**
     * Throws the subclass's SQLException when the result set is closed. Every method of this
     * class except {@link #unwrap} and {@link #isWrapperFor} calls it first (the label getters
     * through {@link #findColumn(String)}).
     */
    abstract void checkOpen() throws SQLException;

    /** The SQLException (07009) for a column index outside {@code 1..count}. */
    static SQLException columnOutOfRange(int columnIndex, int count) {
        return new SQLException("column index " + columnIndex + " is out of range: this result has " + count
                + " column" + (count == 1 ? "" : "s") + (count == 0 ? "" : " (1.." + count + ")"), SqlState.INVALID_DESCRIPTOR_INDEX.code());
    }

    final SQLFeatureNotSupportedException forwardOnly(String method) throws SQLException {
        checkOpen();
        return new SQLFeatureNotSupportedException(method + " is not supported: this result set is forward-only; "
                + "only next() moves the cursor", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    final SQLFeatureNotSupportedException readOnly(String method) throws SQLException {
        checkOpen();
        return new SQLFeatureNotSupportedException(method + " is not supported: this result set is read-only",
                SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    final SQLFeatureNotSupportedException notSupported(String method, String why) throws SQLException {
        checkOpen();
        return new SQLFeatureNotSupportedException(method + " is not supported: " + why, SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    // ------------------------------------------------------------------ fixed answers

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw forwardOnly("setFetchDirection(" + direction + ")");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    /** Null: SQLite reports no warnings on results. */
    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw notSupported("getCursorName", "SQLite has no named cursors");
    }

    /** False: rows of a read-only result never change. */
    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        return false;
    }

    /** False: rows of a read-only result never change. */
    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        return false;
    }

    /** False: rows of a read-only result never change. */
    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }

    // ------------------------------------------------------------------ getters defined by other getters

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    /** @deprecated as in {@link ResultSet}; rounds half-up to {@code scale}. */
    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal v = getBigDecimal(columnIndex);
        return v == null ? null : v.setScale(scale, RoundingMode.HALF_UP);
    }

    // ------------------------------------------------------------------ getters by label

    @Override public String getString(String l) throws SQLException { return getString(findColumn(l)); }
    @Override public String getNString(String l) throws SQLException { return getNString(findColumn(l)); }
    @Override public boolean getBoolean(String l) throws SQLException { return getBoolean(findColumn(l)); }
    @Override public byte getByte(String l) throws SQLException { return getByte(findColumn(l)); }
    @Override public short getShort(String l) throws SQLException { return getShort(findColumn(l)); }
    @Override public int getInt(String l) throws SQLException { return getInt(findColumn(l)); }
    @Override public long getLong(String l) throws SQLException { return getLong(findColumn(l)); }
    @Override public float getFloat(String l) throws SQLException { return getFloat(findColumn(l)); }
    @Override public double getDouble(String l) throws SQLException { return getDouble(findColumn(l)); }
    @Override public BigDecimal getBigDecimal(String l) throws SQLException { return getBigDecimal(findColumn(l)); }
    /** @deprecated as in {@link ResultSet}. */
    @Override @Deprecated public BigDecimal getBigDecimal(String l, int scale) throws SQLException { return getBigDecimal(findColumn(l), scale); }
    @Override public byte[] getBytes(String l) throws SQLException { return getBytes(findColumn(l)); }
    @Override public Date getDate(String l) throws SQLException { return getDate(findColumn(l)); }
    @Override public Date getDate(String l, Calendar cal) throws SQLException { return getDate(findColumn(l), cal); }
    @Override public Time getTime(String l) throws SQLException { return getTime(findColumn(l)); }
    @Override public Time getTime(String l, Calendar cal) throws SQLException { return getTime(findColumn(l), cal); }
    @Override public Timestamp getTimestamp(String l) throws SQLException { return getTimestamp(findColumn(l)); }
    @Override public Timestamp getTimestamp(String l, Calendar cal) throws SQLException { return getTimestamp(findColumn(l), cal); }
    @Override public InputStream getAsciiStream(String l) throws SQLException { return getAsciiStream(findColumn(l)); }
    /** @deprecated as in {@link ResultSet}. */
    @Override @Deprecated public InputStream getUnicodeStream(String l) throws SQLException { return getUnicodeStream(findColumn(l)); }
    @Override public InputStream getBinaryStream(String l) throws SQLException { return getBinaryStream(findColumn(l)); }
    @Override public Reader getCharacterStream(String l) throws SQLException { return getCharacterStream(findColumn(l)); }
    @Override public Reader getNCharacterStream(String l) throws SQLException { return getNCharacterStream(findColumn(l)); }
    @Override public Object getObject(String l) throws SQLException { return getObject(findColumn(l)); }
    @Override public Object getObject(String l, Map<String, Class<?>> map) throws SQLException { return getObject(findColumn(l), map); }
    @Override public <T> T getObject(String l, Class<T> type) throws SQLException { return getObject(findColumn(l), type); }
    @Override public URL getURL(String l) throws SQLException { return getURL(findColumn(l)); }
    @Override public Ref getRef(String l) throws SQLException { return getRef(findColumn(l)); }
    @Override public Blob getBlob(String l) throws SQLException { return getBlob(findColumn(l)); }
    @Override public Clob getClob(String l) throws SQLException { return getClob(findColumn(l)); }
    @Override public NClob getNClob(String l) throws SQLException { return getNClob(findColumn(l)); }
    @Override public Array getArray(String l) throws SQLException { return getArray(findColumn(l)); }
    @Override public RowId getRowId(String l) throws SQLException { return getRowId(findColumn(l)); }
    @Override public SQLXML getSQLXML(String l) throws SQLException { return getSQLXML(findColumn(l)); }

    // ------------------------------------------------------------------ types SQLite does not have

    @Override public Ref getRef(int i) throws SQLException { throw notSupported("getRef", "SQLite has no REF type"); }
    @Override public Blob getBlob(int i) throws SQLException { throw notSupported("getBlob", "use getBytes"); }
    @Override public Clob getClob(int i) throws SQLException { throw notSupported("getClob", "use getString"); }
    @Override public NClob getNClob(int i) throws SQLException { throw notSupported("getNClob", "use getString"); }
    @Override public Array getArray(int i) throws SQLException { throw notSupported("getArray", "SQLite has no ARRAY type"); }
    @Override public RowId getRowId(int i) throws SQLException { throw notSupported("getRowId", "select the rowid and read it as a long"); }
    @Override public SQLXML getSQLXML(int i) throws SQLException { throw notSupported("getSQLXML", "SQLite has no XML type"); }

    // ------------------------------------------------------------------ forward-only

    @Override public void beforeFirst() throws SQLException { throw forwardOnly("beforeFirst"); }
    @Override public void afterLast() throws SQLException { throw forwardOnly("afterLast"); }
    @Override public boolean first() throws SQLException { throw forwardOnly("first"); }
    @Override public boolean last() throws SQLException { throw forwardOnly("last"); }
    @Override public boolean absolute(int row) throws SQLException { throw forwardOnly("absolute"); }
    @Override public boolean relative(int rows) throws SQLException { throw forwardOnly("relative"); }
    @Override public boolean previous() throws SQLException { throw forwardOnly("previous"); }

    // ------------------------------------------------------------------ read-only

    @Override public void refreshRow() throws SQLException { throw notSupported("refreshRow", "a row is not read again once delivered"); }
    @Override public void insertRow() throws SQLException { throw readOnly("insertRow"); }
    @Override public void updateRow() throws SQLException { throw readOnly("updateRow"); }
    @Override public void deleteRow() throws SQLException { throw readOnly("deleteRow"); }
    @Override public void cancelRowUpdates() throws SQLException { throw readOnly("cancelRowUpdates"); }
    @Override public void moveToInsertRow() throws SQLException { throw readOnly("moveToInsertRow"); }
    @Override public void moveToCurrentRow() throws SQLException { throw readOnly("moveToCurrentRow"); }

    @Override public void updateNull(int i) throws SQLException { throw readOnly("updateNull"); }
    @Override public void updateBoolean(int i, boolean x) throws SQLException { throw readOnly("updateBoolean"); }
    @Override public void updateByte(int i, byte x) throws SQLException { throw readOnly("updateByte"); }
    @Override public void updateShort(int i, short x) throws SQLException { throw readOnly("updateShort"); }
    @Override public void updateInt(int i, int x) throws SQLException { throw readOnly("updateInt"); }
    @Override public void updateLong(int i, long x) throws SQLException { throw readOnly("updateLong"); }
    @Override public void updateFloat(int i, float x) throws SQLException { throw readOnly("updateFloat"); }
    @Override public void updateDouble(int i, double x) throws SQLException { throw readOnly("updateDouble"); }
    @Override public void updateBigDecimal(int i, BigDecimal x) throws SQLException { throw readOnly("updateBigDecimal"); }
    @Override public void updateString(int i, String x) throws SQLException { throw readOnly("updateString"); }
    @Override public void updateNString(int i, String x) throws SQLException { throw readOnly("updateNString"); }
    @Override public void updateBytes(int i, byte[] x) throws SQLException { throw readOnly("updateBytes"); }
    @Override public void updateDate(int i, Date x) throws SQLException { throw readOnly("updateDate"); }
    @Override public void updateTime(int i, Time x) throws SQLException { throw readOnly("updateTime"); }
    @Override public void updateTimestamp(int i, Timestamp x) throws SQLException { throw readOnly("updateTimestamp"); }
    @Override public void updateObject(int i, Object x) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(int i, Object x, int scaleOrLength) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(int i, Object x, SQLType t) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(int i, Object x, SQLType t, int scaleOrLength) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateRef(int i, Ref x) throws SQLException { throw readOnly("updateRef"); }
    @Override public void updateArray(int i, Array x) throws SQLException { throw readOnly("updateArray"); }
    @Override public void updateRowId(int i, RowId x) throws SQLException { throw readOnly("updateRowId"); }
    @Override public void updateSQLXML(int i, SQLXML x) throws SQLException { throw readOnly("updateSQLXML"); }
    @Override public void updateBlob(int i, Blob x) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateBlob(int i, InputStream x) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateBlob(int i, InputStream x, long length) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateClob(int i, Clob x) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateClob(int i, Reader x) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateClob(int i, Reader x, long length) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateNClob(int i, NClob x) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNClob(int i, Reader x) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNClob(int i, Reader x, long length) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateAsciiStream(int i, InputStream x) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateAsciiStream(int i, InputStream x, int length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateAsciiStream(int i, InputStream x, long length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(int i, InputStream x) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateBinaryStream(int i, InputStream x, int length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateBinaryStream(int i, InputStream x, long length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(int i, Reader x) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateCharacterStream(int i, Reader x, int length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateCharacterStream(int i, Reader x, long length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateNCharacterStream(int i, Reader x) throws SQLException { throw readOnly("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(int i, Reader x, long length) throws SQLException { throw readOnly("updateNCharacterStream"); }

    @Override public void updateNull(String l) throws SQLException { throw readOnly("updateNull"); }
    @Override public void updateBoolean(String l, boolean x) throws SQLException { throw readOnly("updateBoolean"); }
    @Override public void updateByte(String l, byte x) throws SQLException { throw readOnly("updateByte"); }
    @Override public void updateShort(String l, short x) throws SQLException { throw readOnly("updateShort"); }
    @Override public void updateInt(String l, int x) throws SQLException { throw readOnly("updateInt"); }
    @Override public void updateLong(String l, long x) throws SQLException { throw readOnly("updateLong"); }
    @Override public void updateFloat(String l, float x) throws SQLException { throw readOnly("updateFloat"); }
    @Override public void updateDouble(String l, double x) throws SQLException { throw readOnly("updateDouble"); }
    @Override public void updateBigDecimal(String l, BigDecimal x) throws SQLException { throw readOnly("updateBigDecimal"); }
    @Override public void updateString(String l, String x) throws SQLException { throw readOnly("updateString"); }
    @Override public void updateNString(String l, String x) throws SQLException { throw readOnly("updateNString"); }
    @Override public void updateBytes(String l, byte[] x) throws SQLException { throw readOnly("updateBytes"); }
    @Override public void updateDate(String l, Date x) throws SQLException { throw readOnly("updateDate"); }
    @Override public void updateTime(String l, Time x) throws SQLException { throw readOnly("updateTime"); }
    @Override public void updateTimestamp(String l, Timestamp x) throws SQLException { throw readOnly("updateTimestamp"); }
    @Override public void updateObject(String l, Object x) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(String l, Object x, int scaleOrLength) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(String l, Object x, SQLType t) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(String l, Object x, SQLType t, int scaleOrLength) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateRef(String l, Ref x) throws SQLException { throw readOnly("updateRef"); }
    @Override public void updateArray(String l, Array x) throws SQLException { throw readOnly("updateArray"); }
    @Override public void updateRowId(String l, RowId x) throws SQLException { throw readOnly("updateRowId"); }
    @Override public void updateSQLXML(String l, SQLXML x) throws SQLException { throw readOnly("updateSQLXML"); }
    @Override public void updateBlob(String l, Blob x) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateBlob(String l, InputStream x) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateBlob(String l, InputStream x, long length) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateClob(String l, Clob x) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateClob(String l, Reader x) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateClob(String l, Reader x, long length) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateNClob(String l, NClob x) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNClob(String l, Reader x) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNClob(String l, Reader x, long length) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateAsciiStream(String l, InputStream x) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateAsciiStream(String l, InputStream x, int length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateAsciiStream(String l, InputStream x, long length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(String l, InputStream x) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateBinaryStream(String l, InputStream x, int length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateBinaryStream(String l, InputStream x, long length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(String l, Reader x) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateCharacterStream(String l, Reader x, int length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateCharacterStream(String l, Reader x, long length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateNCharacterStream(String l, Reader x) throws SQLException { throw readOnly("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(String l, Reader x, long length) throws SQLException { throw readOnly("updateNCharacterStream"); }
}
