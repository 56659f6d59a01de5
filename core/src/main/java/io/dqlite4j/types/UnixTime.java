package io.dqlite4j.types;

/**
 * A raw UNIXTIME cell (wire type 9): an integer stored in a column declared DATETIME, DATE or
 * TIMESTAMP, which dqlite (and go-dqlite) read as seconds since 1970-01-01T00:00:00Z.
 *
 * <p>It is a distinct type rather than a plain {@code Long} so that {@link ValueConversions} can
 * tell a timestamp from an ordinary integer: {@code getString} must render it as date text, not
 * as digits that jOOQ would mis-read as epoch milliseconds.
 *
 * @param seconds seconds since the Unix epoch, negative before 1970
 */
public record UnixTime(long seconds) {
}
