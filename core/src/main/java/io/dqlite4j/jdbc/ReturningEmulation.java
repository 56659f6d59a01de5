package io.dqlite4j.jdbc;

import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.wire.Params;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** STUB (being implemented): emulation of INSERT ... RETURNING without sending RETURNING. */
final class ReturningEmulation {
    private ReturningEmulation() {
    }

    static ResultSet execute(DqliteStatement statement, SqlStatement analysis, Params params) throws SQLException {
        throw new SQLFeatureNotSupportedException("DML with RETURNING is not sent to dqlite: the server fails it and "
                + "aborts on its next write (verified on 1.11.1 and 1.18.1)", "0A000");
    }
}
