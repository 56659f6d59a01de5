/**
 * jOOQ integration for dqlite.
 *
 * <ul>
 *   <li>{@link io.dqlite4j.jooq.DqliteDSL}: {@code DSLContext}s and {@code Configuration}s preset
 *       for dqlite ({@code SQLDialect.SQLITE}, settings, transaction provider, listener), and the
 *       RETURNING strategy.</li>
 *   <li>{@link io.dqlite4j.jooq.DqliteTransactionProvider}: BEGIN/COMMIT/ROLLBACK and bare-ASCII
 *       savepoints for {@code transaction}/{@code transactionResult}.</li>
 *   <li>{@link io.dqlite4j.jooq.DqliteExecuteListener}: transaction rules, a guard against SQL
 *       that SQLite cannot run, exception translation, slow-statement logging.</li>
 *   <li>{@link io.dqlite4j.jooq.DqliteTransactions}: opt-in retries of whole transactions.</li>
 *   <li>Exceptions, all {@link org.jooq.exception.DataAccessException}s with the driver's
 *       {@link java.sql.SQLException} as cause:
 *       {@link io.dqlite4j.jooq.DqliteInDoubtException} (SQLState 08007, never retried),
 *       {@link io.dqlite4j.jooq.DqliteConnectionLostException} (class 08),
 *       {@link io.dqlite4j.jooq.DqliteBusyException} (class 40). Constraint violations are jOOQ's
 *       own {@link org.jooq.exception.IntegrityConstraintViolationException}.</li>
 *   <li>{@link io.dqlite4j.jooq.binding}: bindings for dqlite's DATETIME and BOOLEAN columns.</li>
 * </ul>
 */
package io.dqlite4j.jooq;
