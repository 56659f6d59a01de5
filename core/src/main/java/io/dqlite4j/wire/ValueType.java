package io.dqlite4j.wire;

/** The type code of one value in a parameter or row tuple (docs/protocol.md §4.1). */
public enum ValueType {
    /** Signed 64-bit integer. */
    INTEGER(1),
    /** IEEE-754 double; NaN and infinities travel unchanged. */
    FLOAT(2),
    /** UTF-8 text without NUL. */
    TEXT(3),
    /** Bytes. */
    BLOB(4),
    /** SQL NULL. */
    NULL(5),
    /** Integer seconds since the epoch, read from a DATETIME/DATE/TIMESTAMP column; never a parameter. */
    UNIXTIME(9),
    /** Date/time text, read from a DATETIME/DATE/TIMESTAMP column; as a parameter it binds as TEXT. */
    ISO8601(10),
    /** Boolean, read from a BOOLEAN column; as a parameter it binds as integer 0 or 1. */
    BOOLEAN(11);

    private static final ValueType[] BY_CODE = new ValueType[16];

    static {
        for (ValueType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    ValueType(int code) {
        this.code = code;
    }

    /** The type's code on the wire. */
    public int code() {
        return code;
    }

    /**
     * The type with the given wire code.
     *
     * @throws ProtocolException for a code no dqlite value has
     */
    public static ValueType fromCode(int code) {
        ValueType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type == null) {
            throw new ProtocolException("unknown value type code " + code);
        }
        return type;
    }
}
