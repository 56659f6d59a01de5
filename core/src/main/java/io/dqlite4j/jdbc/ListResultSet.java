package io.dqlite4j.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
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
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A forward-only, read-only {@link ResultSet} over rows held in memory. The driver answers every
 * {@link java.sql.DatabaseMetaData} call and a few local questions (generated keys, PRAGMAs it
 * answers itself) with one of these, so they behave like any other JDBC result: positional and
 * by-label access, {@link #wasNull()}, the usual conversions between Java types, and
 * {@link ResultSetMetaData}.
 *
 * <p>Each column has a name and a {@link java.sql.Types} code; the code is what
 * {@link ResultSetMetaData#getColumnType(int)} reports and does not constrain the stored values.
 * The stored value decides what {@link #getObject(int)} returns, and the typed getters convert
 * from it: numbers from numbers, booleans and numeric text; text from anything; bytes from
 * {@code byte[]} or the UTF-8 form of text (as SQLite's {@code CAST} does); dates and times from
 * {@code java.sql} / {@code java.time} values or ISO-8601 text. A conversion that would lose the
 * value (text that is not a number, a number out of the target's range) throws an
 * {@link SQLException} with SQLState 22018 or 22003 instead of guessing.
 *
 * <p>Navigation other than {@link #next()}, and every update method, throws
 * {@link SQLFeatureNotSupportedException} naming the method. Reading a closed set, reading when
 * the cursor is not on a row, and naming a column that does not exist throw {@link SQLException}
 * with a message that says which.
 *
 * <p>Not thread-safe, like any JDBC result set. The row arrays handed to the constructor are kept,
 * not copied: the caller must not change them afterwards.
 */
public final class ListResultSet implements ResultSet {

    private final Statement statement;
    private final String[] columnNames;
    private final int[] columnTypes;
    private final Map<String, Integer> indexByLabel;
    private List<Object[]> rows;

    /** -1 before the first row, rows.size() after the last one, otherwise the current row. */
    private int cursor = -1;
    private boolean closed;
    private boolean lastWasNull;
    private int fetchSize;
    private ListResultSetMetaData metaData;

    /**
     * A result over {@code rows}.
     *
     * @param statement the statement that produced the result, or null (as for every
     *                  {@link java.sql.DatabaseMetaData} result, which the JDBC spec says has none)
     * @param columnNames the column labels, in order
     * @param columnTypes one {@link java.sql.Types} code per column
     * @param rows the rows, each an array with one value per column ({@code null} for SQL NULL);
     *             kept, not copied
     * @throws IllegalArgumentException when the names, types and rows do not have matching lengths
     */
    public ListResultSet(Statement statement, String[] columnNames, int[] columnTypes, List<Object[]> rows) {
        Objects.requireNonNull(columnNames, "columnNames");
        Objects.requireNonNull(columnTypes, "columnTypes");
        Objects.requireNonNull(rows, "rows");
        if (columnNames.length != columnTypes.length) {
            throw new IllegalArgumentException(columnNames.length + " column names but " + columnTypes.length
                    + " column types");
        }
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            if (row == null || row.length != columnNames.length) {
                throw new IllegalArgumentException("row " + i + " has " + (row == null ? "no" : row.length)
                        + " values, expected " + columnNames.length + " (one per column)");
            }
        }
        this.statement = statement;
        this.columnNames = columnNames.clone();
        this.columnTypes = columnTypes.clone();
        this.rows = List.copyOf(rows);
        // The first of several equal labels wins, as JDBC's findColumn requires.
        this.indexByLabel = new HashMap<>();
        for (int i = columnNames.length - 1; i >= 0; i--) {
            indexByLabel.put(Objects.requireNonNull(columnNames[i], "column name").toUpperCase(Locale.ROOT), i + 1);
        }
    }

    /** An empty result with the given columns, as {@link java.sql.DatabaseMetaData} returns for what SQLite lacks. */
    public static ListResultSet empty(String[] columnNames, int[] columnTypes) {
        return new ListResultSet(null, columnNames, columnTypes, List.of());
    }

    // ---------------------------------------------------------------- cursor

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        lastWasNull = false;
        if (cursor < rows.size()) {
            cursor++;
        }
        return cursor < rows.size();
    }

    @Override
    public void close() {
        closed = true;
        // Drop the rows so a closed set that is still referenced holds no memory.
        rows = List.of();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return lastWasNull;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return cursor >= 0 && cursor < rows.size() ? cursor + 1 : 0;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return cursor < 0 && !rows.isEmpty();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return cursor >= rows.size() && !rows.isEmpty();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return cursor == 0 && !rows.isEmpty();
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return cursor >= 0 && cursor == rows.size() - 1;
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw forwardOnly("beforeFirst");
    }

    @Override
    public void afterLast() throws SQLException {
        throw forwardOnly("afterLast");
    }

    @Override
    public boolean first() throws SQLException {
        throw forwardOnly("first");
    }

    @Override
    public boolean last() throws SQLException {
        throw forwardOnly("last");
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw forwardOnly("absolute");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw forwardOnly("relative");
    }

    @Override
    public boolean previous() throws SQLException {
        throw forwardOnly("previous");
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

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0, not " + rows, "22023");
        }
        // Only a hint, and meaningless for rows already in memory; kept so getFetchSize reports it.
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
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

    /**
     * {@link #HOLD_CURSORS_OVER_COMMIT}: the rows are in memory, so a commit on the connection
     * does not close this set (unlike a result streamed from the server).
     */
    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
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
        throw notSupported("getCursorName", "SQLite has no named cursors");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (metaData == null) {
            metaData = new ListResultSetMetaData(columnNames, columnTypes, rows);
        }
        return metaData;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        Integer index = columnLabel == null ? null : indexByLabel.get(columnLabel.toUpperCase(Locale.ROOT));
        if (index == null) {
            throw new SQLException("no column labelled '" + columnLabel + "' in this result; its columns are "
                    + Arrays.toString(columnNames), "42S22");
        }
        return index;
    }

    // ---------------------------------------------------------------- row change detection

    /** False: rows of this set never change. */
    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        return false;
    }

    /** False: rows of this set never change. */
    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        return false;
    }

    /** False: rows of this set never change. */
    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly("insertRow");
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly("updateRow");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly("deleteRow");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw notSupported("refreshRow", "the rows of this result are a snapshot held in memory");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly("cancelRowUpdates");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly("moveToInsertRow");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly("moveToCurrentRow");
    }

    // ---------------------------------------------------------------- getters by index

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        // byte[] is the one mutable value type stored here; hand out a copy.
        return v instanceof byte[] ? ((byte[]) v).clone() : v;
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw notSupported("getObject(int, Map)", "SQLite has no user-defined types to map");
        }
        return getObject(columnIndex);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            checkOpen();
            throw new SQLException("getObject: the target type must not be null", "22023");
        }
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        Class<?> target = boxed(type);
        Object result;
        if (target == Object.class) {
            result = v instanceof byte[] ? ((byte[]) v).clone() : v;
        } else if (target == String.class) {
            result = asString(v);
        } else if (target == Long.class) {
            result = asLong(v, columnIndex, "long");
        } else if (target == Integer.class) {
            result = (int) asLong(v, columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        } else if (target == Short.class) {
            result = (short) asLong(v, columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        } else if (target == Byte.class) {
            result = (byte) asLong(v, columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        } else if (target == Boolean.class) {
            result = asBoolean(v, columnIndex);
        } else if (target == Double.class) {
            result = asDouble(v, columnIndex, "double");
        } else if (target == Float.class) {
            result = (float) asDouble(v, columnIndex, "float");
        } else if (target == BigDecimal.class) {
            result = asBigDecimal(v, columnIndex, "BigDecimal");
        } else if (target == BigInteger.class) {
            result = asBigDecimal(v, columnIndex, "BigInteger").toBigInteger();
        } else if (target == byte[].class) {
            result = asBytes(v);
        } else if (target == LocalDateTime.class) {
            result = asLocalDateTime(v, columnIndex, "LocalDateTime");
        } else if (target == LocalDate.class) {
            result = v instanceof LocalDate ? v : asLocalDateTime(v, columnIndex, "LocalDate").toLocalDate();
        } else if (target == LocalTime.class) {
            result = asLocalTime(v, columnIndex, "LocalTime");
        } else if (target == Timestamp.class) {
            result = Timestamp.valueOf(asLocalDateTime(v, columnIndex, "Timestamp"));
        } else if (target == Date.class) {
            result = Date.valueOf(asLocalDateTime(v, columnIndex, "Date").toLocalDate());
        } else if (target == Time.class) {
            result = Time.valueOf(asLocalTime(v, columnIndex, "Time"));
        } else if (target.isInstance(v)) {
            result = v;
        } else {
            throw notSupported("getObject(int, " + type.getName() + ")",
                    "column " + describe(columnIndex) + " holds " + v.getClass().getSimpleName()
                            + ", which cannot be converted to " + type.getName());
        }
        @SuppressWarnings("unchecked")
        T t = (T) result;
        return t;
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : asString(v);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v != null && asBoolean(v, columnIndex);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : (byte) asLong(v, columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : (short) asLong(v, columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0 : (int) asLong(v, columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0L : asLong(v, columnIndex, "long");
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0f : (float) asDouble(v, columnIndex, "float");
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? 0d : asDouble(v, columnIndex, "double");
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : asBigDecimal(v, columnIndex, "BigDecimal");
    }

    /** @deprecated as in {@link ResultSet}; rounds half-up to {@code scale}. */
    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : asBytes(v);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : Date.valueOf(asLocalDateTime(v, columnIndex, "Date").toLocalDate());
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        if (cal == null) {
            return getDate(columnIndex);
        }
        Object v = value(columnIndex);
        return v == null ? null
                : new Date(millisIn(asLocalDateTime(v, columnIndex, "Date").toLocalDate().atStartOfDay(), cal));
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : Time.valueOf(asLocalTime(v, columnIndex, "Time"));
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        if (cal == null) {
            return getTime(columnIndex);
        }
        Object v = value(columnIndex);
        // A time of day without a date is placed on 1970-01-01, as java.sql.Time defines.
        return v == null ? null
                : new Time(millisIn(LocalDate.EPOCH.atTime(asLocalTime(v, columnIndex, "Time")), cal));
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : Timestamp.valueOf(asLocalDateTime(v, columnIndex, "Timestamp"));
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        if (cal == null) {
            return getTimestamp(columnIndex);
        }
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        LocalDateTime ldt = asLocalDateTime(v, columnIndex, "Timestamp");
        Timestamp ts = new Timestamp(millisIn(ldt, cal));
        ts.setNanos(ldt.getNano());
        return ts;
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** @deprecated as in {@link ResultSet}. */
    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        throw notSupported("getUnicodeStream", "it is deprecated; use getCharacterStream");
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
    public URL getURL(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        if (s == null) {
            return null;
        }
        try {
            return URI.create(s).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new SQLException("column " + describe(columnIndex) + " does not hold a URL: '" + s + "'", "22018", e);
        }
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw notSupported("getRef", "SQLite has no REF type");
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        throw notSupported("getBlob", "use getBytes");
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        throw notSupported("getClob", "use getString");
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw notSupported("getNClob", "use getString");
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        throw notSupported("getArray", "SQLite has no ARRAY type");
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw notSupported("getRowId", "read the rowid as a long");
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw notSupported("getSQLXML", "SQLite has no XML type");
    }

    // ---------------------------------------------------------------- getters by label

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    /** @deprecated as in {@link ResultSet}. */
    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel), cal);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel), cal);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel), cal);
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    /** @deprecated as in {@link ResultSet}. */
    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return getUnicodeStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return getURL(findColumn(columnLabel));
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return getRef(findColumn(columnLabel));
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return getBlob(findColumn(columnLabel));
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return getClob(findColumn(columnLabel));
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return getNClob(findColumn(columnLabel));
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return getArray(findColumn(columnLabel));
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return getRowId(findColumn(columnLabel));
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return getSQLXML(findColumn(columnLabel));
    }

    // ---------------------------------------------------------------- Wrapper

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface != null && iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("ListResultSet is not a wrapper for " + (iface == null ? "null" : iface.getName()),
                "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface != null && iface.isInstance(this);
    }

    // ---------------------------------------------------------------- access and conversion

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("this result set is closed", "24000");
        }
    }

    /** The current row's value in column {@code columnIndex} (1-based); records it for wasNull. */
    private Object value(int columnIndex) throws SQLException {
        checkOpen();
        if (columnIndex < 1 || columnIndex > columnNames.length) {
            throw new SQLException("column index " + columnIndex + " is out of range: this result has "
                    + columnNames.length + " column" + (columnNames.length == 1 ? "" : "s")
                    + (columnNames.length == 0 ? "" : " (1.." + columnNames.length + ")"), "07009");
        }
        if (cursor < 0) {
            throw new SQLException("no current row: call next() before reading column " + describe(columnIndex),
                    "24000");
        }
        if (cursor >= rows.size()) {
            throw new SQLException("no current row: the cursor is after the last row (next() returned false)",
                    "24000");
        }
        Object v = rows.get(cursor)[columnIndex - 1];
        lastWasNull = v == null;
        return v;
    }

    private String describe(int columnIndex) {
        return columnIndex + " (" + columnNames[columnIndex - 1] + ")";
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == float.class) {
            return Float.class;
        }
        return type;
    }

    private static String asString(Object v) {
        if (v instanceof String) {
            return (String) v;
        } else if (v instanceof byte[]) {
            // What SQLite's CAST(blob AS TEXT) does.
            return new String((byte[]) v, StandardCharsets.UTF_8);
        } else if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        return String.valueOf(v);
    }

    private static byte[] asBytes(Object v) {
        if (v instanceof byte[]) {
            return ((byte[]) v).clone();
        }
        // What SQLite's CAST(text AS BLOB) does.
        return asString(v).getBytes(StandardCharsets.UTF_8);
    }

    private long asLong(Object v, int columnIndex, long min, long max, String target) throws SQLException {
        long l = asLong(v, columnIndex, target);
        if (l < min || l > max) {
            throw outOfRange(v, columnIndex, target);
        }
        return l;
    }

    private long asLong(Object v, int columnIndex, String target) throws SQLException {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        } else if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // -2^63 is Long.MIN_VALUE; 2^63 is the first double above Long.MAX_VALUE; NaN fails both.
            if (!(d >= -0x1p63 && d < 0x1p63)) {
                throw outOfRange(v, columnIndex, target);
            }
            return (long) d;
        } else if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof String) {
            BigDecimal d = asBigDecimal(v, columnIndex, target);
            try {
                return d.setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (ArithmeticException e) {
                throw outOfRange(v, columnIndex, target);
            }
        }
        throw cannotConvert(v, columnIndex, target);
    }

    private double asDouble(Object v, int columnIndex, String target) throws SQLException {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        } else if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        } else if (v instanceof String) {
            try {
                return Double.parseDouble(((String) v).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(v, columnIndex, target);
            }
        }
        throw cannotConvert(v, columnIndex, target);
    }

    private BigDecimal asBigDecimal(Object v, int columnIndex, String target) throws SQLException {
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw cannotConvert(v, columnIndex, target);
            }
            return BigDecimal.valueOf(d);
        } else if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        } else if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(v, columnIndex, target);
            }
        }
        throw cannotConvert(v, columnIndex, target);
    }

    /** JDBC's rule: numbers are true unless zero; text must be 1/0/true/false. */
    private boolean asBoolean(Object v, int columnIndex) throws SQLException {
        if (v instanceof Boolean) {
            return (Boolean) v;
        } else if (v instanceof Number) {
            return v instanceof BigDecimal ? ((BigDecimal) v).signum() != 0 : ((Number) v).doubleValue() != 0;
        } else if (v instanceof String) {
            String s = ((String) v).trim();
            if (s.equals("1") || s.equalsIgnoreCase("true")) {
                return true;
            } else if (s.equals("0") || s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw cannotConvert(v, columnIndex, "boolean");
    }

    private LocalDateTime asLocalDateTime(Object v, int columnIndex, String target) throws SQLException {
        if (v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        } else if (v instanceof LocalDate) {
            return ((LocalDate) v).atStartOfDay();
        } else if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime();
        } else if (v instanceof Date) {
            return ((Date) v).toLocalDate().atStartOfDay();
        } else if (v instanceof String) {
            // SQLite's own text forms: "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.SSS]]", or with a 'T'.
            String s = ((String) v).trim();
            try {
                if (s.length() == 10) {
                    return LocalDate.parse(s).atStartOfDay();
                }
                return LocalDateTime.parse(s.replace(' ', 'T'));
            } catch (DateTimeParseException e) {
                throw cannotConvert(v, columnIndex, target);
            }
        }
        throw cannotConvert(v, columnIndex, target);
    }

    private LocalTime asLocalTime(Object v, int columnIndex, String target) throws SQLException {
        if (v instanceof LocalTime) {
            return (LocalTime) v;
        } else if (v instanceof Time) {
            return ((Time) v).toLocalTime();
        } else if (v instanceof String && ((String) v).trim().length() <= 18 && ((String) v).indexOf(':') == 2) {
            try {
                return LocalTime.parse(((String) v).trim());
            } catch (DateTimeParseException e) {
                throw cannotConvert(v, columnIndex, target);
            }
        }
        return asLocalDateTime(v, columnIndex, target).toLocalTime();
    }

    /** The instant at which the wall-clock time {@code ldt} occurs in the calendar's time zone. */
    private static long millisIn(LocalDateTime ldt, Calendar cal) {
        return ldt.atZone(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli();
    }

    private SQLException cannotConvert(Object v, int columnIndex, String target) {
        return new SQLException("cannot read column " + describe(columnIndex) + " as " + target + ": it holds "
                + show(v), "22018");
    }

    private SQLException outOfRange(Object v, int columnIndex, String target) {
        return new SQLException("column " + describe(columnIndex) + " holds " + show(v)
                + ", which is out of range for " + target, "22003");
    }

    private static String show(Object v) {
        if (v instanceof byte[]) {
            return "a " + ((byte[]) v).length + "-byte blob";
        }
        String s = String.valueOf(v);
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        return v.getClass().getSimpleName() + (v instanceof String ? " '" + s + "'" : " " + s);
    }

    private SQLFeatureNotSupportedException forwardOnly(String method) throws SQLException {
        checkOpen();
        return new SQLFeatureNotSupportedException(method + " is not supported: this result set is forward-only; "
                + "only next() moves the cursor", "0A000");
    }

    private SQLFeatureNotSupportedException readOnly(String method) throws SQLException {
        checkOpen();
        return new SQLFeatureNotSupportedException(method + " is not supported: this result set is read-only",
                "0A000");
    }

    private SQLFeatureNotSupportedException notSupported(String method, String why) throws SQLException {
        checkOpen();
        return new SQLFeatureNotSupportedException(method + " is not supported: " + why, "0A000");
    }

    // ---------------------------------------------------------------- updates (all unsupported)

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        throw readOnly("updateNull");
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        throw readOnly("updateBoolean");
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        throw readOnly("updateByte");
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        throw readOnly("updateShort");
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        throw readOnly("updateInt");
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        throw readOnly("updateLong");
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        throw readOnly("updateFloat");
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        throw readOnly("updateDouble");
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        throw readOnly("updateBigDecimal");
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        throw readOnly("updateString");
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        throw readOnly("updateBytes");
    }

    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException {
        throw readOnly("updateDate");
    }

    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException {
        throw readOnly("updateTime");
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
        throw readOnly("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream stream, int length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream stream, int length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader reader, int length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        throw readOnly("updateNull");
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        throw readOnly("updateBoolean");
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        throw readOnly("updateByte");
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        throw readOnly("updateShort");
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        throw readOnly("updateInt");
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        throw readOnly("updateLong");
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        throw readOnly("updateFloat");
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        throw readOnly("updateDouble");
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        throw readOnly("updateBigDecimal");
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        throw readOnly("updateString");
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        throw readOnly("updateBytes");
    }

    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException {
        throw readOnly("updateDate");
    }

    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException {
        throw readOnly("updateTime");
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
        throw readOnly("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream stream, int length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream stream, int length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException {
        throw readOnly("updateRef");
    }

    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException {
        throw readOnly("updateRef");
    }

    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException {
        throw readOnly("updateArray");
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException {
        throw readOnly("updateArray");
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        throw readOnly("updateRowId");
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        throw readOnly("updateRowId");
    }

    @Override
    public void updateNString(int columnIndex, String x) throws SQLException {
        throw readOnly("updateNString");
    }

    @Override
    public void updateNString(String columnLabel, String x) throws SQLException {
        throw readOnly("updateNString");
    }

    @Override
    public void updateNClob(int columnIndex, NClob x) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String columnLabel, NClob x) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
        throw readOnly("updateSQLXML");
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
        throw readOnly("updateSQLXML");
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader reader, long length) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream stream, long length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream stream, long length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader reader, long length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream stream, long length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream stream, long length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateBlob(int columnIndex, InputStream stream, long length) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String columnLabel, InputStream stream, long length) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader reader) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream stream) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream stream) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader reader) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream stream) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream stream) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateBlob(int columnIndex, InputStream stream) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String columnLabel, InputStream stream) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateClob(int columnIndex, Reader reader) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String columnLabel, Reader reader) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException {
        throw readOnly("updateObject");
    }

}
