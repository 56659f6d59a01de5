package io.dqlite4j.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Parses and formats the date/time text that SQLite, jOOQ, go-dqlite and the Python stack store,
 * and converts dqlite's UNIXTIME seconds.
 *
 * <h2>Accepted text</h2>
 * <pre>
 *   YYYY-MM-DD
 *   YYYY-MM-DD{T| }HH:MM[:SS[.f]][zone]
 *   HH:MM[:SS[.f]][zone]                  (time only)
 *   f    = 1 to 9 fraction digits
 *   zone = Z | ±HH | ±HHMM | ±HH:MM | ±HHMMSS | ±HH:MM:SS   (at most ±18:00)
 * </pre>
 * The year has exactly four digits; {@code t} and {@code z} are accepted in lower case too, and
 * surrounding whitespace is ignored. Anything else raises an {@link IllegalArgumentException}
 * that quotes the text (up to 200 characters) and says what is wrong where.
 *
 * <h2>Zone rules</h2>
 * Text without a zone ("naive") is taken as UTC, because that is what SQLite's own date
 * functions ({@code datetime('now')}, {@code CURRENT_TIMESTAMP}) produce. When a local type is
 * asked for ({@link LocalDateTime}, {@link LocalDate}, {@link LocalTime}), text with a zone is
 * first converted to UTC and the zone is then dropped, so every value of a column reads on the
 * same clock. A date alone reads as midnight where a time is needed.
 *
 * <h2>Formats written</h2>
 * {@code yyyy-MM-dd HH:mm:ss}, followed by {@code .fraction} (trailing zeros trimmed) only when
 * the nanoseconds are not zero, followed by {@code ±HH:MM} for values with an offset (UTC is
 * {@code +00:00}, never {@code Z}). The space separator matches SQLite's own functions, and the
 * shortest-fraction form still sorts correctly as text. Only years 0000–9999 can be written:
 * other years would not sort as text and SQLite's date functions reject them.
 *
 * <p>Every method maps null to null. The parser is hand-written (no {@code DateTimeFormatter}):
 * it runs for every temporal cell of a result set.
 */
public final class Temporals {
    /** Marks "no zone in the text" in {@link Fields#offset}. */
    private static final int NO_OFFSET = Integer.MIN_VALUE;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    private static final int MAX_QUOTED = 200;
    private static final int SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants that format to four-digit years. */
    private static final long MIN_FORMATTABLE_EPOCH_SECOND = -62_167_219_200L;
    private static final long MAX_FORMATTABLE_EPOCH_SECOND = 253_402_300_799L;

    private Temporals() {
    }

    // ------------------------------------------------------------------------------------------
    // Parsing text
    // ------------------------------------------------------------------------------------------

    /**
     * Parses date or date-time text as an {@link OffsetDateTime}. Naive text is UTC; a date alone
     * is midnight UTC.
     *
     * @throws IllegalArgumentException if the text is malformed or holds only a time
     */
    public static OffsetDateTime toOffsetDateTime(String text) {
        if (text == null) {
            return null;
        }
        Fields f = parse(text, "OffsetDateTime");
        requireDate(f, text, "OffsetDateTime");
        return OffsetDateTime.of(f.year, f.month, f.day, f.hour, f.minute, f.second, f.nano, zone(f));
    }

    /**
     * Parses date or date-time text as a {@link ZonedDateTime} whose zone is the text's offset,
     * or UTC for naive text.
     *
     * @throws IllegalArgumentException if the text is malformed or holds only a time
     */
    public static ZonedDateTime toZonedDateTime(String text) {
        OffsetDateTime value = toOffsetDateTime(text);
        return value == null ? null : value.toZonedDateTime();
    }

    /**
     * Parses date or date-time text as a {@link LocalDateTime}: text with a zone is converted to
     * UTC and the zone dropped; a date alone is midnight.
     *
     * @throws IllegalArgumentException if the text is malformed or holds only a time
     */
    public static LocalDateTime toLocalDateTime(String text) {
        if (text == null) {
            return null;
        }
        Fields f = parse(text, "LocalDateTime");
        requireDate(f, text, "LocalDateTime");
        return utcLocalDateTime(f);
    }

    /**
     * Parses date or date-time text as a {@link LocalDate}. For date-time text with a zone, the
     * date is the UTC date (consistent with {@link #toLocalDateTime(String)}); otherwise any time
     * part is ignored.
     *
     * @throws IllegalArgumentException if the text is malformed or holds only a time
     */
    public static LocalDate toLocalDate(String text) {
        if (text == null) {
            return null;
        }
        Fields f = parse(text, "LocalDate");
        requireDate(f, text, "LocalDate");
        if (hasNonZeroOffset(f)) {
            return utcLocalDateTime(f).toLocalDate();
        }
        return LocalDate.of(f.year, f.month, f.day);
    }

    /**
     * Parses time, date-time or date text as a {@link LocalTime}. A zone shifts the time to UTC
     * (wrapping around midnight); a date alone gives midnight.
     *
     * @throws IllegalArgumentException if the text is malformed
     */
    public static LocalTime toLocalTime(String text) {
        if (text == null) {
            return null;
        }
        Fields f = parse(text, "LocalTime");
        if (!f.hasTime) {
            return LocalTime.MIDNIGHT;
        }
        LocalTime time = LocalTime.of(f.hour, f.minute, f.second, f.nano);
        // Same result as converting the whole date-time to UTC, without building it.
        return hasNonZeroOffset(f) ? time.minusSeconds(f.offset) : time;
    }

    /**
     * Parses time, date-time or date text as an {@link OffsetTime}, keeping the text's offset;
     * naive text is UTC and a date alone gives midnight UTC.
     *
     * @throws IllegalArgumentException if the text is malformed
     */
    public static OffsetTime toOffsetTime(String text) {
        if (text == null) {
            return null;
        }
        Fields f = parse(text, "OffsetTime");
        if (!f.hasTime) {
            return OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.UTC);
        }
        return OffsetTime.of(f.hour, f.minute, f.second, f.nano, zone(f));
    }

    /**
     * Parses date or date-time text as an {@link Instant}; naive text is UTC.
     *
     * @throws IllegalArgumentException if the text is malformed or holds only a time
     */
    public static Instant toInstant(String text) {
        if (text == null) {
            return null;
        }
        Fields f = parse(text, "Instant");
        requireDate(f, text, "Instant");
        long seconds = LocalDate.of(f.year, f.month, f.day).toEpochDay() * SECONDS_PER_DAY
                + f.hour * 3600L + f.minute * 60L + f.second;
        if (f.offset != NO_OFFSET) {
            seconds -= f.offset;
        }
        return Instant.ofEpochSecond(seconds, f.nano);
    }

    // ------------------------------------------------------------------------------------------
    // UNIXTIME (seconds since the epoch)
    // ------------------------------------------------------------------------------------------

    /**
     * The instant {@code seconds} after 1970-01-01T00:00:00Z.
     *
     * @throws IllegalArgumentException if it is outside {@link Instant}'s range
     */
    public static Instant fromUnixSeconds(long seconds) {
        try {
            return Instant.ofEpochSecond(seconds);
        } catch (DateTimeException e) {
            throw unixOutOfRange(seconds, "Instant", e);
        }
    }

    /**
     * The UTC date-time {@code seconds} after the epoch, with offset UTC.
     *
     * @throws IllegalArgumentException if it is outside the range of java.time
     */
    public static OffsetDateTime unixSecondsToOffsetDateTime(long seconds) {
        return OffsetDateTime.of(unixSecondsToLocalDateTime(seconds), ZoneOffset.UTC);
    }

    /**
     * The UTC wall-clock date-time {@code seconds} after the epoch.
     *
     * @throws IllegalArgumentException if it is outside the range of java.time
     */
    public static LocalDateTime unixSecondsToLocalDateTime(long seconds) {
        try {
            return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw unixOutOfRange(seconds, "LocalDateTime", e);
        }
    }

    /**
     * The UTC date {@code seconds} after the epoch.
     *
     * @throws IllegalArgumentException if it is outside the range of java.time
     */
    public static LocalDate unixSecondsToLocalDate(long seconds) {
        try {
            return LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        } catch (DateTimeException e) {
            throw unixOutOfRange(seconds, "LocalDate", e);
        }
    }

    /** The UTC time of day {@code seconds} after the epoch (any value is in range). */
    public static LocalTime unixSecondsToLocalTime(long seconds) {
        return LocalTime.ofSecondOfDay(Math.floorMod(seconds, SECONDS_PER_DAY));
    }

    /** The UTC time of day {@code seconds} after the epoch, with offset UTC. */
    public static OffsetTime unixSecondsToOffsetTime(long seconds) {
        return OffsetTime.of(unixSecondsToLocalTime(seconds), ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------------------------------
    // Formatting (what the driver binds as TEXT)
    // ------------------------------------------------------------------------------------------

    /**
     * {@code yyyy-MM-dd HH:mm:ss[.f]}, the fraction present only for non-zero nanoseconds and
     * trimmed of trailing zeros (for example {@code 2024-01-02 03:04:05.5}).
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(LocalDateTime value) {
        if (value == null) {
            return null;
        }
        char[] buf = new char[29];
        int n = writeDateTime(buf, value, value);
        return new String(buf, 0, n);
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss[.f]±HH:MM} in the value's own offset; UTC is written
     * {@code +00:00} and an offset with seconds as {@code ±HH:MM:SS}.
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(OffsetDateTime value) {
        if (value == null) {
            return null;
        }
        char[] buf = new char[38];
        int n = writeDateTime(buf, value.toLocalDateTime(), value);
        n = writeOffset(buf, n, value.getOffset().getTotalSeconds());
        return new String(buf, 0, n);
    }

    /**
     * The value's date-time and offset, as {@link #format(OffsetDateTime)}; the region id is not
     * written (SQLite has no use for it).
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(ZonedDateTime value) {
        return value == null ? null : format(value.toOffsetDateTime());
    }

    /**
     * The instant in UTC, as {@link #format(OffsetDateTime)} ({@code ... +00:00}).
     *
     * @throws IllegalArgumentException if the UTC year is outside 0000–9999
     */
    public static String format(Instant value) {
        if (value == null) {
            return null;
        }
        long seconds = value.getEpochSecond();
        if (seconds < MIN_FORMATTABLE_EPOCH_SECOND || seconds > MAX_FORMATTABLE_EPOCH_SECOND) {
            throw new IllegalArgumentException("cannot format " + value
                    + ": its UTC year is outside 0000-9999, which text dates cannot hold");
        }
        return format(OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    /**
     * {@code yyyy-MM-dd}.
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(LocalDate value) {
        if (value == null) {
            return null;
        }
        char[] buf = new char[10];
        int n = writeDate(buf, 0, value.getYear(), value.getMonthValue(), value.getDayOfMonth(), value);
        return new String(buf, 0, n);
    }

    /** {@code HH:mm:ss[.f]}, the fraction as for {@link #format(LocalDateTime)}. */
    public static String format(LocalTime value) {
        if (value == null) {
            return null;
        }
        char[] buf = new char[18];
        int n = writeTime(buf, 0, value);
        return new String(buf, 0, n);
    }

    /** {@code HH:mm:ss[.f]±HH:MM}. */
    public static String format(OffsetTime value) {
        if (value == null) {
            return null;
        }
        char[] buf = new char[27];
        int n = writeTime(buf, 0, value.toLocalTime());
        n = writeOffset(buf, n, value.getOffset().getTotalSeconds());
        return new String(buf, 0, n);
    }

    /**
     * The timestamp's wall-clock form, {@code yyyy-MM-dd HH:mm:ss[.f]} in the JVM's zone, as
     * {@link java.sql.Timestamp#toLocalDateTime()} gives it. jOOQ reads such text back with
     * {@code Timestamp.valueOf}, which uses the same zone, so the value round-trips.
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(java.sql.Timestamp value) {
        return value == null ? null : format(value.toLocalDateTime());
    }

    /**
     * {@code yyyy-MM-dd}, as {@link java.sql.Date#toLocalDate()} gives it.
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(java.sql.Date value) {
        return value == null ? null : format(value.toLocalDate());
    }

    /**
     * {@code HH:mm:ss}, as {@link java.sql.Time#toLocalTime()} gives it. Milliseconds are
     * dropped, like {@code Time.toString()} does, so that {@code Time.valueOf} (how jOOQ reads a
     * time back) accepts the text.
     */
    public static String format(java.sql.Time value) {
        return value == null ? null : format(value.toLocalTime());
    }

    /**
     * A {@code java.util.Date} as its instant in UTC ({@link #format(Instant)}). The
     * {@code java.sql} subclasses are recognised and formatted by their own rules, so the static
     * type used by the caller does not matter.
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(java.util.Date value) {
        if (value == null) {
            return null;
        }
        // java.sql.Date and Time throw from toInstant(), and all three carry wall-clock meaning.
        if (value instanceof java.sql.Timestamp ts) {
            return format(ts);
        }
        if (value instanceof java.sql.Date date) {
            return format(date);
        }
        if (value instanceof java.sql.Time time) {
            return format(time);
        }
        return format(value.toInstant());
    }

    /**
     * Formats any supported temporal value by its runtime type: {@link LocalDateTime},
     * {@link OffsetDateTime}, {@link ZonedDateTime}, {@link Instant}, {@link LocalDate},
     * {@link LocalTime}, {@link OffsetTime} and {@code java.util.Date} with its {@code java.sql}
     * subclasses. For binders that receive an {@code Object} ({@code setObject}).
     *
     * @throws IllegalArgumentException for any other type, or a year outside 0000–9999
     */
    public static String formatTemporal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime v) {
            return format(v);
        }
        if (value instanceof OffsetDateTime v) {
            return format(v);
        }
        if (value instanceof Instant v) {
            return format(v);
        }
        if (value instanceof LocalDate v) {
            return format(v);
        }
        if (value instanceof LocalTime v) {
            return format(v);
        }
        if (value instanceof ZonedDateTime v) {
            return format(v);
        }
        if (value instanceof OffsetTime v) {
            return format(v);
        }
        if (value instanceof java.util.Date v) {
            return format(v);
        }
        throw new IllegalArgumentException("cannot format " + value.getClass().getName() + " as date/time text");
    }

    // ------------------------------------------------------------------------------------------
    // Internals: parser
    // ------------------------------------------------------------------------------------------

    /** What the parser found; mutable and private so one allocation serves a whole parse. */
    private static final class Fields {
        boolean hasDate;
        boolean hasTime;
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        int nano;
        int offset = NO_OFFSET;
    }

    private static Fields parse(String text, String target) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        if (start == end) {
            throw fail(text, target, "the text is empty");
        }
        Fields f = new Fields();
        int pos = start;
        // A time-only value has its first colon at index 2; a date has its first dash at index 4.
        if (end - start > 2 && text.charAt(start + 2) == ':') {
            parseTime(text, pos, end, f, target);
            return f;
        }
        f.year = digits(text, pos, end, 4, target, "year");
        pos = expect(text, pos + 4, end, '-', target);
        f.month = digits(text, pos, end, 2, target, "month");
        pos = expect(text, pos + 2, end, '-', target);
        f.day = digits(text, pos, end, 2, target, "day");
        pos += 2;
        if (f.month < 1 || f.month > 12) {
            throw fail(text, target, "month " + f.month + " is not in 1-12");
        }
        int monthLength = monthLength(f.year, f.month);
        if (f.day < 1 || f.day > monthLength) {
            throw fail(text, target, "day " + f.day + " is not in 1-" + monthLength + " for that month");
        }
        f.hasDate = true;
        if (pos == end) {
            return f;
        }
        char c = text.charAt(pos);
        if (c != 'T' && c != 't' && c != ' ') {
            throw fail(text, target, "expected 'T' or a space after the date at index " + pos + ", found '" + c + "'");
        }
        parseTime(text, pos + 1, end, f, target);
        return f;
    }

    private static void parseTime(String text, int pos, int end, Fields f, String target) {
        f.hour = digits(text, pos, end, 2, target, "hour");
        pos = expect(text, pos + 2, end, ':', target);
        f.minute = digits(text, pos, end, 2, target, "minute");
        pos += 2;
        if (f.hour > 23) {
            throw fail(text, target, "hour " + f.hour + " is not in 0-23");
        }
        if (f.minute > 59) {
            throw fail(text, target, "minute " + f.minute + " is not in 0-59");
        }
        if (pos < end && text.charAt(pos) == ':') {
            f.second = digits(text, pos + 1, end, 2, target, "second");
            pos += 3;
            if (f.second > 59) {
                throw fail(text, target, "second " + f.second + " is not in 0-59");
            }
            if (pos < end && text.charAt(pos) == '.') {
                pos = parseFraction(text, pos + 1, end, f, target);
            }
        }
        f.hasTime = true;
        if (pos < end) {
            pos = parseZone(text, pos, end, f, target);
        }
        if (pos < end) {
            throw fail(text, target, "unexpected '" + text.charAt(pos) + "' at index " + pos);
        }
    }

    private static int parseFraction(String text, int pos, int end, Fields f, String target) {
        int value = 0;
        int count = 0;
        while (pos < end) {
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            if (count == 9) {
                throw fail(text, target, "more than 9 fraction digits at index " + pos);
            }
            value = value * 10 + (c - '0');
            count++;
            pos++;
        }
        if (count == 0) {
            throw fail(text, target, "expected fraction digits after '.' at index " + pos);
        }
        for (int i = count; i < 9; i++) {
            value *= 10;
        }
        f.nano = value;
        return pos;
    }

    private static int parseZone(String text, int pos, int end, Fields f, String target) {
        char c = text.charAt(pos);
        if (c == 'Z' || c == 'z') {
            f.offset = 0;
            return pos + 1;
        }
        if (c != '+' && c != '-') {
            throw fail(text, target, "unexpected '" + c + "' at index " + pos + " (expected a zone: Z, +HH:MM or -HH:MM)");
        }
        int sign = c == '-' ? -1 : 1;
        pos++;
        int hours = digits(text, pos, end, 2, target, "zone hours");
        pos += 2;
        int minutes = 0;
        int seconds = 0;
        boolean colon = pos < end && text.charAt(pos) == ':';
        // Minutes (and seconds) either all use colons or none do: +HH:MM[:SS] or +HHMM[SS].
        if (colon || (pos < end && isDigit(text.charAt(pos)))) {
            pos += colon ? 1 : 0;
            minutes = digits(text, pos, end, 2, target, "zone minutes");
            pos += 2;
            boolean more = colon ? pos < end && text.charAt(pos) == ':' : pos < end && isDigit(text.charAt(pos));
            if (more) {
                pos += colon ? 1 : 0;
                seconds = digits(text, pos, end, 2, target, "zone seconds");
                pos += 2;
            }
        }
        if (minutes > 59 || seconds > 59) {
            throw fail(text, target, "zone minutes and seconds must be in 0-59");
        }
        int total = hours * 3600 + minutes * 60 + seconds;
        if (total > MAX_OFFSET_SECONDS) {
            throw fail(text, target, "zone offset is beyond +/-18:00");
        }
        f.offset = sign * total;
        return pos;
    }

    private static int digits(String text, int pos, int end, int count, String target, String field) {
        int value = 0;
        for (int i = pos; i < pos + count; i++) {
            if (i >= end) {
                throw fail(text, target, "text ends where the " + field + " (" + count + " digits) should be");
            }
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw fail(text, target, "expected a digit of the " + field + " at index " + i + ", found '" + c + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int expect(String text, int pos, int end, char expected, String target) {
        if (pos >= end) {
            throw fail(text, target, "text ends where '" + expected + "' should be");
        }
        char c = text.charAt(pos);
        if (c != expected) {
            throw fail(text, target, "expected '" + expected + "' at index " + pos + ", found '" + c + "'");
        }
        return pos + 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static void requireDate(Fields f, String text, String target) {
        if (!f.hasDate) {
            throw fail(text, target, "it holds a time of day but no date");
        }
    }

    private static boolean hasNonZeroOffset(Fields f) {
        return f.offset != NO_OFFSET && f.offset != 0;
    }

    private static ZoneOffset zone(Fields f) {
        // ZoneOffset caches quarter-hour offsets, so this allocates only for unusual ones.
        return f.offset == NO_OFFSET || f.offset == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(f.offset);
    }

    private static LocalDateTime utcLocalDateTime(Fields f) {
        LocalDateTime local = LocalDateTime.of(f.year, f.month, f.day, f.hour, f.minute, f.second, f.nano);
        return hasNonZeroOffset(f) ? local.minusSeconds(f.offset) : local;
    }

    private static IllegalArgumentException fail(String text, String target, String reason) {
        return new IllegalArgumentException("cannot parse " + quote(text) + " as " + target + ": " + reason);
    }

    private static IllegalArgumentException unixOutOfRange(long seconds, String target, DateTimeException cause) {
        return new IllegalArgumentException("Unix time " + seconds + " s is outside the range of " + target, cause);
    }

    /** The text in double quotes, cut to 200 characters so a huge cell cannot flood a log. */
    static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return '"' + text + '"';
        }
        return '"' + text.substring(0, MAX_QUOTED) + "\"... (" + text.length() + " characters)";
    }

    // ------------------------------------------------------------------------------------------
    // Internals: formatter
    // ------------------------------------------------------------------------------------------

    private static int writeDateTime(char[] buf, LocalDateTime value, Object original) {
        int n = writeDate(buf, 0, value.getYear(), value.getMonthValue(), value.getDayOfMonth(), original);
        buf[n++] = ' ';
        return writeTime(buf, n, value.toLocalTime());
    }

    private static int writeDate(char[] buf, int n, int year, int month, int day, Object original) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("cannot format " + original + ": year " + year
                    + " is outside 0000-9999, which text dates cannot hold");
        }
        n = write4(buf, n, year);
        buf[n++] = '-';
        n = write2(buf, n, month);
        buf[n++] = '-';
        return write2(buf, n, day);
    }

    private static int writeTime(char[] buf, int n, LocalTime time) {
        n = write2(buf, n, time.getHour());
        buf[n++] = ':';
        n = write2(buf, n, time.getMinute());
        buf[n++] = ':';
        n = write2(buf, n, time.getSecond());
        int nano = time.getNano();
        if (nano == 0) {
            return n;
        }
        buf[n++] = '.';
        int digits = 9;
        while (nano % 10 == 0) {
            nano /= 10;
            digits--;
        }
        for (int i = n + digits - 1; i >= n; i--) {
            buf[i] = (char) ('0' + nano % 10);
            nano /= 10;
        }
        return n + digits;
    }

    private static int writeOffset(char[] buf, int n, int totalSeconds) {
        buf[n++] = totalSeconds < 0 ? '-' : '+';
        int abs = Math.abs(totalSeconds);
        n = write2(buf, n, abs / 3600);
        buf[n++] = ':';
        n = write2(buf, n, abs / 60 % 60);
        int seconds = abs % 60;
        if (seconds != 0) {
            buf[n++] = ':';
            n = write2(buf, n, seconds);
        }
        return n;
    }

    private static int write2(char[] buf, int n, int value) {
        buf[n] = (char) ('0' + value / 10);
        buf[n + 1] = (char) ('0' + value % 10);
        return n + 2;
    }

    private static int write4(char[] buf, int n, int value) {
        buf[n] = (char) ('0' + value / 1000);
        buf[n + 1] = (char) ('0' + value / 100 % 10);
        buf[n + 2] = (char) ('0' + value / 10 % 10);
        buf[n + 3] = (char) ('0' + value % 10);
        return n + 4;
    }
}
