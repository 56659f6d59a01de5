package io.dqlite4j.client;

/**
 * The two families of dqlite servers whose protocol differences matter to a client
 * (PROTOCOL.md §12).
 */
public enum ServerGeneration {
    /**
     * dqlite ≤ 1.11: reads only narrow (≤ 255) parameter tuples.
     */
    LEGACY,
    /** dqlite ≥ 1.12: wide parameter tuples. */
    MODERN;

    /** Whether this server reads parameter tuples of more than 255 values. */
    public boolean supportsWideParams() {
        return this == MODERN;
    }

    /**
     * Whether DML with RETURNING may be sent. No: dqlite 1.11.1 and 1.18.1 both fail it (1.18.1
     * with code 100 "rows yielded when none expected") and then abort on the next write, verified
     * on the wire; no probe can tell a fixed server apart, so it is refused everywhere.
     */
    public boolean supportsReturning() {
        return false;
    }
}
