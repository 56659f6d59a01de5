package io.dqlite4j.client;

/**
 * The two families of dqlite servers whose protocol differences matter to a client
 * (docs/protocol.md §12).
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
     * Whether DML with RETURNING may be sent, as far as the generation alone tells: never. dqlite
     * 1.11.1 and 1.18.1 fail it and then abort on the next write; 1.18.3 and newer run it through
     * QUERY_SQL, which the session finds out with its own probe
     * ({@code io.dqlite4j.session.Session#nativeReturning}) and then allows on the connection
     * ({@link DqliteConnection#allowReturningQueries()}).
     */
    public boolean supportsReturning() {
        return false;
    }
}
