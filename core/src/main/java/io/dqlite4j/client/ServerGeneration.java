package io.dqlite4j.client;

/**
 * The two families of dqlite servers whose protocol differences matter to a client
 * (PROTOCOL.md §12).
 */
public enum ServerGeneration {
    /**
     * dqlite ≤ 1.11: reads only narrow (≤ 255) parameter tuples, and aborts on the next write
     * after DML with RETURNING, so the driver refuses such statements.
     */
    LEGACY,
    /** dqlite ≥ 1.12: wide parameter tuples; RETURNING runs as a query. */
    MODERN;

    /** Whether this server reads parameter tuples of more than 255 values. */
    public boolean supportsWideParams() {
        return this == MODERN;
    }

    /** Whether DML with RETURNING is safe on this server. */
    public boolean supportsReturning() {
        return this == MODERN;
    }
}
