package io.dqlite4j.jooq.binding;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.jooq.exception.DataTypeException;

/**
 * Conversions behind the converters of the bindings (used when jOOQ converts a value that did not
 * come through the binding's own {@code get}, e.g. plain-SQL results, or when rendering inline
 * literals). They follow the dqlite driver's rules: text without a zone is UTC (as SQLite's
 * {@code datetime('now')} writes it), a number is a dqlite UNIXTIME value in <em>seconds</em>
 * since the epoch, an empty text is NULL (how old servers send a NULL DATETIME cell), and local
 * types read zoned values converted to UTC.
 */
final class DqliteValues {
    /** {@code yyyy-MM-dd[{T| }HH:mm[:ss[.f]]][zone]}, zone = Z | ±HH[[:]MM[[:]SS]]. */
    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private DqliteValues() {
    }

    // ---------------------------------------------------------------------------------------
    // To Java types
    // ---------------------------------------------------------------------------------------

    static OffsetDateTime toOffsetDateTime(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime l) {
            return l.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            // Wall-clock value (Timestamp.valueOf of naive text): naive means UTC.
            return t.toLocalDateTime().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Number n) {
            return unixSeconds(n, OffsetDateTime.class).atOffset(ZoneOffset.UTC);
        }
        if (value instanceof CharSequence s) {
            return parse(s.toString(), OffsetDateTime.class, true);
        }
        throw cannotConvert(value, OffsetDateTime.class);
    }

    static LocalDateTime toLocalDateTime(Object value) {
        if (value == null || value instanceof LocalDateTime) {
            return (LocalDateTime) value;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof CharSequence s) {
            OffsetDateTime parsed = parse(s.toString(), LocalDateTime.class, false);
            return parsed == null ? null : parsed.toLocalDateTime();
        }
        OffsetDateTime odt = toOffsetDateTime(value);
        return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /**
     * A date: text {@code yyyy-MM-dd} as is (date-time text gives its date, converted to UTC when
     * it has a zone), a number as the UTC date of those epoch seconds.
     */
    static LocalDate toLocalDate(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof CharSequence s) {
            OffsetDateTime parsed = parse(s.toString(), LocalDate.class, false);
            return parsed == null ? null : parsed.toLocalDate();
        }
        return toLocalDateTime(value).toLocalDate();
    }

    static Instant toInstant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof Number n) {
            return unixSeconds(n, Instant.class);
        }
        OffsetDateTime odt = toOffsetDateTime(value);
        return odt == null ? null : odt.toInstant();
    }

    static Boolean toBoolean(Object value) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence cs) {
            String s = cs.toString().trim().toLowerCase(Locale.ROOT);
            switch (s) {
                case "":
                    return null;
                case "1": case "true": case "t": case "yes": case "y": case "on":
                    return Boolean.TRUE;
                case "0": case "false": case "f": case "no": case "n": case "off":
                    return Boolean.FALSE;
                default:
                    throw new DataTypeException("Cannot convert text to Boolean: '" + quote(cs) + "'");
            }
        }
        throw cannotConvert(value, Boolean.class);
    }

    // ---------------------------------------------------------------------------------------
    // Inline literals, in the driver's text format: yyyy-MM-dd HH:mm:ss[.f][±HH:MM]
    // ---------------------------------------------------------------------------------------

    static String format(LocalDateTime value) {
        StringBuilder b = new StringBuilder(35);
        appendDateTime(b, value);
        return b.toString();
    }

    static String format(LocalDate value) {
        return format(value.atStartOfDay()).substring(0, 10);
    }

    static String format(OffsetDateTime value) {
        StringBuilder b = new StringBuilder(35);
        appendDateTime(b, value.toLocalDateTime());
        int total = value.getOffset().getTotalSeconds();
        b.append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        pad2(b, total / 3600).append(':');
        pad2(b, (total / 60) % 60);
        if (total % 60 != 0) {
            pad2(b.append(':'), total % 60);
        }
        return b.toString();
    }

    static String format(Instant value) {
        return format(value.atOffset(ZoneOffset.UTC));
    }

    private static void appendDateTime(StringBuilder b, LocalDateTime v) {
        int year = v.getYear();
        if (year < 0 || year > 9999) {
            throw new DataTypeException("Cannot write " + v + " as text: the year is outside 0000-9999");
        }
        b.append((char) ('0' + year / 1000)).append((char) ('0' + year / 100 % 10))
                .append((char) ('0' + year / 10 % 10)).append((char) ('0' + year % 10)).append('-');
        pad2(b, v.getMonthValue()).append('-');
        pad2(b, v.getDayOfMonth()).append(' ');
        pad2(b, v.getHour()).append(':');
        pad2(b, v.getMinute()).append(':');
        pad2(b, v.getSecond());
        int nano = v.getNano();
        if (nano != 0) {
            String digits = Integer.toString(1_000_000_000 + nano).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(digits, 0, end);
        }
    }

    private static StringBuilder pad2(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    // ---------------------------------------------------------------------------------------

    /**
     * Parses date or date-time text. With {@code keepZone}, the text's offset is kept (UTC for
     * naive text); otherwise the result is converted to UTC (for local types). Empty text is null.
     */
    private static OffsetDateTime parse(String text, Class<?> target, boolean keepZone) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        TemporalAccessor p;
        try {
            p = TEXT.parse(normalizeOffset(t));
        } catch (DateTimeException e) {
            throw new DataTypeException("Cannot convert text to " + target.getSimpleName() + ": '" + quote(t)
                    + "' (expected yyyy-MM-dd[ HH:mm[:ss[.f]]][zone])", e);
        }
        LocalDate date = LocalDate.from(p);
        LocalTime time = p.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(p) : LocalTime.MIDNIGHT;
        ZoneOffset offset = p.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(p) : ZoneOffset.UTC;
        OffsetDateTime result = OffsetDateTime.of(date, time, offset);
        return keepZone ? result : result.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Rewrites a trailing {@code ±HH}, {@code ±HHMM} or {@code ±HHMMSS} zone as {@code ±HH:MM[:SS]}. */
    private static String normalizeOffset(String t) {
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (sign <= 10) {
            return t; // no zone: the '-' of the date part are at 4 and 7
        }
        String zone = t.substring(sign + 1);
        if (zone.indexOf(':') >= 0 || (zone.length() != 2 && zone.length() != 4 && zone.length() != 6)) {
            return t;
        }
        for (int i = 0; i < zone.length(); i++) {
            if (zone.charAt(i) < '0' || zone.charAt(i) > '9') {
                return t;
            }
        }
        StringBuilder b = new StringBuilder(t.length() + 4).append(t, 0, sign + 1).append(zone, 0, 2).append(':');
        b.append(zone.length() == 2 ? "00" : zone.substring(2, 4));
        if (zone.length() == 6) {
            b.append(':').append(zone, 4, 6);
        }
        return b.toString();
    }

    /** A dqlite UNIXTIME value: seconds since the epoch (a fraction is kept). */
    private static Instant unixSeconds(Number n, Class<?> target) {
        try {
            if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
                BigDecimal seconds = n instanceof BigDecimal b ? b : BigDecimal.valueOf(n.doubleValue());
                BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
                long nanos = seconds.subtract(whole).movePointRight(9).longValue();
                return Instant.ofEpochSecond(whole.longValueExact(), nanos);
            }
            return Instant.ofEpochSecond(n.longValue());
        } catch (ArithmeticException | DateTimeException e) {
            throw new DataTypeException("Cannot convert " + n + " (epoch seconds) to " + target.getSimpleName(), e);
        }
    }

    private static DataTypeException cannotConvert(Object value, Class<?> target) {
        return new DataTypeException("Cannot convert " + value.getClass().getName() + " to " + target.getName());
    }

    private static String quote(CharSequence s) {
        return s.length() <= 200 ? s.toString() : s.subSequence(0, 200) + "...";
    }
}
