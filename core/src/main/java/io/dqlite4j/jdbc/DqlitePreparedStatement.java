package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.types.ParameterEncoder;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.types.Temporals;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.UUID;

/**
 * A JDBC prepared statement. A single statement is prepared on the server once per connection
 * and kept in the connection's statement cache, so re-creating the same PreparedStatement (as jOOQ
 * does for every query) costs no PREPARE round trip. Every execution sends the full parameter
 * tuple (dqlite 1.11 would otherwise reuse stale bindings). Multi-statement text runs as EXEC_SQL.
 *
 * <p>Parameters: integers, floating point, booleans, strings, byte arrays, BigDecimal (as text,
 * exact), java.time and java.sql temporal values (as ISO-8601 text), UUID (text), streams (read
 * up to {@code max_message_size}), NULL. A string containing U+0000 is rejected: dqlite's TEXT
 * cannot carry it; send such data as bytes.
 */
final class DqlitePreparedStatement extends DqliteStatement implements PreparedStatement {
    private final String sql;
    private final SqlStatement analysis;
    private final boolean serverPrepared;
    private Params params;
    private final List<Params> batch = new ArrayList<>();
    private PreparedStatementHandle handle;
    private DqliteConnection handleOwner;

    private final Target target = this::handleFor;
    /** The generated keys of the last batch, until read. */
    private ResultSet batchKeys;

    DqlitePreparedStatement(DqliteJdbcConnection connection, String sql, boolean returnGeneratedKeys) throws SQLException {
        super(connection);
        this.sql = sql;
        this.analysis = SqlStatement.analyze(sql);
        this.serverPrepared = !analysis.hasMultipleStatements();
        this.returnGeneratedKeys = returnGeneratedKeys;
        int count = analysis.placeholderCount();
        if (count > Protocol.MAX_PARAMS) {
            throw new SQLException("statement has " + count + " parameters; SQLite allows at most " + Protocol.MAX_PARAMS,
                    SqlState.WRONG_PARAMETER_COUNT.code());
        }
        this.params = new Params(count);
    }

    /** The server-side statement for this connection: cached, or prepared now. */
    private PreparedStatementHandle handleFor(DqliteConnection conn) throws SQLException {
        if (!serverPrepared) {
            return null;
        }
        if (handle != null && handleOwner == conn && handle.isAlive()) {
            return handle;
        }
        handle = connection.statementCache().take(sql, conn);
        if (handle == null) {
            handle = connection.await(conn, conn.prepare(sql));
        }
        handleOwner = conn;
        if (handle.parameterCount() != params.size()) {
            throw new SQLException("the server counts " + handle.parameterCount() + " parameters in this statement, the "
                    + "driver counted " + params.size() + "; nothing was executed", SqlState.WRONG_PARAMETER_COUNT.code());
        }
        return handle;
    }

    private void checkAllSet(Params p) throws SQLException {
        int unset = p.firstUnset();
        if (unset >= 0) {
            throw new SQLException("no value specified for parameter " + (unset + 1) + " of " + p.size()
                    + "; nothing was sent", SqlState.WRONG_PARAMETER_COUNT.code());
        }
    }

    // ------------------------------------------------------------------ execution

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        checkAllSet(params);
        return executeAnalyzed(analysis, params, target);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("statement returned no result set: " + abbreviate(sql), SqlState.NO_DATA.code());
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        ReturningEmulation.refuseForUpdate(analysis);
        if (execute()) {
            clearResults();
            throw new SQLException("statement returned a result set; use executeQuery: " + abbreviate(sql), SqlState.CARDINALITY_VIOLATION.code());
        }
        return getLargeUpdateCount();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        checkBatchable(analysis, sql);
        checkAllSet(params);
        batch.add(params.copy());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /**
     * Executes the batch with one exact count per item; a single-row INSERT goes out as multi-row
     * INSERTs of consecutive items unless {@code batch_rewrite=false} (see {@link BatchExecution}).
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        clearResults();
        List<Params> items = new ArrayList<>(batch);
        batch.clear();
        if (items.isEmpty()) {
            return new long[0];
        }
        if (returnGeneratedKeys && analysis.kind() == io.dqlite4j.sql.StatementKind.INSERT) {
            return executeBatchWithKeys(items);
        }
        return BatchExecution.prepared(connection, sql, analysis, items, target, returnGeneratedKeys);
    }

    /**
     * A batch of INSERTs whose generated keys were asked for: item by item (each with the
     * statement's generated-key rules), the keys of every item gathered into one result, in item
     * order. A failure raises BatchUpdateException with the counts of the items done before it.
     */
    private long[] executeBatchWithKeys(List<Params> items) throws SQLException {
        long[] counts = new long[items.size()];
        List<Object[]> keys = new ArrayList<>();
        String[] labels = null;
        int[] types = null;
        for (int i = 0; i < items.size(); i++) {
            try {
                executeAnalyzed(analysis, items.get(i), target);
            } catch (SQLException e) {
                throw new java.sql.BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
                        java.util.Arrays.copyOf(counts, i), e);
            }
            counts[i] = getLargeUpdateCount();
            try (ResultSet rs = getGeneratedKeys()) {
                ResultSetMetaData md = rs.getMetaData();
                if (labels == null) {
                    labels = new String[md.getColumnCount()];
                    types = new int[labels.length];
                    for (int c = 0; c < labels.length; c++) {
                        labels[c] = md.getColumnLabel(c + 1);
                        types[c] = md.getColumnType(c + 1);
                    }
                }
                while (rs.next()) {
                    Object[] row = new Object[labels.length];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    keys.add(row);
                }
            }
        }
        clearResults();
        batchKeys = new ListResultSet(this, labels, types, keys);
        return counts;
    }

    @Override
    void clearResults() throws SQLException {
        batchKeys = null;
        super.clearResults();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        ResultSet keys = batchKeys;
        if (keys != null) {
            batchKeys = null;
            return keys;
        }
        return super.getGeneratedKeys();
    }

    @Override
    public void close() throws SQLException {
        if (isClosed()) {
            return;
        }
        try {
            super.close();
        } finally {
            if (handle != null) {
                connection.returnStatement(handle, handleOwner);
                handle = null;
            }
        }
    }

    // Statement's SQL-taking methods are not for prepared statements (JDBC spec).
    @Override
    public boolean execute(String sql) throws SQLException {
        throw new SQLException("execute(String) cannot be called on a PreparedStatement", SqlState.GENERAL_ERROR.code());
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw new SQLException("executeQuery(String) cannot be called on a PreparedStatement", SqlState.GENERAL_ERROR.code());
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw new SQLException("executeUpdate(String) cannot be called on a PreparedStatement", SqlState.GENERAL_ERROR.code());
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw new SQLException("addBatch(String) cannot be called on a PreparedStatement", SqlState.GENERAL_ERROR.code());
    }

    // ------------------------------------------------------------------ parameters

    private int index(int parameterIndex) throws SQLException {
        checkOpen();
        if (parameterIndex < 1 || parameterIndex > params.size()) {
            throw new SQLException("parameter index " + parameterIndex + " is out of range 1.." + params.size()
                    + " for: " + abbreviate(sql), SqlState.INVALID_DESCRIPTOR_INDEX.code());
        }
        return parameterIndex - 1;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        params.clear();
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        params.setNull(index(parameterIndex));
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        params.setNull(index(parameterIndex));
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        params.setBoolean(index(parameterIndex), x);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        params.setLong(index(parameterIndex), x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        params.setLong(index(parameterIndex), x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        params.setLong(index(parameterIndex), x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        params.setLong(index(parameterIndex), x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        params.setDouble(index(parameterIndex), x);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        params.setDouble(index(parameterIndex), x);
    }

    /** Sent as exact decimal text; SQLite converts it for numeric columns. */
    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        setText(parameterIndex, x == null ? null : x.toPlainString());
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        setText(parameterIndex, x);
    }

    private void setText(int parameterIndex, String x) throws SQLException {
        int i = index(parameterIndex);
        try {
            params.setText(i, x);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException(e.getMessage(), SqlState.CHARACTER_NOT_IN_REPERTOIRE.code(), e);
        }
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        setText(parameterIndex, value);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        params.setBlob(index(parameterIndex), x);
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        setText(parameterIndex, x == null ? null : Temporals.format(x));
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        setText(parameterIndex, x == null ? null : Temporals.format(x));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        setText(parameterIndex, x == null ? null : Temporals.format(x));
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        setDate(parameterIndex, x);
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        setTime(parameterIndex, x);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        setTimestamp(parameterIndex, x);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, targetSqlType);
            return;
        }
        switch (targetSqlType) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.CLOB ->
                    setText(parameterIndex, x instanceof TemporalAccessor || x instanceof java.util.Date
                            ? Temporals.formatTemporal(x) : x.toString());
            case Types.BOOLEAN, Types.BIT -> setBoolean(parameterIndex, x instanceof Boolean b ? b
                    : x instanceof Number n ? n.longValue() != 0 : Boolean.parseBoolean(x.toString()));
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> setLong(parameterIndex,
                    x instanceof Number n ? n.longValue() : parseLong(x.toString()));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> setDouble(parameterIndex,
                    x instanceof Number n ? n.doubleValue() : parseDouble(x.toString()));
            default -> setObject(parameterIndex, x);
        }
    }

    private static long parseLong(String s) throws SQLException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new SQLDataException("'" + s + "' is not an integer", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.code(), e);
        }
    }

    private static double parseDouble(String s) throws SQLException {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new SQLDataException("'" + s + "' is not a number", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.code(), e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        setObject(parameterIndex, x, targetSqlType);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        int i = index(parameterIndex);
        ParameterEncoder.Outcome outcome;
        try {
            outcome = ParameterEncoder.set(params, i, x);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException(e.getMessage(), SqlState.CHARACTER_NOT_IN_REPERTOIRE.code(), e);
        }
        if (outcome == ParameterEncoder.Outcome.LOB) {
            if (x instanceof Blob blob) {
                setBlob(parameterIndex, blob);
            } else {
                setClob(parameterIndex, (Clob) x);
            }
        } else if (outcome == ParameterEncoder.Outcome.UNSUPPORTED) {
            throw new SQLFeatureNotSupportedException("parameter " + parameterIndex + " has unsupported type "
                    + x.getClass().getName(), SqlState.FEATURE_NOT_SUPPORTED.code());
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setText(parameterIndex, x == null ? null : new String(read(x, length), StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex, x, -1L);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setText(parameterIndex, x == null ? null : new String(read(x, length), StandardCharsets.UTF_16BE));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        params.setBlob(index(parameterIndex), x == null ? null : read(x, length));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        setBinaryStream(parameterIndex, x, -1L);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setCharacterStream(parameterIndex, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        setText(parameterIndex, reader == null ? null : read(reader, length));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setCharacterStream(parameterIndex, value, length);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setCharacterStream(parameterIndex, value);
    }

    /** Reads a stream fully, refusing more than max_message_size bytes (or more than {@code length} if given). */
    private byte[] read(InputStream in, long length) throws SQLException {
        int limit = connection.config().maxMessageSize();
        try {
            byte[] data = length >= 0 ? in.readNBytes((int) Math.min(length, limit + 1L)) : in.readNBytes(limit + 1);
            if (data.length > limit) {
                throw new SQLDataException("stream parameter is larger than max_message_size=" + limit, SqlState.STRING_DATA_RIGHT_TRUNCATION.code());
            }
            return data;
        } catch (IOException e) {
            throw new SQLException("cannot read stream parameter: " + e.getMessage(), SqlState.GENERAL_ERROR.code(), e);
        }
    }

    private String read(Reader in, long length) throws SQLException {
        int limit = connection.config().maxMessageSize();
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            long want = length >= 0 ? length : Long.MAX_VALUE;
            int n;
            while (sb.length() < want && (n = in.read(buf, 0, (int) Math.min(buf.length, want - sb.length()))) > 0) {
                sb.append(buf, 0, n);
                if (sb.length() > limit) {
                    throw new SQLDataException("character stream parameter is larger than max_message_size=" + limit,
                            SqlState.STRING_DATA_RIGHT_TRUNCATION.code());
                }
            }
            return sb.toString();
        } catch (IOException e) {
            throw new SQLException("cannot read character stream parameter: " + e.getMessage(), SqlState.GENERAL_ERROR.code(), e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        params.setBlob(index(parameterIndex), x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        setBinaryStream(parameterIndex, inputStream);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        setText(parameterIndex, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        setClob(parameterIndex, value);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        setText(parameterIndex, x == null ? null : x.toString());
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        index(parameterIndex);
        throw new SQLFeatureNotSupportedException("SQLite has no array type; setArray is not supported", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        index(parameterIndex);
        throw new SQLFeatureNotSupportedException("SQLite has no REF type; setRef is not supported", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        index(parameterIndex);
        throw new SQLFeatureNotSupportedException("RowId is not supported; bind the rowid as a long", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        index(parameterIndex);
        throw new SQLFeatureNotSupportedException("SQLXML is not supported", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    /**
     * The result columns once the statement produced a result set (they are known only from the
     * server's answer); before that null, as JDBC allows.
     */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return lastMetaData;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new DqliteParameterMetaData(params.size());
    }
}
