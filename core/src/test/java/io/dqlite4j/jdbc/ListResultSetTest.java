package io.dqlite4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class ListResultSetTest {

    private static final String[] NAMES = {"NAME", "COUNT", "SEQ", "FLAG", "DATA"};
    private static final int[] TYPES = {Types.VARCHAR, Types.INTEGER, Types.SMALLINT, Types.BOOLEAN, Types.BLOB};

    private static ListResultSet twoRows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"héllo", 42, (short) 7, true, "ab".getBytes(StandardCharsets.UTF_8)});
        rows.add(new Object[] {null, null, null, null, null});
        return new ListResultSet(null, NAMES, TYPES, rows);
    }

    private static ListResultSet single(Object value, int type) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        ListResultSet rs = new ListResultSet(null, new String[] {"V"}, new int[] {type}, rows);
        assertThat(rs.next()).isTrue();
        return rs;
    }

    @Test
    void walksForwardAndReportsItsPosition() throws SQLException {
        ListResultSet rs = twoRows();
        assertThat(rs.isBeforeFirst()).isTrue();
        assertThat(rs.getRow()).isZero();
        assertThat(rs.next()).isTrue();
        assertThat(rs.isBeforeFirst()).isFalse();
        assertThat(rs.isFirst()).isTrue();
        assertThat(rs.isLast()).isFalse();
        assertThat(rs.getRow()).isEqualTo(1);
        assertThat(rs.next()).isTrue();
        assertThat(rs.isFirst()).isFalse();
        assertThat(rs.isLast()).isTrue();
        assertThat(rs.getRow()).isEqualTo(2);
        assertThat(rs.next()).isFalse();
        assertThat(rs.isAfterLast()).isTrue();
        assertThat(rs.isLast()).isFalse();
        assertThat(rs.getRow()).isZero();
        assertThat(rs.next()).isFalse(); // stays after the last row
        assertThat(rs.isAfterLast()).isTrue();
    }

    @Test
    void anEmptyResultIsNeitherBeforeFirstNorAfterLast() throws SQLException {
        ListResultSet rs = ListResultSet.empty(new String[] {"A", "B"}, new int[] {Types.VARCHAR, Types.INTEGER});
        assertThat(rs.isBeforeFirst()).isFalse();
        assertThat(rs.next()).isFalse();
        assertThat(rs.isAfterLast()).isFalse();
        assertThat(rs.isFirst()).isFalse();
        assertThat(rs.isLast()).isFalse();
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
        assertThat(rs.getMetaData().getColumnName(2)).isEqualTo("B");
    }

    @Test
    void typedGettersByIndexAndByCaseInsensitiveLabel() throws SQLException {
        ListResultSet rs = twoRows();
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("héllo");
        assertThat(rs.getNString("name")).isEqualTo("héllo");
        assertThat(rs.getInt(2)).isEqualTo(42);
        assertThat(rs.getLong("Count")).isEqualTo(42L);
        assertThat(rs.getShort(3)).isEqualTo((short) 7);
        assertThat(rs.getByte("SEQ")).isEqualTo((byte) 7);
        assertThat(rs.getDouble(2)).isEqualTo(42.0);
        assertThat(rs.getFloat(2)).isEqualTo(42.0f);
        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("42");
        assertThat(rs.getBoolean(4)).isTrue();
        assertThat(rs.getBoolean("count")).isTrue();
        assertThat(rs.getBytes(5)).containsExactly('a', 'b');
        assertThat(rs.getString(5)).isEqualTo("ab");
        assertThat(rs.getObject(2)).isEqualTo(42);
        assertThat(rs.getObject("seq")).isEqualTo((short) 7);
        assertThat(rs.getObject(4)).isEqualTo(true);
        assertThat(rs.wasNull()).isFalse();
        assertThat(rs.findColumn("flag")).isEqualTo(4);
    }

    @Test
    void nullsReadAsJdbcDefaultsAndSetWasNull() throws SQLException {
        ListResultSet rs = twoRows();
        rs.next();
        assertThat(rs.wasNull()).isFalse(); // nothing read yet
        rs.next();
        assertThat(rs.getString(1)).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getInt(2)).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getShort(3)).isZero();
        assertThat(rs.getBoolean(4)).isFalse();
        assertThat(rs.getBytes(5)).isNull();
        assertThat(rs.getObject(2)).isNull();
        assertThat(rs.getObject(2, Integer.class)).isNull();
        assertThat(rs.getBigDecimal(2)).isNull();
        assertThat(rs.getTimestamp(1)).isNull();
        assertThat(rs.getCharacterStream(1)).isNull();
        assertThat(rs.wasNull()).isTrue();
    }

    @Test
    void theStoredBytesCannotBeChangedThroughAGetter() throws SQLException {
        ListResultSet rs = twoRows();
        rs.next();
        rs.getBytes(5)[0] = 'z';
        ((byte[]) rs.getObject(5))[0] = 'z';
        rs.getObject(5, byte[].class)[0] = 'z';
        assertThat(rs.getString(5)).isEqualTo("ab");
    }

    @Test
    void convertsBetweenTextNumbersAndBooleans() throws SQLException {
        assertThat(single("42", Types.VARCHAR).getInt(1)).isEqualTo(42);
        assertThat(single(" -7 ", Types.VARCHAR).getLong(1)).isEqualTo(-7L);
        assertThat(single("2.5", Types.VARCHAR).getDouble(1)).isEqualTo(2.5);
        assertThat(single("2.5", Types.VARCHAR).getInt(1)).isEqualTo(2);
        assertThat(single("12.50", Types.VARCHAR).getBigDecimal(1)).isEqualTo(new BigDecimal("12.50"));
        assertThat(single(3.75, Types.DOUBLE).getLong(1)).isEqualTo(3L);
        assertThat(single(3.75, Types.DOUBLE).getString(1)).isEqualTo("3.75");
        assertThat(single(true, Types.BOOLEAN).getInt(1)).isEqualTo(1);
        assertThat(single(true, Types.BOOLEAN).getString(1)).isEqualTo("true");
        assertThat(single(0L, Types.BIGINT).getBoolean(1)).isFalse();
        assertThat(single(-3, Types.INTEGER).getBoolean(1)).isTrue();
        assertThat(single("TRUE", Types.VARCHAR).getBoolean(1)).isTrue();
        assertThat(single("0", Types.VARCHAR).getBoolean(1)).isFalse();
        assertThat(single(12345, Types.INTEGER).getBytes(1)).containsExactly('1', '2', '3', '4', '5');
        assertThat(single(new BigDecimal("1E+3"), Types.DECIMAL).getString(1)).isEqualTo("1000");
        assertThat(single(new BigDecimal("2.75"), Types.DECIMAL).getBigDecimal(1, 1)).isEqualTo(new BigDecimal("2.8"));
    }

    @Test
    void refusesConversionsThatWouldLoseTheValue() throws SQLException {
        assertThatThrownBy(() -> single("abc", Types.VARCHAR).getInt(1))
                .isInstanceOf(SQLException.class)
                .hasMessage("cannot read column 1 (V) as int: it holds String 'abc'")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22018");
        assertThatThrownBy(() -> single(3_000_000_000L, Types.BIGINT).getInt(1))
                .hasMessage("column 1 (V) holds Long 3000000000, which is out of range for int")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> single(40_000, Types.INTEGER).getShort(1)).hasMessageContaining("out of range for short");
        assertThatThrownBy(() -> single(300, Types.INTEGER).getByte(1)).hasMessageContaining("out of range for byte");
        assertThatThrownBy(() -> single(Double.NaN, Types.DOUBLE).getLong(1)).hasMessageContaining("out of range for long");
        assertThatThrownBy(() -> single(1e19, Types.DOUBLE).getLong(1)).hasMessageContaining("out of range for long");
        assertThat(single(-0x1p63, Types.DOUBLE).getLong(1)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> single("maybe", Types.VARCHAR).getBoolean(1))
                .hasMessage("cannot read column 1 (V) as boolean: it holds String 'maybe'");
        assertThatThrownBy(() -> single(new byte[3], Types.BLOB).getLong(1))
                .hasMessage("cannot read column 1 (V) as long: it holds a 3-byte blob");
        assertThatThrownBy(() -> single("x", Types.VARCHAR).getDouble(1)).hasMessageContaining("as double");
        assertThatThrownBy(() -> single(Double.POSITIVE_INFINITY, Types.DOUBLE).getBigDecimal(1))
                .hasMessageContaining("as BigDecimal");
        assertThatThrownBy(() -> single("2024-13-45", Types.VARCHAR).getDate(1)).hasMessageContaining("as Date");
    }

    @Test
    void getObjectWithATypeConverts() throws SQLException {
        ListResultSet rs = single("42", Types.VARCHAR);
        assertThat(rs.getObject(1, Integer.class)).isEqualTo(42);
        assertThat(rs.getObject(1, int.class)).isEqualTo(42);
        assertThat(rs.getObject(1, Long.class)).isEqualTo(42L);
        assertThat(rs.getObject(1, Short.class)).isEqualTo((short) 42);
        assertThat(rs.getObject(1, Byte.class)).isEqualTo((byte) 42);
        assertThat(rs.getObject(1, Double.class)).isEqualTo(42.0);
        assertThat(rs.getObject(1, Float.class)).isEqualTo(42.0f);
        assertThat(rs.getObject(1, BigDecimal.class)).isEqualTo(new BigDecimal("42"));
        assertThat(rs.getObject(1, java.math.BigInteger.class)).isEqualTo(java.math.BigInteger.valueOf(42));
        assertThat(rs.getObject(1, String.class)).isEqualTo("42");
        assertThat(rs.getObject(1, Object.class)).isEqualTo("42");
        assertThat(rs.getObject(1, CharSequence.class)).isEqualTo("42");
        assertThat(rs.getObject("v", byte[].class)).containsExactly('4', '2');
        assertThat(single(7, Types.INTEGER).getObject(1, Boolean.class)).isTrue();
        assertThat(single(7, Types.INTEGER).getObject(1, String.class)).isEqualTo("7");

        ListResultSet date = single("2024-01-02 03:04:05.5", Types.VARCHAR);
        assertThat(date.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000));
        assertThat(date.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(date.getObject(1, LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5, 500_000_000));
        assertThat(date.getObject(1, Timestamp.class)).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.5"));
        assertThat(date.getObject(1, Date.class)).isEqualTo(Date.valueOf("2024-01-02"));

        assertThatThrownBy(() -> rs.getObject(1, java.util.UUID.class))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("getObject(int, java.util.UUID) is not supported: column 1 (V) holds String, "
                        + "which cannot be converted to java.util.UUID");
        assertThatThrownBy(() -> rs.getObject(1, (Class<?>) null)).hasMessageContaining("must not be null");
        assertThat(rs.getObject(1, (java.util.Map<String, Class<?>>) null)).isEqualTo("42");
        assertThatThrownBy(() -> rs.getObject(1, java.util.Map.of("T", String.class)))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
    }

    @Test
    void datesAndTimesFromSqliteText() throws SQLException {
        assertThat(single("2024-01-02", Types.VARCHAR).getDate(1)).isEqualTo(Date.valueOf("2024-01-02"));
        assertThat(single("2024-01-02T10:11:12", Types.VARCHAR).getTimestamp("V"))
                .isEqualTo(Timestamp.valueOf("2024-01-02 10:11:12"));
        assertThat(single("10:11:12", Types.VARCHAR).getTime(1)).isEqualTo(Time.valueOf("10:11:12"));
        assertThat(single("2024-01-02 10:11:12", Types.VARCHAR).getTime(1)).isEqualTo(Time.valueOf("10:11:12"));
        assertThat(single(LocalDate.of(2020, 2, 29), Types.DATE).getDate(1)).isEqualTo(Date.valueOf("2020-02-29"));

        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Timestamp ts = single("1970-01-01 00:00:01.25", Types.VARCHAR).getTimestamp(1, utc);
        assertThat(ts.getTime()).isEqualTo(1250L);
        assertThat(ts.getNanos()).isEqualTo(250_000_000);
        Calendar plus2 = Calendar.getInstance(TimeZone.getTimeZone("GMT+2"));
        assertThat(single("1970-01-02", Types.VARCHAR).getDate(1, plus2).getTime()).isEqualTo(22L * 3600 * 1000);
        assertThat(single("02:00:00", Types.VARCHAR).getTime(1, plus2).getTime()).isZero();
        assertThat(single("1970-01-02", Types.VARCHAR).getDate(1, null)).isEqualTo(Date.valueOf("1970-01-02"));
    }

    @Test
    void streamsAndUrlsFromValues() throws Exception {
        ListResultSet rs = single("https://example.org/x", Types.VARCHAR);
        try (Reader r = rs.getCharacterStream(1)) {
            char[] buf = new char[5];
            assertThat(r.read(buf)).isEqualTo(5);
            assertThat(new String(buf)).isEqualTo("https");
        }
        try (InputStream in = rs.getAsciiStream(1)) {
            assertThat(in.readAllBytes()).hasSize(21);
        }
        try (InputStream in = rs.getBinaryStream("v")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("https://example.org/x");
        }
        assertThat(rs.getNCharacterStream(1)).isNotNull();
        assertThat(rs.getURL(1).getHost()).isEqualTo("example.org");
        assertThatThrownBy(() -> single("not a url", Types.VARCHAR).getURL(1))
                .hasMessage("column 1 (V) does not hold a URL: 'not a url'");
    }

    @Test
    void readingWithoutACurrentRowSaysWhy() throws SQLException {
        ListResultSet rs = twoRows();
        assertThatThrownBy(() -> rs.getString(1))
                .hasMessage("no current row: call next() before reading column 1 (NAME)")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("24000");
        rs.next();
        rs.next();
        rs.next();
        assertThatThrownBy(() -> rs.getInt("count"))
                .hasMessage("no current row: the cursor is after the last row (next() returned false)");
    }

    @Test
    void badColumnIndexesAndLabelsAreNamed() throws SQLException {
        ListResultSet rs = twoRows();
        rs.next();
        assertThatThrownBy(() -> rs.getString(0))
                .hasMessage("column index 0 is out of range: this result has 5 columns (1..5)")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07009");
        assertThatThrownBy(() -> rs.getObject(6)).hasMessage("column index 6 is out of range: this result has 5 columns (1..5)");
        assertThatThrownBy(() -> single(1, Types.INTEGER).getInt(2))
                .hasMessage("column index 2 is out of range: this result has 1 column (1..1)");
        assertThatThrownBy(() -> ListResultSet.empty(new String[0], new int[0]).getString(1))
                .hasMessage("column index 1 is out of range: this result has 0 columns");
        assertThatThrownBy(() -> rs.getString("nope"))
                .hasMessage("no column labelled 'nope' in this result; its columns are [NAME, COUNT, SEQ, FLAG, DATA]")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42S22");
        assertThatThrownBy(() -> rs.findColumn(null)).hasMessageStartingWith("no column labelled 'null'");
    }

    @Test
    void theFirstOfDuplicateLabelsWins() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1, 2});
        ListResultSet rs = new ListResultSet(null, new String[] {"x", "X"}, new int[] {Types.INTEGER, Types.INTEGER}, rows);
        rs.next();
        assertThat(rs.findColumn("X")).isEqualTo(1);
        assertThat(rs.getInt("x")).isEqualTo(1);
    }

    @Test
    void aClosedResultRefusesEverythingButCloseAndIsClosed() throws SQLException {
        ListResultSet rs = twoRows();
        rs.next();
        assertThat(rs.isClosed()).isFalse();
        rs.close();
        rs.close(); // idempotent
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(rs::next).hasMessage("this result set is closed")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("24000");
        assertThatThrownBy(() -> rs.getString(1)).hasMessage("this result set is closed");
        assertThatThrownBy(() -> rs.getString("NAME")).hasMessage("this result set is closed");
        assertThatThrownBy(rs::getMetaData).hasMessage("this result set is closed");
        assertThatThrownBy(rs::wasNull).hasMessage("this result set is closed");
        assertThatThrownBy(rs::getRow).hasMessage("this result set is closed");
        assertThatThrownBy(rs::getType).hasMessage("this result set is closed");
        assertThatThrownBy(rs::previous).hasMessage("this result set is closed");
        assertThatThrownBy(() -> rs.updateInt(1, 1)).hasMessage("this result set is closed");
    }

    @Test
    void describesItselfAsForwardOnlyReadOnly() throws SQLException {
        Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (p, m, a) -> null);
        ListResultSet rs = new ListResultSet(statement, NAMES, TYPES, List.of());
        assertThat(rs.getStatement()).isSameAs(statement);
        assertThat(twoRows().getStatement()).isNull();
        assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
        assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
        assertThat(rs.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
        assertThat(rs.getFetchDirection()).isEqualTo(ResultSet.FETCH_FORWARD);
        rs.setFetchDirection(ResultSet.FETCH_FORWARD);
        assertThat(rs.getFetchSize()).isZero();
        rs.setFetchSize(100);
        assertThat(rs.getFetchSize()).isEqualTo(100);
        assertThatThrownBy(() -> rs.setFetchSize(-1)).hasMessage("fetch size must be >= 0, not -1");
        assertThat((Object) rs.getWarnings()).isNull();
        rs.clearWarnings();
        assertThat(rs.rowUpdated()).isFalse();
        assertThat(rs.rowInserted()).isFalse();
        assertThat(rs.rowDeleted()).isFalse();
        assertThat(rs.isWrapperFor(ResultSet.class)).isTrue();
        assertThat(rs.isWrapperFor(ListResultSet.class)).isTrue();
        assertThat(rs.isWrapperFor(Statement.class)).isFalse();
        assertThat(rs.unwrap(ResultSet.class)).isSameAs(rs);
        assertThatThrownBy(() -> rs.unwrap(Statement.class))
                .hasMessage("ListResultSet is not a wrapper for java.sql.Statement");
    }

    @Test
    void navigationOtherThanNextIsNotSupported() throws SQLException {
        ListResultSet rs = twoRows();
        assertThatThrownBy(rs::previous).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("previous is not supported: this result set is forward-only; only next() moves the cursor")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        assertThatThrownBy(rs::first).isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageStartingWith("first ");
        assertThatThrownBy(rs::last).isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageStartingWith("last ");
        assertThatThrownBy(rs::beforeFirst).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageStartingWith("beforeFirst ");
        assertThatThrownBy(rs::afterLast).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageStartingWith("afterLast ");
        assertThatThrownBy(() -> rs.absolute(1)).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageStartingWith("absolute ");
        assertThatThrownBy(() -> rs.relative(1)).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageStartingWith("relative ");
        assertThatThrownBy(() -> rs.setFetchDirection(ResultSet.FETCH_REVERSE))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageStartingWith("setFetchDirection(1001) ");
        assertThatThrownBy(rs::getCursorName).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageStartingWith("getCursorName ");
        rs.next();
        assertThatThrownBy(() -> rs.getBlob(5)).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("getBlob is not supported: use getBytes");
        assertThatThrownBy(() -> rs.getClob("NAME")).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("getClob is not supported: use getString");
        assertThatThrownBy(() -> rs.getArray(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.getRef(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.getRowId(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.getSQLXML(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.getNClob(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(rs::refreshRow).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageStartingWith("refreshRow ");
    }

    /** Every update method of the interface, called through reflection, names itself and says read-only. */
    @Test
    void everyUpdateMethodIsNotSupported() throws Exception {
        ListResultSet rs = twoRows();
        rs.next();
        int checked = 0;
        for (Method m : ResultSet.class.getMethods()) {
            String name = m.getName();
            boolean changesRows = name.startsWith("update") || name.equals("insertRow") || name.equals("deleteRow")
                    || name.equals("cancelRowUpdates") || name.equals("moveToInsertRow")
                    || name.equals("moveToCurrentRow");
            if (!changesRows) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = types[i] == int.class ? (Object) 1 : types[i] == long.class ? (Object) 1L
                        : types[i] == boolean.class ? (Object) true : types[i] == byte.class ? (Object) (byte) 1
                        : types[i] == short.class ? (Object) (short) 1 : types[i] == float.class ? (Object) 1f
                        : types[i] == double.class ? (Object) 1d : types[i] == String.class ? "NAME" : null;
            }
            try {
                m.invoke(rs, args);
                throw new AssertionError(m + " did not throw");
            } catch (InvocationTargetException e) {
                assertThat(e.getCause()).as(m.toString()).isInstanceOf(SQLFeatureNotSupportedException.class)
                        .hasMessage(name + " is not supported: this result set is read-only");
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(90);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> new ListResultSet(null, new String[] {"A"}, new int[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1 column names but 0 column types");
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1, 2});
        assertThatThrownBy(() -> new ListResultSet(null, new String[] {"A"}, new int[] {Types.INTEGER}, rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 0 has 2 values, expected 1 (one per column)");
    }

    @Test
    void metaDataDescribesTheColumns() throws SQLException {
        ListResultSet rs = twoRows();
        ResultSetMetaData md = rs.getMetaData();
        assertThat(rs.getMetaData()).isSameAs(md);
        assertThat(md.getColumnCount()).isEqualTo(5);
        assertThat(md.getColumnName(1)).isEqualTo("NAME");
        assertThat(md.getColumnLabel(2)).isEqualTo("COUNT");
        assertThat(md.getColumnType(3)).isEqualTo(Types.SMALLINT);
        assertThat(md.getColumnTypeName(1)).isEqualTo("VARCHAR");
        assertThat(md.getColumnTypeName(2)).isEqualTo("INTEGER");
        assertThat(md.getColumnTypeName(3)).isEqualTo("SMALLINT");
        assertThat(md.getColumnTypeName(4)).isEqualTo("BOOLEAN");
        assertThat(md.getColumnTypeName(5)).isEqualTo("BLOB");
        assertThat(md.getColumnClassName(1)).isEqualTo("java.lang.String");
        assertThat(md.getColumnClassName(2)).isEqualTo("java.lang.Integer");
        assertThat(md.getColumnClassName(3)).isEqualTo("java.lang.Short");
        assertThat(md.getColumnClassName(4)).isEqualTo("java.lang.Boolean");
        assertThat(md.getColumnClassName(5)).isEqualTo("[B");
        assertThat(md.getPrecision(2)).isEqualTo(10);
        assertThat(md.getPrecision(1)).isZero();
        assertThat(md.getScale(2)).isZero();
        assertThat(md.getColumnDisplaySize(1)).isEqualTo(5); // "héllo", the longest value
        assertThat(md.getColumnDisplaySize(2)).isEqualTo(11);
        assertThat(md.isSigned(2)).isTrue();
        assertThat(md.isSigned(1)).isFalse();
        assertThat(md.isCaseSensitive(1)).isTrue();
        assertThat(md.isCaseSensitive(2)).isFalse();
        assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNullableUnknown);
        assertThat(md.isAutoIncrement(1)).isFalse();
        assertThat(md.isCurrency(1)).isFalse();
        assertThat(md.isSearchable(1)).isFalse();
        assertThat(md.isReadOnly(1)).isTrue();
        assertThat(md.isWritable(1)).isFalse();
        assertThat(md.isDefinitelyWritable(1)).isFalse();
        assertThat(md.getTableName(1)).isEmpty();
        assertThat(md.getSchemaName(1)).isEmpty();
        assertThat(md.getCatalogName(1)).isEmpty();
        assertThat(md.isWrapperFor(ResultSetMetaData.class)).isTrue();
        assertThat(md.unwrap(ResultSetMetaData.class)).isSameAs(md);
        assertThatThrownBy(() -> md.unwrap(String.class)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> md.getColumnName(6))
                .hasMessage("column index 6 is out of range: this result has 5 columns (1..5)");
        assertThatThrownBy(() -> md.getColumnType(0)).isInstanceOf(SQLException.class);

        ResultSetMetaData other = ListResultSet.empty(new String[] {"X"}, new int[] {12345}).getMetaData();
        assertThat(other.getColumnTypeName(1)).isEqualTo("OTHER");
        assertThat(other.getColumnClassName(1)).isEqualTo("java.lang.Object");
    }
}
