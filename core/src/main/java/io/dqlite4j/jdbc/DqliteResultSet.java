package io.dqlite4j.jdbc;

import io.dqlite4j.client.RowStream;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.types.Iso8601;
import io.dqlite4j.types.UnixTime;
import io.dqlite4j.types.ValueConversions;
import io.dqlite4j.wire.RowBatch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
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
 * usable. What follows from being forward-only and read-only (the getters by label, the refusals)
 * is in {@link ForwardOnlyResultSet}.
 */
final class DqliteResultSet extends ForwardOnlyResultSet {
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

    @Override
    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", SqlState.FUNCTION_SEQUENCE_ERROR.code());
        }
    }

    /** The 0-based column of a 1-based index, after checking there is a current row. */
    private int col(int columnIndex) throws SQLException {
        checkOpen();
        if (row < 0 || finished) {
            throw new SQLException(finished ? "no current row: the result set is exhausted"
                    : "no current row: call next() first", SqlState.INVALID_CURSOR_STATE.code());
        }
        if (columnIndex < 1 || columnIndex > columns.length) {
            throw columnOutOfRange(columnIndex, columns.length);
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
                    SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.code(), e);
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
            throw new SQLDataException("column " + columnIndex + " value " + v + " does not fit an int", SqlState.NUMERIC_VALUE_OUT_OF_RANGE.code());
        }
        return (int) v;
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        long v = getLong(columnIndex);
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new SQLDataException("column " + columnIndex + " value " + v + " does not fit a short", SqlState.NUMERIC_VALUE_OUT_OF_RANGE.code());
        }
        return (short) v;
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        long v = getLong(columnIndex);
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw new SQLDataException("column " + columnIndex + " value " + v + " does not fit a byte", SqlState.NUMERIC_VALUE_OUT_OF_RANGE.code());
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
            throw new SQLException("type must not be null", SqlState.INVALID_PARAMETER_VALUE.code());
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
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16BE));
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        try {
            return s == null ? null : new java.net.URI(s).toURL();
        } catch (Exception e) {
            throw new SQLDataException("column " + columnIndex + " is not a URL: " + s, SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.code(), e);
        }
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return getObject(columnIndex);
    }

    // ------------------------------------------------------------------ by label (the getters are inherited)

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
            throw new SQLException("no column named '" + columnLabel + "' in the result", SqlState.UNDEFINED_COLUMN.code());
        }
        return i;
    }

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
        throw notSupported("isLast", "it would need to read ahead of a streamed result");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return finished ? 0 : (int) Math.min(Integer.MAX_VALUE, rowNumber);
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0", SqlState.INVALID_PARAMETER_VALUE.code());
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return 0;
    }
}
