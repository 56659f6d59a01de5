/**
 * What the drivers need to know about SQL text without a parser:
 * {@link io.dqlite4j.sql.SqlStatement} classifies a statement (kind, placeholders, RETURNING,
 * transaction verbs, savepoint names, several statements in one text) with a lexer that respects
 * SQLite's quoting and comments, and {@link io.dqlite4j.sql.TransactionTracker} follows the
 * transaction and savepoint state a connection is in from the statements it runs. Shared by the
 * JDBC and R2DBC drivers.
 */
package io.dqlite4j.sql;
