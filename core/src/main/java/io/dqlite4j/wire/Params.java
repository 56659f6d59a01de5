package io.dqlite4j.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parameter values of one statement execution, in SQLite index order (value {@code i} binds
 * to parameter {@code i + 1}).
 *
 * <p>Values are kept in primitive arrays rather than as boxed objects because a JDBC
 * {@code PreparedStatement} sets them one by one and executes many times. Instances are mutable
 * and not thread-safe; a request copies nothing, it encodes the values when it is sent, so a
 * caller may change them again as soon as the send call returns.
 *
 * <p>Text containing U+0000 is rejected: the server finds the end of a string with
 * {@code strlen}, so an embedded NUL would truncate it and misalign every following field
 * (docs/protocol.md §3). Such values must be sent as BLOB.
 */
public final class Params {
    /** An empty tuple: no parameters. */
    public static final Params NONE = new Params(0);

    private final byte[] types;
    private final long[] longs;
    private final Object[] refs;
    private final int size;

    /** A tuple of {@code size} parameters, all unset. */
    public Params(int size) {
        if (size < 0 || size > Protocol.MAX_PARAMS) {
            throw new IllegalArgumentException(
                    "a statement can have at most " + Protocol.MAX_PARAMS + " parameters, not " + size);
        }
        this.size = size;
        this.types = new byte[size];
        this.longs = new long[size];
        this.refs = new Object[size];
    }

    /**
     * A tuple holding the given values, typed by their Java class: {@code null} → NULL,
     * {@link Long}/{@link Integer}/{@link Short}/{@link Byte} → INTEGER, {@link Double}/{@link Float}
     * → FLOAT, {@link String} → TEXT, {@code byte[]} → BLOB, {@link Boolean} → BOOLEAN.
     *
     * @throws IllegalArgumentException for any other class, naming the parameter
     */
    public static Params of(Object... values) {
        Params params = new Params(values.length);
        for (int i = 0; i < values.length; i++) {
            params.setObject(i, values[i]);
        }
        return params;
    }

    /** The number of parameters. */
    public int size() {
        return size;
    }

    /** Whether every parameter has a value. */
    public boolean allSet() {
        for (byte type : types) {
            if (type == 0) {
                return false;
            }
        }
        return true;
    }

    /** The 0-based index of the first unset parameter, or -1. */
    public int firstUnset() {
        for (int i = 0; i < size; i++) {
            if (types[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Forgets every value. */
    public void clear() {
        Arrays.fill(types, (byte) 0);
        Arrays.fill(refs, null);
    }

    /** A copy that does not change when this tuple does. */
    public Params copy() {
        Params copy = new Params(size);
        System.arraycopy(types, 0, copy.types, 0, size);
        System.arraycopy(longs, 0, copy.longs, 0, size);
        System.arraycopy(refs, 0, copy.refs, 0, size);
        return copy;
    }

    public Params setNull(int index) {
        return set(index, ValueType.NULL, 0, null);
    }

    public Params setLong(int index, long value) {
        return set(index, ValueType.INTEGER, value, null);
    }

    public Params setDouble(int index, double value) {
        return set(index, ValueType.FLOAT, Double.doubleToRawLongBits(value), null);
    }

    public Params setBoolean(int index, boolean value) {
        return set(index, ValueType.BOOLEAN, value ? 1 : 0, null);
    }

    /**
     * Sets a TEXT value.
     *
     * @throws IllegalArgumentException if the text contains U+0000 (send it as a blob instead)
     */
    public Params setText(int index, String value) {
        if (value == null) {
            return setNull(index);
        }
        checkNoNul(index, value);
        return set(index, ValueType.TEXT, 0, value);
    }

    /** Sets a date/time text value; it binds as TEXT. */
    public Params setIso8601(int index, String value) {
        if (value == null) {
            return setNull(index);
        }
        checkNoNul(index, value);
        return set(index, ValueType.ISO8601, 0, value);
    }

    public Params setBlob(int index, byte[] value) {
        if (value == null) {
            return setNull(index);
        }
        return set(index, ValueType.BLOB, 0, value);
    }

    /** Sets a value typed by its Java class, as {@link #of(Object...)} describes. */
    public Params setObject(int index, Object value) {
        if (value == null) {
            return setNull(index);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return setLong(index, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            return setDouble(index, ((Number) value).doubleValue());
        } else if (value instanceof String s) {
            return setText(index, s);
        } else if (value instanceof byte[] b) {
            return setBlob(index, b);
        } else if (value instanceof Boolean b) {
            return setBoolean(index, b);
        }
        throw new IllegalArgumentException("parameter " + (index + 1) + " has unsupported type "
                + value.getClass().getName());
    }

    /** The type of the value at {@code index}, or {@code null} if unset. */
    public ValueType type(int index) {
        checkIndex(index);
        return types[index] == 0 ? null : ValueType.fromCode(types[index]);
    }

    /** The value at {@code index} as a Java object (Long, Double, String, byte[], Boolean or null). */
    public Object get(int index) {
        ValueType type = type(index);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case INTEGER, UNIXTIME -> longs[index];
            case FLOAT -> Double.longBitsToDouble(longs[index]);
            case BOOLEAN -> longs[index] != 0;
            case NULL -> null;
            case TEXT, ISO8601, BLOB -> refs[index];
        };
    }

    /**
     * The tuple of several tuples' values one after the other (the parameters of a multi-row
     * statement built from single-row items).
     *
     * @throws IllegalArgumentException if the total exceeds {@link Protocol#MAX_PARAMS}
     */
    public static Params concat(java.util.List<Params> parts) {
        int total = 0;
        for (Params p : parts) {
            total += p.size;
        }
        Params all = new Params(total);
        int at = 0;
        for (Params p : parts) {
            System.arraycopy(p.types, 0, all.types, at, p.size);
            System.arraycopy(p.longs, 0, all.longs, at, p.size);
            System.arraycopy(p.refs, 0, all.refs, at, p.size);
            at += p.size;
        }
        return all;
    }

    /**
     * An upper bound of the bytes the values (not the header) take on the wire: 8 per number,
     * boolean or NULL, a text's UTF-16 length × 3 + 1 rounded up to a word, a blob's length plus
     * its length word. Cheap: texts are not encoded to be measured.
     */
    public long encodedValuesBound() {
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            switch (types[i]) {
                case 3, 10 -> bytes += Protocol.roundUp8(((String) refs[i]).length() * 3L + 1);
                case 4 -> bytes += 8 + Protocol.roundUp8(((byte[]) refs[i]).length);
                default -> bytes += 8;
            }
        }
        return bytes;
    }

    /** Whether this tuple needs the wide (schema 1, u32 count) layout that only dqlite ≥ 1.12 reads. */
    public boolean isWide() {
        return size > Protocol.MAX_NARROW_PARAMS;
    }

    /**
     * Writes the tuple; the writer must be at an 8-byte-aligned body offset (every fixed field
     * before a tuple ends on a word boundary). An empty tuple writes nothing, as go-dqlite does.
     */
    void encode(io.netty.buffer.ByteBuf out) {
        if (size == 0) {
            return;
        }
        int headerBytes;
        if (isWide()) {
            out.writeIntLE(size);
            headerBytes = 4 + size;
        } else {
            out.writeByte(size);
            headerBytes = 1 + size;
        }
        for (int i = 0; i < size; i++) {
            if (types[i] == 0) {
                throw new IllegalArgumentException("no value set for parameter " + (i + 1));
            }
            out.writeByte(types[i]);
        }
        out.writeZero(Protocol.roundUp8(headerBytes) - headerBytes);
        for (int i = 0; i < size; i++) {
            switch (types[i]) {
                case 1, 2, 9 -> out.writeLongLE(longs[i]);
                case 11 -> out.writeLongLE(longs[i]);
                case 5 -> out.writeLongLE(0);
                case 3, 10 -> WireText.write(out, (String) refs[i]);
                case 4 -> WireText.writeBlob(out, (byte[]) refs[i]);
                default -> throw new IllegalStateException("type " + types[i]);
            }
        }
    }

    private Params set(int index, ValueType type, long bits, Object ref) {
        checkIndex(index);
        types[index] = (byte) type.code();
        longs[index] = bits;
        refs[index] = ref;
        return this;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("parameter index " + (index + 1) + " is out of range 1.." + size);
        }
    }

    private static void checkNoNul(int index, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("parameter " + (index + 1)
                    + " is text containing U+0000, which dqlite cannot carry as TEXT; send it as a blob (byte[])");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Params[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = get(i);
            sb.append(v instanceof byte[] b ? "blob(" + b.length + ")" : v instanceof String s
                    ? "'" + (s.length() > 32 ? s.substring(0, 32) + "…" : s) + "'" : String.valueOf(v));
        }
        return sb.append(']').toString();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
