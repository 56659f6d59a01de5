package io.dqlite4j.jdbc;

import io.dqlite4j.session.Session;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PRAGMAs the driver answers itself. dqlite's authorizer denies {@code PRAGMA busy_timeout}
 * (there is no server-side busy timeout: a conflicting write fails at once), so the driver reads
 * and sets the budget of its own SQLITE_BUSY retries instead: {@code PRAGMA busy_timeout},
 * {@code PRAGMA busy_timeout = N} and {@code PRAGMA busy_timeout(N)}, N in milliseconds.
 */
final class LocalPragmas {
    private LocalPragmas() {
    }

    static boolean isBusyTimeout(SqlStatement analysis) {
        return Session.isBusyTimeoutPragma(analysis);
    }

    static ResultSet busyTimeout(DqliteStatement statement, String sql) throws SQLException {
        long millis;
        try {
            millis = statement.connection.session().applyBusyTimeoutPragma(sql);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), SqlState.INVALID_PARAMETER_VALUE.code(), e);
        }
        return ResultSets.single(statement, "busy_timeout", millis);
    }
}
