/**
 * What the drivers need to know about SQL text without a parser:
 * {@link io.dqlite4j.sql.SqlStatement} classifies a statement (kind, placeholders, RETURNING,
 * transaction verbs, savepoint names, several statements in one text) and splits a script, and
 * {@link io.dqlite4j.sql.TransactionTracker} follows the transaction and savepoint state a
 * connection is in from the statements it runs. Shared by the JDBC and R2DBC drivers.
 *
 * <p>Every reader here tokenizes with one lexer, {@link io.dqlite4j.sql.SqlLexer}, so that
 * literals, quoted identifiers, comments and parameters mean the same thing to all of them, and
 * the same as to SQLite.
 *
 * <p><b>For this project's modules only</b>, public because other packages and modules of the
 * project use them, not an API for applications, and free to change in any release:
 * {@link io.dqlite4j.sql.SqlLexer} (also used by the jOOQ extension),
 * {@link io.dqlite4j.sql.TableDefinition} and {@link io.dqlite4j.sql.IndexDefinition} (the
 * CREATE statements as the JDBC metadata reads them), {@link io.dqlite4j.sql.ReturningClause} and
 * {@link io.dqlite4j.sql.MultiRowInsert} (the JDBC driver's RETURNING emulation and batch
 * rewriting). {@code SqlTokens} is package-private.
 */
package io.dqlite4j.sql;
