package io.dqlite4j.types;

import java.util.Objects;

/**
 * A raw ISO8601 cell (wire type 10): text stored in a column declared DATETIME, DATE or
 * TIMESTAMP, exactly as stored. The empty text is how the server sends SQL NULL for such
 * columns, so {@link ValueConversions} reads {@code new Iso8601("")} as null.
 *
 * <p>It is a distinct type rather than a plain {@code String} so that conversions know the
 * column is temporal; for any non-temporal target the text behaves like ordinary TEXT.
 *
 * @param text the stored text, never null
 */
public record Iso8601(String text) {
    /** Rejects a null text: NULL is represented by a null cell or by the empty text. */
    public Iso8601 {
        Objects.requireNonNull(text, "text");
    }

    /** Whether this is the server's encoding of SQL NULL (the empty text). */
    public boolean isNull() {
        return text.isEmpty();
    }
}
