package io.dqlite4j.jdbc;

import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

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
        if (analysis.kind() != StatementKind.PRAGMA || analysis.hasMultipleStatements()) {
            return false;
        }
        String s = analysis.sql().strip().toLowerCase(Locale.ROOT);
        return s.startsWith("pragma") && s.substring(6).strip().replace("main.", "").startsWith("busy_timeout");
    }

    static ResultSet busyTimeout(DqliteStatement statement, String sql) throws SQLException {
        String s = sql.strip();
        int eq = s.indexOf('=');
        int paren = s.indexOf('(');
        int at = eq >= 0 ? eq : paren;
        if (at >= 0) {
            String value = s.substring(at + 1).replace(")", "").replace(";", "").strip();
            long millis;
            try {
                millis = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new SQLException("PRAGMA busy_timeout expects an integer number of milliseconds, not '" + value + "'",
                        SqlState.INVALID_PARAMETER_VALUE.code(), e);
            }
            statement.connection.busyTimeoutMillis(millis < 0 || millis > Integer.MAX_VALUE ? 0 : millis);
        }
        return ResultSets.single(statement, "busy_timeout", statement.connection.busyTimeoutMillis());
    }
}
