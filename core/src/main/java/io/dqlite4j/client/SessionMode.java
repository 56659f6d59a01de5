package io.dqlite4j.client;

import java.util.Locale;

/**
 * How a transaction the driver opens begins (URL parameter {@code session_mode}).
 * {@link #IMMEDIATE} is the default: it takes the write lock up front, so a transaction that reads
 * and then writes cannot fail late with SQLITE_BUSY_SNAPSHOT when another writer commits first.
 */
public enum SessionMode {
    /** {@code BEGIN IMMEDIATE}: take the write lock at BEGIN (default). */
    IMMEDIATE("BEGIN IMMEDIATE"),
    /** {@code BEGIN}: SQLite's deferred transactions; locks are taken on first use. */
    DEFERRED("BEGIN"),
    /** {@code BEGIN EXCLUSIVE}. */
    EXCLUSIVE("BEGIN EXCLUSIVE"),
    /** {@code BEGIN} on a connection that runs with {@code PRAGMA query_only=1}: writes fail. */
    READ_ONLY("BEGIN");

    private final String beginStatement;

    SessionMode(String beginStatement) {
        this.beginStatement = beginStatement;
    }

    /** The statement that opens a transaction in this mode. */
    public String beginStatement() {
        return beginStatement;
    }

    /** The URL spelling of this mode: {@code immediate}, {@code deferred}, {@code exclusive}, {@code read_only}. */
    public String urlValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named by a URL value (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static SessionMode fromUrlValue(String value) {
        for (SessionMode mode : values()) {
            if (mode.urlValue().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("session_mode must be one of immediate, deferred, exclusive, read_only, not '" + value + "'");
    }
}
