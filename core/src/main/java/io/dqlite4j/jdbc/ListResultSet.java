package io.dqlite4j.jdbc;

import io.dqlite4j.sql.SqlState;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
 * {@link SQLFeatureNotSupportedException} naming the method (see {@link ForwardOnlyResultSet},
 * which also supplies the getters by label). Reading a closed set, reading when
 * the cursor is not on a row, and naming a column that does not exist throw {@link SQLException}
 * with a message that says which.
 *
 * <p>Not thread-safe, like any JDBC result set. The row arrays handed to the constructor are kept,
 * not copied: the caller must not change them afterwards.
 */
final class ListResultSet extends ForwardOnlyResultSet {

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
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0, not " + rows, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        // Only a hint, and meaningless for rows already in memory; kept so getFetchSize reports it.
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
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
                    + Arrays.toString(columnNames), SqlState.UNDEFINED_COLUMN.code());
        }
        return index;
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
            throw new SQLException("getObject: the target type must not be null", SqlState.INVALID_PARAMETER_VALUE.code());
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

    /** @deprecated as in {@link ResultSet}. */
    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        throw notSupported("getUnicodeStream", "it is deprecated; use getCharacterStream");
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
            throw new SQLException("column " + describe(columnIndex) + " does not hold a URL: '" + s + "'", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.code(), e);
        }
    }

    // ---------------------------------------------------------------- access and conversion

    @Override
    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("this result set is closed", SqlState.INVALID_CURSOR_STATE.code());
        }
    }

    /** The current row's value in column {@code columnIndex} (1-based); records it for wasNull. */
    private Object value(int columnIndex) throws SQLException {
        checkOpen();
        if (columnIndex < 1 || columnIndex > columnNames.length) {
            throw columnOutOfRange(columnIndex, columnNames.length);
        }
        if (cursor < 0) {
            throw new SQLException("no current row: call next() before reading column " + describe(columnIndex),
                    SqlState.INVALID_CURSOR_STATE.code());
        }
        if (cursor >= rows.size()) {
            throw new SQLException("no current row: the cursor is after the last row (next() returned false)",
                    SqlState.INVALID_CURSOR_STATE.code());
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
                + show(v), SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.code());
    }

    private SQLException outOfRange(Object v, int columnIndex, String target) {
        return new SQLException("column " + describe(columnIndex) + " holds " + show(v)
                + ", which is out of range for " + target, SqlState.NUMERIC_VALUE_OUT_OF_RANGE.code());
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
}
