package io.dqlite4j.client;

/**
 * Base of every failure the native client reports. Carries the server's error code when the
 * server sent one (a SQLite extended result code, or one of dqlite's own codes in the 1000 range),
 * otherwise {@link #NO_CODE}.
 */
public class DqliteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The value of {@link #code()} when no server code applies. */
    public static final long NO_CODE = -1;

    private final long code;

    public DqliteException(String message) {
        this(message, NO_CODE, null);
    }

    public DqliteException(String message, Throwable cause) {
        this(message, NO_CODE, cause);
    }

    public DqliteException(String message, long code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The server's error code (SQLite extended result code), or {@link #NO_CODE}. */
    public long code() {
        return code;
    }

    /** The primary SQLite result code ({@code code & 0xff}); dqlite's own 1000-range codes pass unmasked. */
    public int primaryCode() {
        return ErrorCodes.primary(code);
    }
}
