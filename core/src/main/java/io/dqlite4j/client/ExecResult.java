package io.dqlite4j.client;

/**
 * What EXEC or EXEC_SQL reports. Both values are SQLite's connection-level counters after the
 * statement: they are not reset by statements that change no rows, so after DDL, BEGIN or COMMIT
 * they still show the last DML statement's values (docs/protocol.md §6).
 *
 * @param lastInsertId the last inserted rowid (signed)
 * @param rowsAffected rows changed by the last DML statement
 */
public record ExecResult(long lastInsertId, long rowsAffected) {
}
