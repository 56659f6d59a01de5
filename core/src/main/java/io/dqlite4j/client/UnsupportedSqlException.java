package io.dqlite4j.client;

/**
 * SQL the client refuses to send because a dqlite server would crash or wedge on it (docs/protocol.md
 * §9.8). Nothing was sent; the connection is unaffected.
 */
public class UnsupportedSqlException extends DqliteException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSqlException(String message) {
        super(message);
    }
}
