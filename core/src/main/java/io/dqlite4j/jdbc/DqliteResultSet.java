package io.dqlite4j.jdbc;

import io.dqlite4j.client.RowStream;
import io.dqlite4j.types.Iso8601;
import io.dqlite4j.types.UnixTime;
import io.dqlite4j.types.ValueConversions;
import io.dqlite4j.wire.RowBatch;
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
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A forward-only, read-only result set that streams: it holds one decoded ROWS batch at a time
 * (plus the few the connection buffers ahead), so a result never needs to fit in memory. Values
 * are read straight from the batch's primitive arrays; nothing is boxed for {@code getLong},
 * {@code getDouble} and friends.
 *
 * <p>Typing follows each value's wire type: DATETIME/DATE/TIMESTAMP columns arrive as ISO8601
 * text or UNIXTIME seconds and read as java.time values through {@code getObject(i, Class)};
 * an ISO8601 {@code ""} reads as NULL (older servers send NULL that way); NULL, empty text and an
 * empty blob stay distinct. Closing early discards the rest of the stream; the connection stays
 * usable.
 */
final class DqliteResultSet implements ResultSet {
    private final DqliteStatement statement;
    private final RowStream stream;
    /** The remaining batches of a result read in full beforehand (see the buffered constructor), else null. */
    private final Iterator<RowBatch> buffered;
    private final int maxRows;
    private final String[] columns;
    private RowBatch batch;
    private int row = -1;
    private long rowNumber;
    private boolean finished;
    private boolean closed;
    private boolean wasNull;
    private Map<String, Integer> columnIndex;
    private DqliteResultSetMetaData metaData;

    DqliteResultSet(DqliteStatement statement, RowStream stream, RowBatch first, int maxRows) {
        this.statement = statement;
        this.stream = stream;
        this.buffered = null;
        this.batch = first;
        this.maxRows = maxRows;
        this.columns = first == null ? new String[0] : first.columns();
        this.finished = first == null;
    }

    /**
     * A result over batches already read in full (the emulated INSERT … RETURNING reads its rows
     * before it commits); it reads and converts exactly like a streamed result, and nothing of it
     * is left on the wire.
     */
    DqliteResultSet(DqliteStatement statement, List<RowBatch> batches, int maxRows) {
        this.statement = statement;
        this.stream = null;
        this.buffered = batches.iterator();
        this.batch = buffered.hasNext() ? buffered.next() : null;
        this.maxRows = maxRows;
        this.columns = batch == null ? new String[0] : batch.columns();
        this.finished = batch == null;
    }

    // ------------------------------------------------------------------ cursor

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (finished) {
            return false;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            finish(true);
            return false;
        }
        row++;
        while (row >= batch.rowCount()) {
            if (batch.isLast()) {
                finish(false);
                return false;
            }
            RowBatch nextBatch;
            try {
                nextBatch = stream == null ? (buffered.hasNext() ? buffered.next() : null)
                        : stream.next(statement.connection.waitMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                finish(true);
                throw SqlExceptions.toSqlException("reading the result failed", e);
            }
            if (nextBatch == null) {
                finish(false);
                return false;
            }
            batch = nextBatch;
            row = 0;
        }
        rowNumber++;
        return true;
    }

    private void finish(boolean discardRest) {
        finished = true;
        if (discardRest && stream != null) {
            stream.cancel();
        }
        row = -1;
    }

    void cancelStream() {
        if (stream != null) {
            stream.cancel();
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            finish(true);
        }
        statement.resultSetClosed(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", "HY010");
        }
    }

    /** The 0-based column of a 1-based index, after checking there is a current row. */
    private int col(int columnIndex) throws SQLException {
        checkOpen();
        if (row < 0 || finished) {
            throw new SQLException(finished ? "no current row: the result set is exhausted"
                    : "no current row: call next() first", "24000");
        }
        if (columnIndex < 1 || columnIndex > columns.length) {
            throw new SQLException("column index " + columnIndex + " is out of range 1.." + columns.length, "07009");
        }
        return columnIndex - 1;
    }

    private Object raw(int c) {
        Object raw = ValueConversions.raw(batch, row, c);
        wasNull = raw == null;
        return raw;
    }

    private <T> T convert(int columnIndex, Class<T> type) throws SQLException {
        Object raw = raw(col(columnIndex));
        try {
            return ValueConversions.convert(raw, type);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new SQLDataException("column " + columnIndex + " (" + columns[columnIndex - 1] + "): " + e.getMessage(),
                    "22018", e);
        }
    }

    // ------------------------------------------------------------------ hot getters

    @Override
    public String getString(int columnIndex) throws SQLException {
        int c = col(columnIndex);
        int type = batch.typeCode(row, c);
        if (type == 3) {
            wasNull = false;
            return (String) batch.getRef(row, c);
        }
        if (type == 1) {
            wasNull = false;
            return Long.toString(batch.getLong(row, c));
        }
        Object raw = raw(c);
        return raw == null ? null : ValueConversions.asString(raw);
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        int c = col(columnIndex);
        int type = batch.typeCode(row, c);
        if (type == 1 || type == 9 || type == 11) {
            wasNull = false;
            return batch.getLong(row, c);
        }
        Long v = convert(columnIndex, Long.class);
        return v == null ? 0 : v;
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        long v = getLong(columnIndex);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new SQLDataException("column " + columnIndex + " value " + v + " does not fit an int", "22003");
        }
        return (int) v;
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        long v = getLong(columnIndex);
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new SQLDataException("column " + columnIndex + " value " + v + " does not fit a short", "22003");
        }
        return (short) v;
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        long v = getLong(columnIndex);
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw new SQLDataException("column " + columnIndex + " value " + v + " does not fit a byte", "22003");
        }
        return (byte) v;
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        int c = col(columnIndex);
        int type = batch.typeCode(row, c);
        if (type == 2) {
            wasNull = false;
            return batch.getDouble(row, c);
        }
        if (type == 1) {
            wasNull = false;
            return batch.getLong(row, c);
        }
        Double v = convert(columnIndex, Double.class);
        return v == null ? 0 : v;
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return (float) getDouble(columnIndex);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        int c = col(columnIndex);
        int type = batch.typeCode(row, c);
        if (type == 1 || type == 11) {
            wasNull = false;
            return batch.getLong(row, c) != 0;
        }
        Boolean v = convert(columnIndex, Boolean.class);
        return v != null && v;
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        int c = col(columnIndex);
        if (batch.typeCode(row, c) == 4) {
            wasNull = false;
            return ((byte[]) batch.getRef(row, c)).clone();
        }
        byte[] v = convert(columnIndex, byte[].class);
        return v;
    }

    /**
     * The value as its natural Java type: Long (INTEGER, and UNIXTIME seconds), Double, String
     * (TEXT, and ISO8601 text), byte[], Boolean, or null.
     */
    @Override
    public Object getObject(int columnIndex) throws SQLException {
        int c = col(columnIndex);
        Object raw = raw(c);
        if (raw instanceof UnixTime u) {
            return u.seconds();
        }
        if (raw instanceof Iso8601 iso) {
            return iso.text();
        }
        if (raw instanceof byte[] b) {
            return b.clone();
        }
        return raw;
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("type must not be null", "22023");
        }
        T value = convert(columnIndex, type);
        if (value instanceof byte[] b) {
            return type.cast(b.clone());
        }
        return value;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    // ------------------------------------------------------------------ other getters

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        return convert(columnIndex, BigDecimal.class);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal v = getBigDecimal(columnIndex);
        return v == null ? null : v.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return convert(columnIndex, Date.class);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return convert(columnIndex, Time.class);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return convert(columnIndex, Timestamp.class);
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        return getDate(columnIndex);
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        return getTime(columnIndex);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        return getTimestamp(columnIndex);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16BE));
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

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        try {
            return s == null ? null : new java.net.URI(s).toURL();
        } catch (Exception e) {
            throw new SQLDataException("column " + columnIndex + " is not a URL: " + s, "22018", e);
        }
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return getObject(columnIndex);
    }

    // ------------------------------------------------------------------ by label

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (columnIndex == null) {
            columnIndex = new HashMap<>();
            for (int i = columns.length - 1; i >= 0; i--) {
                columnIndex.put(columns[i].toLowerCase(Locale.ROOT), i + 1);
            }
        }
        Integer i = columnIndex.get(String.valueOf(columnLabel).toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new SQLException("no column named '" + columnLabel + "' in the result", "42S22");
        }
        return i;
    }

    @Override public String getString(String l) throws SQLException { return getString(findColumn(l)); }
    @Override public boolean getBoolean(String l) throws SQLException { return getBoolean(findColumn(l)); }
    @Override public byte getByte(String l) throws SQLException { return getByte(findColumn(l)); }
    @Override public short getShort(String l) throws SQLException { return getShort(findColumn(l)); }
    @Override public int getInt(String l) throws SQLException { return getInt(findColumn(l)); }
    @Override public long getLong(String l) throws SQLException { return getLong(findColumn(l)); }
    @Override public float getFloat(String l) throws SQLException { return getFloat(findColumn(l)); }
    @Override public double getDouble(String l) throws SQLException { return getDouble(findColumn(l)); }
    @Override @Deprecated public BigDecimal getBigDecimal(String l, int scale) throws SQLException { return getBigDecimal(findColumn(l), scale); }
    @Override public byte[] getBytes(String l) throws SQLException { return getBytes(findColumn(l)); }
    @Override public Date getDate(String l) throws SQLException { return getDate(findColumn(l)); }
    @Override public Time getTime(String l) throws SQLException { return getTime(findColumn(l)); }
    @Override public Timestamp getTimestamp(String l) throws SQLException { return getTimestamp(findColumn(l)); }
    @Override public InputStream getAsciiStream(String l) throws SQLException { return getAsciiStream(findColumn(l)); }
    @Override @Deprecated public InputStream getUnicodeStream(String l) throws SQLException { return getUnicodeStream(findColumn(l)); }
    @Override public InputStream getBinaryStream(String l) throws SQLException { return getBinaryStream(findColumn(l)); }
    @Override public Object getObject(String l) throws SQLException { return getObject(findColumn(l)); }
    @Override public Reader getCharacterStream(String l) throws SQLException { return getCharacterStream(findColumn(l)); }
    @Override public BigDecimal getBigDecimal(String l) throws SQLException { return getBigDecimal(findColumn(l)); }
    @Override public Object getObject(String l, Map<String, Class<?>> map) throws SQLException { return getObject(findColumn(l), map); }
    @Override public Date getDate(String l, Calendar cal) throws SQLException { return getDate(findColumn(l), cal); }
    @Override public Time getTime(String l, Calendar cal) throws SQLException { return getTime(findColumn(l), cal); }
    @Override public Timestamp getTimestamp(String l, Calendar cal) throws SQLException { return getTimestamp(findColumn(l), cal); }
    @Override public URL getURL(String l) throws SQLException { return getURL(findColumn(l)); }
    @Override public String getNString(String l) throws SQLException { return getNString(findColumn(l)); }
    @Override public Reader getNCharacterStream(String l) throws SQLException { return getNCharacterStream(findColumn(l)); }
    @Override public <T> T getObject(String l, Class<T> type) throws SQLException { return getObject(findColumn(l), type); }

    // ------------------------------------------------------------------ metadata and state

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (metaData == null) {
            metaData = new DqliteResultSetMetaData(columns, batch);
        }
        return metaData;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

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
        throw new SQLFeatureNotSupportedException("named cursors are not supported", "0A000");
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && !finished && batch != null && (batch.rowCount() > 0 || !batch.isLast());
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return finished && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowNumber == 1 && !finished;
    }

    @Override
    public boolean isLast() throws SQLException {
        throw new SQLFeatureNotSupportedException("isLast() would need to read ahead of a streamed result", "0A000");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return finished ? 0 : (int) Math.min(Integer.MAX_VALUE, rowNumber);
    }

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
    public int getHoldability() throws SQLException {
        checkOpen();
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw new SQLFeatureNotSupportedException("only FETCH_FORWARD is supported", "0A000");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0", "22023");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return 0;
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

    // ------------------------------------------------------------------ unsupported: scrolling, updates, LOB types

    private static SQLFeatureNotSupportedException forwardOnly(String method) {
        return new SQLFeatureNotSupportedException(method + ": dqlite result sets are forward-only", "0A000");
    }

    private static SQLFeatureNotSupportedException readOnly(String method) {
        return new SQLFeatureNotSupportedException(method + ": dqlite result sets are read-only", "0A000");
    }

    @Override public void beforeFirst() throws SQLException { throw forwardOnly("beforeFirst"); }
    @Override public void afterLast() throws SQLException { throw forwardOnly("afterLast"); }
    @Override public boolean first() throws SQLException { throw forwardOnly("first"); }
    @Override public boolean last() throws SQLException { throw forwardOnly("last"); }
    @Override public boolean absolute(int row) throws SQLException { throw forwardOnly("absolute"); }
    @Override public boolean relative(int rows) throws SQLException { throw forwardOnly("relative"); }
    @Override public boolean previous() throws SQLException { throw forwardOnly("previous"); }
    @Override public boolean rowUpdated() throws SQLException { return false; }
    @Override public boolean rowInserted() throws SQLException { return false; }
    @Override public boolean rowDeleted() throws SQLException { return false; }
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
    @Override public void updateBytes(int i, byte[] x) throws SQLException { throw readOnly("updateBytes"); }
    @Override public void updateDate(int i, Date x) throws SQLException { throw readOnly("updateDate"); }
    @Override public void updateTime(int i, Time x) throws SQLException { throw readOnly("updateTime"); }
    @Override public void updateTimestamp(int i, Timestamp x) throws SQLException { throw readOnly("updateTimestamp"); }
    @Override public void updateAsciiStream(int i, InputStream x, int length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(int i, InputStream x, int length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(int i, Reader x, int length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateObject(int i, Object x, int scaleOrLength) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(int i, Object x) throws SQLException { throw readOnly("updateObject"); }
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
    @Override public void updateBytes(String l, byte[] x) throws SQLException { throw readOnly("updateBytes"); }
    @Override public void updateDate(String l, Date x) throws SQLException { throw readOnly("updateDate"); }
    @Override public void updateTime(String l, Time x) throws SQLException { throw readOnly("updateTime"); }
    @Override public void updateTimestamp(String l, Timestamp x) throws SQLException { throw readOnly("updateTimestamp"); }
    @Override public void updateAsciiStream(String l, InputStream x, int length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(String l, InputStream x, int length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(String l, Reader reader, int length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateObject(String l, Object x, int scaleOrLength) throws SQLException { throw readOnly("updateObject"); }
    @Override public void updateObject(String l, Object x) throws SQLException { throw readOnly("updateObject"); }
    @Override public void insertRow() throws SQLException { throw readOnly("insertRow"); }
    @Override public void updateRow() throws SQLException { throw readOnly("updateRow"); }
    @Override public void deleteRow() throws SQLException { throw readOnly("deleteRow"); }
    @Override public void refreshRow() throws SQLException { throw readOnly("refreshRow"); }
    @Override public void cancelRowUpdates() throws SQLException { throw readOnly("cancelRowUpdates"); }
    @Override public void moveToInsertRow() throws SQLException { throw readOnly("moveToInsertRow"); }
    @Override public void moveToCurrentRow() throws SQLException { throw readOnly("moveToCurrentRow"); }
    @Override public Ref getRef(int i) throws SQLException { throw new SQLFeatureNotSupportedException("getRef: SQLite has no REF type", "0A000"); }
    @Override public Blob getBlob(int i) throws SQLException { throw new SQLFeatureNotSupportedException("getBlob: use getBytes", "0A000"); }
    @Override public Clob getClob(int i) throws SQLException { throw new SQLFeatureNotSupportedException("getClob: use getString", "0A000"); }
    @Override public Array getArray(int i) throws SQLException { throw new SQLFeatureNotSupportedException("getArray: SQLite has no array type", "0A000"); }
    @Override public Ref getRef(String l) throws SQLException { return getRef(findColumn(l)); }
    @Override public Blob getBlob(String l) throws SQLException { return getBlob(findColumn(l)); }
    @Override public Clob getClob(String l) throws SQLException { return getClob(findColumn(l)); }
    @Override public Array getArray(String l) throws SQLException { return getArray(findColumn(l)); }
    @Override public RowId getRowId(int i) throws SQLException { throw new SQLFeatureNotSupportedException("getRowId: select the rowid as a long", "0A000"); }
    @Override public RowId getRowId(String l) throws SQLException { return getRowId(findColumn(l)); }
    @Override public void updateRowId(int i, RowId x) throws SQLException { throw readOnly("updateRowId"); }
    @Override public void updateRowId(String l, RowId x) throws SQLException { throw readOnly("updateRowId"); }
    @Override public void updateNString(int i, String s) throws SQLException { throw readOnly("updateNString"); }
    @Override public void updateNString(String l, String s) throws SQLException { throw readOnly("updateNString"); }
    @Override public void updateNClob(int i, NClob c) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNClob(String l, NClob c) throws SQLException { throw readOnly("updateNClob"); }
    @Override public NClob getNClob(int i) throws SQLException { throw new SQLFeatureNotSupportedException("getNClob: use getString", "0A000"); }
    @Override public NClob getNClob(String l) throws SQLException { return getNClob(findColumn(l)); }
    @Override public SQLXML getSQLXML(int i) throws SQLException { throw new SQLFeatureNotSupportedException("getSQLXML is not supported", "0A000"); }
    @Override public SQLXML getSQLXML(String l) throws SQLException { return getSQLXML(findColumn(l)); }
    @Override public void updateSQLXML(int i, SQLXML x) throws SQLException { throw readOnly("updateSQLXML"); }
    @Override public void updateSQLXML(String l, SQLXML x) throws SQLException { throw readOnly("updateSQLXML"); }
    @Override public void updateNCharacterStream(int i, Reader x, long length) throws SQLException { throw readOnly("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(String l, Reader r, long length) throws SQLException { throw readOnly("updateNCharacterStream"); }
    @Override public void updateAsciiStream(int i, InputStream x, long length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(int i, InputStream x, long length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(int i, Reader x, long length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateAsciiStream(String l, InputStream x, long length) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(String l, InputStream x, long length) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(String l, Reader r, long length) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateBlob(int i, InputStream s, long length) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateBlob(String l, InputStream s, long length) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateClob(int i, Reader r, long length) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateClob(String l, Reader r, long length) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateNClob(int i, Reader r, long length) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNClob(String l, Reader r, long length) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNCharacterStream(int i, Reader x) throws SQLException { throw readOnly("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(String l, Reader r) throws SQLException { throw readOnly("updateNCharacterStream"); }
    @Override public void updateAsciiStream(int i, InputStream x) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(int i, InputStream x) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(int i, Reader x) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateAsciiStream(String l, InputStream x) throws SQLException { throw readOnly("updateAsciiStream"); }
    @Override public void updateBinaryStream(String l, InputStream x) throws SQLException { throw readOnly("updateBinaryStream"); }
    @Override public void updateCharacterStream(String l, Reader r) throws SQLException { throw readOnly("updateCharacterStream"); }
    @Override public void updateBlob(int i, InputStream s) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateBlob(String l, InputStream s) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateClob(int i, Reader r) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateClob(String l, Reader r) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateNClob(int i, Reader r) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateNClob(String l, Reader r) throws SQLException { throw readOnly("updateNClob"); }
    @Override public void updateRef(int i, Ref x) throws SQLException { throw readOnly("updateRef"); }
    @Override public void updateRef(String l, Ref x) throws SQLException { throw readOnly("updateRef"); }
    @Override public void updateBlob(int i, Blob x) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateBlob(String l, Blob x) throws SQLException { throw readOnly("updateBlob"); }
    @Override public void updateClob(int i, Clob x) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateClob(String l, Clob x) throws SQLException { throw readOnly("updateClob"); }
    @Override public void updateArray(int i, Array x) throws SQLException { throw readOnly("updateArray"); }
    @Override public void updateArray(String l, Array x) throws SQLException { throw readOnly("updateArray"); }
}
