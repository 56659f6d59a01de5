package io.dqlite4j.client;

/**
 * A statement prepared on one connection. The handle is bound to the connection that prepared it
 * and dies when it is finalized or that connection closes; a dead handle is never sent, because
 * using a freed statement id that still lies inside the server's statement table kills a dqlite
 * node (docs/protocol.md §5.2 FINALIZE). Statement ids are reused by the server, handles are not.
 */
public final class PreparedStatementHandle {
    private final DqliteConnection connection;
    private final int id;
    private final int parameterCount;
    private final String sql;
    private volatile boolean alive = true;

    PreparedStatementHandle(DqliteConnection connection, int id, int parameterCount, String sql) {
        this.connection = connection;
        this.id = id;
        this.parameterCount = parameterCount;
        this.sql = sql;
    }

    /** The server's statement id (only meaningful while alive). */
    public int id() {
        return id;
    }

    /** SQLite's highest parameter index in the statement. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The SQL text this statement was prepared from. */
    public String sql() {
        return sql;
    }

    /** Whether the statement may still be executed. */
    public boolean isAlive() {
        return alive && !connection.isClosed();
    }

    DqliteConnection connection() {
        return connection;
    }

    /** Marks the handle dead; returns whether it was alive (only one caller may finalize it). */
    boolean kill() {
        synchronized (this) {
            boolean was = alive;
            alive = false;
            return was;
        }
    }

    @Override
    public String toString() {
        return "PreparedStatement#" + id + (alive ? "" : "(finalized)") + "[" + sql + "]";
    }
}
