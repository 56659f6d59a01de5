package io.dqlite4j.types;

import io.dqlite4j.wire.Params;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.nio.ByteBuffer;
import java.sql.Blob;
import java.sql.Clob;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/**
 * The one mapping from a Java value to a wire parameter, used by both drivers: the wire types
 * themselves ({@link Params#setObject}: null, integers, floating point, String, byte[], Boolean),
 * and the Java types SQLite has no type for: ByteBuffer as BLOB, BigDecimal as exact text,
 * BigInteger as INTEGER when it fits and exact text otherwise, java.time and java.util.Date values
 * as ISO-8601 text ({@link Temporals#formatTemporal}), UUID, Character and URL as text. Blob and
 * Clob values are left to the caller, because reading them differs (the JDBC driver reads them at
 * once, the R2DBC driver when the statement runs, without blocking).
 */
public final class ParameterEncoder {
    private ParameterEncoder() {
    }

    /** What {@link #set} did. */
    public enum Outcome {
        /** The value was set. */
        SET,
        /** A Blob or Clob: nothing was set; the caller reads it. */
        LOB,
        /** No mapping for the value's type: nothing was set. */
        UNSUPPORTED
    }

    /**
     * Sets parameter {@code index} (0-based) of {@code params} to {@code value}.
     *
     * @throws IllegalArgumentException if a text value contains U+0000 (dqlite's TEXT cannot carry it)
     */
    public static Outcome set(Params params, int index, Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof Double || value instanceof Float
                || value instanceof Boolean || value instanceof byte[]) {
            params.setObject(index, value);
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            params.setBlob(index, bytes);
        } else if (value instanceof BigDecimal d) {
            params.setText(index, d.toPlainString());
        } else if (value instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                params.setLong(index, b.longValue());
            } else {
                params.setText(index, b.toString());
            }
        } else if (value instanceof TemporalAccessor || value instanceof java.util.Date) {
            params.setText(index, Temporals.formatTemporal(value));
        } else if (value instanceof UUID || value instanceof Character || value instanceof URL) {
            params.setText(index, value.toString());
        } else if (value instanceof Blob || value instanceof Clob) {
            return Outcome.LOB;
        } else {
            return Outcome.UNSUPPORTED;
        }
        return Outcome.SET;
    }
}
