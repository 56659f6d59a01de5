package io.dqlite4j.jdbc;

import io.dqlite4j.sql.SqlState;
import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint set through {@link java.sql.Connection#setSavepoint()}. */
final class DqliteSavepoint implements Savepoint {
    private final int id;
    private final String name;
    private final boolean named;

    DqliteSavepoint(int id, String name, boolean named) {
        this.id = id;
        this.name = name;
        this.named = named;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (named) {
            throw new SQLException("savepoint '" + name + "' is named; use getSavepointName()", SqlState.GENERAL_ERROR.code());
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (!named) {
            throw new SQLException("savepoint " + id + " is unnamed; use getSavepointId()", SqlState.GENERAL_ERROR.code());
        }
        return name;
    }

    /** The name sent to the server (also for unnamed savepoints: dqlite_sp_N). */
    String serverName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
