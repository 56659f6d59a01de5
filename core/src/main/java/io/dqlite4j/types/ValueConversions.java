package io.dqlite4j.types;

import io.dqlite4j.wire.RowBatch;
import io.dqlite4j.wire.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Converts one raw result value, as decoded from the wire, to the Java type an application asks
 * for. Shared by the JDBC {@code ResultSet} and the R2DBC {@code Row}, so both drivers answer
 * alike.
 *
 * <h2>Raw values</h2>
 * A raw value is one of: {@code null} (NULL), {@link Long} (INTEGER), {@link Double} (FLOAT, NaN
 * and infinities included), {@link String} (TEXT), {@code byte[]} (BLOB), {@link Boolean}
 * (BOOLEAN), {@link UnixTime} (UNIXTIME) or {@link Iso8601} (ISO8601). {@link #raw(RowBatch, int,
 * int)} builds it from a decoded batch. {@code Integer}, {@code Short}, {@code Byte} and
 * {@code Float} are accepted as INTEGER and FLOAT for robustness.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>NULL converts to null for every target, and so does {@code Iso8601("")}, the server's
 *       encoding of NULL in DATETIME columns. Primitive targets ({@code long.class}) also get null:
 *       defaulting to 0 is the caller's business ({@code ResultSet.getLong} does it).</li>
 *   <li>ISO8601 text behaves exactly like TEXT for non-temporal targets.</li>
 *   <li>Text is trimmed before it is parsed as a number, boolean or UUID; parse failures name the
 *       value (up to 200 characters) and the target.</li>
 *   <li>Integral targets truncate fractions toward zero, like SQLite's own integer conversion,
 *       and reject values outside their range rather than wrapping.</li>
 *   <li>Temporal targets read UNIXTIME and plain INTEGER as Unix seconds, and text through
 *       {@link Temporals} (naive text is UTC). The {@code java.sql} types are built from the UTC
 *       wall-clock value ({@code Timestamp.valueOf(LocalDateTime)}), which is exactly what jOOQ
 *       gets when it parses {@link #asString(Object)} with {@code Timestamp.valueOf}; a plain
 *       {@code java.util.Date} is built from the instant.</li>
 *   <li>Arrays are returned as they are, not copied.</li>
 * </ul>
 *
 * <p>The natural Java value ({@code Object} target) is: Long for INTEGER, Double for FLOAT, String
 * for TEXT, byte[] for BLOB, Boolean for BOOLEAN, the text String for ISO8601 (it may not be
 * parseable, and a String never loses anything) and the Long seconds for UNIXTIME (the stored
 * value, unchanged). Applications that want java.time ask for it by class.
 */
public final class ValueConversions {
    /** Above this many integer digits, text is not turned into a BigInteger (guards "1e999999999"). */
    private static final int MAX_BIG_INTEGER_DIGITS = 10_000;
    /** 2^63: the first double that no longer fits a long. */
    private static final double TWO_POW_63 = 0x1p63;

    private enum Target {
        STRING, LONG, INTEGER, SHORT, BYTE, DOUBLE, FLOAT, BIG_DECIMAL, BIG_INTEGER, BOOLEAN, BYTES,
        INSTANT, OFFSET_DATE_TIME, LOCAL_DATE_TIME, LOCAL_DATE, LOCAL_TIME, OFFSET_TIME, ZONED_DATE_TIME,
        SQL_TIMESTAMP, SQL_DATE, SQL_TIME, UTIL_DATE, UUID, NUMBER, OBJECT
    }

    private static final Map<Class<?>, Target> TARGETS = new IdentityHashMap<>();

    static {
        // Class objects are unique per loader, so identity lookup is both correct and fastest.
        TARGETS.put(String.class, Target.STRING);
        TARGETS.put(Long.class, Target.LONG);
        TARGETS.put(long.class, Target.LONG);
        TARGETS.put(Integer.class, Target.INTEGER);
        TARGETS.put(int.class, Target.INTEGER);
        TARGETS.put(Short.class, Target.SHORT);
        TARGETS.put(short.class, Target.SHORT);
        TARGETS.put(Byte.class, Target.BYTE);
        TARGETS.put(byte.class, Target.BYTE);
        TARGETS.put(Double.class, Target.DOUBLE);
        TARGETS.put(double.class, Target.DOUBLE);
        TARGETS.put(Float.class, Target.FLOAT);
        TARGETS.put(float.class, Target.FLOAT);
        TARGETS.put(BigDecimal.class, Target.BIG_DECIMAL);
        TARGETS.put(BigInteger.class, Target.BIG_INTEGER);
        TARGETS.put(Boolean.class, Target.BOOLEAN);
        TARGETS.put(boolean.class, Target.BOOLEAN);
        TARGETS.put(byte[].class, Target.BYTES);
        TARGETS.put(Instant.class, Target.INSTANT);
        TARGETS.put(OffsetDateTime.class, Target.OFFSET_DATE_TIME);
        TARGETS.put(LocalDateTime.class, Target.LOCAL_DATE_TIME);
        TARGETS.put(LocalDate.class, Target.LOCAL_DATE);
        TARGETS.put(LocalTime.class, Target.LOCAL_TIME);
        TARGETS.put(OffsetTime.class, Target.OFFSET_TIME);
        TARGETS.put(ZonedDateTime.class, Target.ZONED_DATE_TIME);
        TARGETS.put(java.sql.Timestamp.class, Target.SQL_TIMESTAMP);
        TARGETS.put(java.sql.Date.class, Target.SQL_DATE);
        TARGETS.put(java.sql.Time.class, Target.SQL_TIME);
        TARGETS.put(java.util.Date.class, Target.UTIL_DATE);
        TARGETS.put(UUID.class, Target.UUID);
        TARGETS.put(Number.class, Target.NUMBER);
        TARGETS.put(Object.class, Target.OBJECT);
    }

    private ValueConversions() {
    }

    // ------------------------------------------------------------------------------------------
    // Raw values from the wire
    // ------------------------------------------------------------------------------------------

    /**
     * The raw value of one cell of a decoded batch, in the form {@link #convert} takes.
     *
     * @throws IndexOutOfBoundsException if the row or column is outside the batch
     */
    public static Object raw(RowBatch batch, int row, int column) {
        return raw(batch.typeCode(row, column), batch.getLong(row, column), batch.getRef(row, column));
    }

    /**
     * The raw value for a wire type code and its payload: {@code bits} holds integers, booleans,
     * Unix times and the IEEE bits of doubles; {@code ref} holds the String of TEXT and ISO8601
     * or the byte[] of BLOB. An empty ISO8601 text yields null (the server's NULL).
     *
     * @throws IllegalArgumentException for a type code no row value has, or a payload of the wrong kind
     */
    public static Object raw(int typeCode, long bits, Object ref) {
        ValueType type;
        try {
            type = ValueType.fromCode(typeCode);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown value type code " + typeCode, e);
        }
        try {
            return switch (type) {
                case INTEGER -> bits;
                case FLOAT -> Double.longBitsToDouble(bits);
                case TEXT -> (String) Objects.requireNonNull(ref, "TEXT payload");
                case BLOB -> (byte[]) Objects.requireNonNull(ref, "BLOB payload");
                case NULL -> null;
                case UNIXTIME -> new UnixTime(bits);
                case ISO8601 -> {
                    String text = (String) Objects.requireNonNull(ref, "ISO8601 payload");
                    yield text.isEmpty() ? null : new Iso8601(text);
                }
                case BOOLEAN -> bits != 0;
            };
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("payload " + (ref == null ? "null" : ref.getClass().getName())
                    + " does not fit value type " + type, e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // getString
    // ------------------------------------------------------------------------------------------

    /**
     * The value as text, the fast path of {@code ResultSet.getString}:
     * <ul>
     *   <li>INTEGER: decimal digits;</li>
     *   <li>FLOAT: Java's shortest round-trip form, except that integral values below 10^15 are
     *       written like SQLite does ({@code 1.0}, {@code 10000000.0}, never {@code 1.0E7});
     *       {@code NaN}, {@code Infinity} and {@code -Infinity} as Java writes them, which
     *       {@link #convert} parses back;</li>
     *   <li>TEXT and ISO8601: the text verbatim (an empty ISO8601 text is NULL, so null);</li>
     *   <li>BLOB: the bytes decoded as UTF-8, malformed sequences replaced;</li>
     *   <li>BOOLEAN: {@code "1"} or {@code "0"}, as SQLite would return the stored integer;</li>
     *   <li>UNIXTIME: {@code yyyy-MM-dd HH:mm:ss} in UTC. jOOQ parses temporal columns from
     *       {@code getString} and would take bare digits as epoch <em>milliseconds</em>. A value
     *       whose year would fall outside 0000–9999 is most likely not in seconds at all (say,
     *       milliseconds) and is returned as its decimal digits instead.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code raw} is not a raw value
     */
    public static String asString(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Long l) {
            return Long.toString(l);
        }
        if (raw instanceof Double d) {
            return formatDouble(d);
        }
        if (raw instanceof Iso8601 iso) {
            return iso.isNull() ? null : iso.text();
        }
        if (raw instanceof UnixTime u) {
            return formatUnixTime(u.seconds());
        }
        if (raw instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (raw instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return asString(normalize(raw));
    }

    // ------------------------------------------------------------------------------------------
    // convert
    // ------------------------------------------------------------------------------------------

    /**
     * Converts a raw value to {@code target}. Supported targets: String; Long, Integer, Short,
     * Byte, Double, Float and their primitives; BigDecimal; BigInteger; Boolean/boolean; byte[];
     * Instant, OffsetDateTime, LocalDateTime, LocalDate, LocalTime, OffsetTime, ZonedDateTime;
     * java.sql.Timestamp/Date/Time; java.util.Date; UUID (16-byte BLOB or text); Number; Object;
     * and any other type the natural value (or the raw marker) is an instance of, such as
     * {@code CharSequence}. See the class comment for the rules.
     *
     * @return the converted value, or null for NULL (also for primitive targets)
     * @throws IllegalArgumentException if the value cannot be converted, naming value and target
     */
    @SuppressWarnings("unchecked")
    public static <T> T convert(Object raw, Class<T> target) {
        Objects.requireNonNull(target, "target");
        if (raw == null || raw instanceof Iso8601 iso && iso.isNull()) {
            return null;
        }
        raw = normalize(raw);
        Target kind = TARGETS.get(target);
        if (kind == null) {
            return (T) other(raw, target);
        }
        // An assignment context boxes each branch on its own (a cast context would not).
        Object result = switch (kind) {
            case STRING -> asString(raw);
            case LONG -> toLong(raw, target);
            case INTEGER -> (int) toRange(raw, target, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case SHORT -> (short) toRange(raw, target, Short.MIN_VALUE, Short.MAX_VALUE);
            case BYTE -> (byte) toRange(raw, target, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case DOUBLE -> toDouble(raw, target);
            case FLOAT -> toFloat(raw, target);
            case BIG_DECIMAL -> toBigDecimal(raw, target);
            case BIG_INTEGER -> toBigInteger(raw, target);
            case BOOLEAN -> toBoolean(raw, target);
            case BYTES -> toBytes(raw, target);
            case UUID -> toUuid(raw, target);
            case NUMBER -> toNumber(raw, target);
            case OBJECT -> natural(raw);
            default -> toTemporal(raw, kind, target);
        };
        // Safe: each branch yields the target class, or its boxed form for a primitive target.
        return (T) result;
    }

    // ------------------------------------------------------------------------------------------
    // Numbers
    // ------------------------------------------------------------------------------------------

    private static long toLong(Object raw, Class<?> target) {
        if (raw instanceof Long l) {
            return l;
        }
        if (raw instanceof Double d) {
            return doubleToLong(d, raw, target);
        }
        String text = text(raw);
        if (text != null) {
            return parseLong(text, raw, target);
        }
        if (raw instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (raw instanceof UnixTime u) {
            return u.seconds();
        }
        throw unsupported(raw, target);
    }

    private static long toRange(Object raw, Class<?> target, long min, long max) {
        long value = toLong(raw, target);
        if (value < min || value > max) {
            throw outOfRange(raw, target, "[" + min + ", " + max + "]");
        }
        return value;
    }

    private static long doubleToLong(double d, Object raw, Class<?> target) {
        if (Double.isNaN(d)) {
            throw invalid(raw, target, "not a number");
        }
        // (long) would saturate silently at the bounds; reject instead.
        if (d >= TWO_POW_63 || d < -TWO_POW_63) {
            throw outOfRange(raw, target, "[" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");
        }
        return (long) d;
    }

    private static long parseLong(String text, Object raw, Class<?> target) {
        String s = text.strip();
        if (!looksDecimal(s)) {
            // Checked first because Long.parseLong also takes non-ASCII digits.
            throw invalid(raw, target, "not a number");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notPlain) {
            // Decimal or exponent text ("3.0", "1e3"): truncate toward zero like SQLite does.
            BigDecimal value = parseDecimal(s, raw, target);
            if (value.precision() - value.scale() > 19) {
                throw outOfRange(raw, target, "[" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");
            }
            try {
                return value.setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (ArithmeticException e) {
                throw outOfRange(raw, target, "[" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");
            }
        }
    }

    private static double toDouble(Object raw, Class<?> target) {
        if (raw instanceof Double d) {
            return d;
        }
        if (raw instanceof Long l) {
            return l;
        }
        String text = text(raw);
        if (text != null) {
            return parseDouble(text, raw, target);
        }
        if (raw instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (raw instanceof UnixTime u) {
            return u.seconds();
        }
        throw unsupported(raw, target);
    }

    private static float toFloat(Object raw, Class<?> target) {
        double d = toDouble(raw, target);
        if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
            throw outOfRange(raw, target, "[" + -Float.MAX_VALUE + ", " + Float.MAX_VALUE + "]");
        }
        return (float) d;
    }

    private static double parseDouble(String text, Object raw, Class<?> target) {
        String s = text.strip();
        // SQLite writes infinities as "Inf"/"-Inf"; Java as "Infinity". Accept both, any case.
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan":
                return Double.NaN;
            default:
                break;
        }
        if (!looksDecimal(s)) {
            // Double.parseDouble also takes hex floats and "1d"/"1f" suffixes; SQL text is decimal.
            throw invalid(raw, target, "not a number");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw invalid(raw, target, "not a number");
        }
    }

    private static BigDecimal toBigDecimal(Object raw, Class<?> target) {
        if (raw instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (raw instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw invalid(raw, target, "not a finite number");
            }
            // valueOf goes through Double.toString: 0.1 becomes 0.1, not its binary expansion.
            return BigDecimal.valueOf(d);
        }
        String text = text(raw);
        if (text != null) {
            return parseDecimal(text.strip(), raw, target);
        }
        if (raw instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (raw instanceof UnixTime u) {
            return BigDecimal.valueOf(u.seconds());
        }
        throw unsupported(raw, target);
    }

    private static BigInteger toBigInteger(Object raw, Class<?> target) {
        if (raw instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        if (raw instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw invalid(raw, target, "not a finite number");
            }
            return BigDecimal.valueOf(d).toBigInteger();
        }
        String text = text(raw);
        if (text != null) {
            String s = text.strip();
            if (!looksDecimal(s)) {
                throw invalid(raw, target, "not a number");
            }
            try {
                return new BigInteger(s);
            } catch (NumberFormatException notPlain) {
                BigDecimal value = parseDecimal(s, raw, target);
                if (value.precision() - value.scale() > MAX_BIG_INTEGER_DIGITS) {
                    throw outOfRange(raw, target, "at most " + MAX_BIG_INTEGER_DIGITS + " digits");
                }
                return value.toBigInteger();
            }
        }
        if (raw instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (raw instanceof UnixTime u) {
            return BigInteger.valueOf(u.seconds());
        }
        throw unsupported(raw, target);
    }

    private static BigDecimal parseDecimal(String s, Object raw, Class<?> target) {
        if (!looksDecimal(s)) {
            throw invalid(raw, target, "not a number");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw invalid(raw, target, "not a number");
        }
    }

    /**
     * Number: INTEGER, BOOLEAN (1/0) and UNIXTIME as Long, FLOAT as Double; text as Long when it
     * is an integer in range, otherwise as Double.
     */
    private static Number toNumber(Object raw, Class<?> target) {
        if (raw instanceof Long || raw instanceof Double) {
            return (Number) raw;
        }
        String text = text(raw);
        if (text != null) {
            String s = text.strip();
            if (looksDecimal(s)) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException notLong) {
                    // not an integer in range: fall through to double
                }
            }
            return parseDouble(s, raw, target);
        }
        if (raw instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (raw instanceof UnixTime u) {
            return u.seconds();
        }
        throw unsupported(raw, target);
    }

    /** Digits, sign, point and exponent only; rejects what Java's parsers accept beyond SQL. */
    private static boolean looksDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // Boolean, bytes, UUID
    // ------------------------------------------------------------------------------------------

    private static Boolean toBoolean(Object raw, Class<?> target) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof Long l) {
            return l != 0;
        }
        if (raw instanceof Double d) {
            return d != 0.0;
        }
        String text = text(raw);
        if (text != null) {
            String s = text.strip();
            if (s.equals("1") || s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equals("0") || s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw invalid(raw, target, "not a boolean (expected true, false, 1 or 0)");
        }
        throw unsupported(raw, target);
    }

    private static byte[] toBytes(Object raw, Class<?> target) {
        if (raw instanceof byte[] bytes) {
            return bytes;
        }
        String text = text(raw);
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw unsupported(raw, target);
    }

    private static UUID toUuid(Object raw, Class<?> target) {
        if (raw instanceof byte[] bytes) {
            if (bytes.length != 16) {
                throw invalid(raw, target, "a UUID needs exactly 16 bytes");
            }
            // Big-endian, the layout of UUID.toString() and of most databases' binary UUIDs.
            return new UUID(bigEndianLong(bytes, 0), bigEndianLong(bytes, 8));
        }
        String text = text(raw);
        if (text != null) {
            return parseUuid(text.strip(), raw, target);
        }
        throw unsupported(raw, target);
    }

    private static long bigEndianLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    /** Strict: 36 characters with dashes at 8, 13, 18, 23, or 32 hex digits (UUID.fromString is lenient). */
    private static UUID parseUuid(String s, Object raw, Class<?> target) {
        boolean dashed = s.length() == 36;
        if (!dashed && s.length() != 32) {
            throw invalid(raw, target, "not a UUID (expected 36 characters with dashes or 32 hex digits)");
        }
        long msb = 0;
        long lsb = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (dashed && (i == 8 || i == 13 || i == 18 || i == 23)) {
                if (c != '-') {
                    throw invalid(raw, target, "not a UUID (expected '-' at index " + i + ")");
                }
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0 || c > 'f') {
                throw invalid(raw, target, "not a UUID (bad hex digit at index " + i + ")");
            }
            if (digits < 16) {
                msb = (msb << 4) | v;
            } else {
                lsb = (lsb << 4) | v;
            }
            digits++;
        }
        return new UUID(msb, lsb);
    }

    // ------------------------------------------------------------------------------------------
    // Temporals
    // ------------------------------------------------------------------------------------------

    private static Object toTemporal(Object raw, Target kind, Class<?> target) {
        // A plain INTEGER is read as Unix seconds too: the same meaning dqlite gives UNIXTIME.
        if (raw instanceof UnixTime || raw instanceof Long) {
            long seconds = raw instanceof UnixTime u ? u.seconds() : (Long) raw;
            return fromUnixSeconds(seconds, kind);
        }
        String text = text(raw);
        if (text == null) {
            throw unsupported(raw, target);
        }
        return switch (kind) {
            case INSTANT -> Temporals.toInstant(text);
            case OFFSET_DATE_TIME -> Temporals.toOffsetDateTime(text);
            case LOCAL_DATE_TIME -> Temporals.toLocalDateTime(text);
            case LOCAL_DATE -> Temporals.toLocalDate(text);
            case LOCAL_TIME -> Temporals.toLocalTime(text);
            case OFFSET_TIME -> Temporals.toOffsetTime(text);
            case ZONED_DATE_TIME -> Temporals.toZonedDateTime(text);
            case SQL_TIMESTAMP -> java.sql.Timestamp.valueOf(Temporals.toLocalDateTime(text));
            case SQL_DATE -> java.sql.Date.valueOf(Temporals.toLocalDate(text));
            case SQL_TIME -> java.sql.Time.valueOf(Temporals.toLocalTime(text));
            case UTIL_DATE -> java.util.Date.from(Temporals.toInstant(text));
            default -> throw new IllegalStateException("not a temporal target: " + kind);
        };
    }

    private static Object fromUnixSeconds(long seconds, Target kind) {
        return switch (kind) {
            case INSTANT -> Temporals.fromUnixSeconds(seconds);
            case OFFSET_DATE_TIME -> Temporals.unixSecondsToOffsetDateTime(seconds);
            case LOCAL_DATE_TIME -> Temporals.unixSecondsToLocalDateTime(seconds);
            case LOCAL_DATE -> Temporals.unixSecondsToLocalDate(seconds);
            case LOCAL_TIME -> Temporals.unixSecondsToLocalTime(seconds);
            case OFFSET_TIME -> Temporals.unixSecondsToOffsetTime(seconds);
            case ZONED_DATE_TIME -> Temporals.unixSecondsToOffsetDateTime(seconds).toZonedDateTime();
            case SQL_TIMESTAMP -> java.sql.Timestamp.valueOf(Temporals.unixSecondsToLocalDateTime(seconds));
            case SQL_DATE -> java.sql.Date.valueOf(Temporals.unixSecondsToLocalDate(seconds));
            case SQL_TIME -> java.sql.Time.valueOf(Temporals.unixSecondsToLocalTime(seconds));
            case UTIL_DATE -> java.util.Date.from(Temporals.fromUnixSeconds(seconds));
            default -> throw new IllegalStateException("not a temporal target: " + kind);
        };
    }

    /**
     * UTC {@code yyyy-MM-dd HH:mm:ss}, or the decimal digits when the year would leave 0000–9999
     * (then the number is most likely not seconds, and digits at least keep it intact).
     */
    private static String formatUnixTime(long seconds) {
        if (seconds < -62_167_219_200L || seconds > 253_402_300_799L) {
            return Long.toString(seconds);
        }
        return Temporals.format(Temporals.unixSecondsToLocalDateTime(seconds));
    }

    // ------------------------------------------------------------------------------------------
    // Object and other targets
    // ------------------------------------------------------------------------------------------

    private static Object natural(Object raw) {
        if (raw instanceof Iso8601 iso) {
            return iso.text();
        }
        if (raw instanceof UnixTime u) {
            return u.seconds();
        }
        return raw;
    }

    private static Object other(Object raw, Class<?> target) {
        Object natural = natural(raw);
        if (target.isInstance(natural)) {
            return natural;
        }
        if (target.isInstance(raw)) {
            return raw;
        }
        throw unsupported(raw, target);
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    /** Maps the accepted stand-ins to the canonical raw types; rejects anything else. */
    private static Object normalize(Object raw) {
        if (raw instanceof Long || raw instanceof String || raw instanceof Double || raw instanceof byte[]
                || raw instanceof Boolean || raw instanceof Iso8601 || raw instanceof UnixTime) {
            return raw;
        }
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Float f) {
            return f.doubleValue();
        }
        throw new IllegalArgumentException("not a raw dqlite value: " + raw.getClass().getName());
    }

    /** The text of TEXT or ISO8601, else null. */
    private static String text(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Iso8601 iso) {
            return iso.text();
        }
        return null;
    }

    private static String formatDouble(double d) {
        // Integral doubles print like SQLite ("1.0", "10000000.0") rather than Java's "1.0E7".
        // rint(NaN) is NaN, which never equals itself, so NaN falls through; so do the
        // infinities (excluded by the magnitude test) and -0.0 (kept as Java's "-0.0").
        if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0.0 && 1.0 / d < 0)) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    private static String kindName(Object raw) {
        if (raw instanceof Long) {
            return "INTEGER";
        }
        if (raw instanceof Double) {
            return "FLOAT";
        }
        if (raw instanceof String) {
            return "TEXT";
        }
        if (raw instanceof byte[]) {
            return "BLOB";
        }
        if (raw instanceof Boolean) {
            return "BOOLEAN";
        }
        if (raw instanceof UnixTime) {
            return "UNIXTIME";
        }
        return "ISO8601";
    }

    private static String describe(Object raw) {
        if (raw instanceof byte[] bytes) {
            return "BLOB of " + bytes.length + " bytes";
        }
        String text = text(raw);
        if (text != null) {
            return kindName(raw) + " " + Temporals.quote(text);
        }
        return kindName(raw) + " " + asString(raw instanceof UnixTime u ? (Object) u.seconds() : raw);
    }

    private static IllegalArgumentException unsupported(Object raw, Class<?> target) {
        return new IllegalArgumentException("cannot convert " + kindName(raw) + " to " + target.getName());
    }

    private static IllegalArgumentException invalid(Object raw, Class<?> target, String reason) {
        return new IllegalArgumentException("cannot convert " + describe(raw) + " to " + target.getName() + ": " + reason);
    }

    private static IllegalArgumentException outOfRange(Object raw, Class<?> target, String range) {
        return invalid(raw, target, "out of range " + range);
    }
}
