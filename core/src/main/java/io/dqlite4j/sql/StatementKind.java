package io.dqlite4j.sql;

/**
 * The kind of one SQL statement, decided from its leading keyword(s) by {@link SqlStatement#analyze}.
 *
 * <p>The kinds are the distinctions the driver acts on: which wire request to use (QUERY_SQL for
 * row-returning statements, EXEC_SQL otherwise), whether the result carries an affected-row count
 * or a last insert id, and whether the statement changes the connection's transaction state.
 */
public enum StatementKind {
    /** A query: {@code SELECT}, {@code VALUES}, {@code WITH … SELECT}, {@code EXPLAIN …}, or {@code (SELECT …)}. */
    SELECT,
    /** {@code INSERT …}, including {@code INSERT OR …} and {@code WITH … INSERT}. */
    INSERT,
    /** {@code REPLACE …}, including {@code WITH … REPLACE}. */
    REPLACE,
    /** {@code UPDATE …}, including {@code WITH … UPDATE}. */
    UPDATE,
    /** {@code DELETE …}, including {@code WITH … DELETE}. */
    DELETE,
    /** {@code BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION]}. */
    BEGIN,
    /** {@code COMMIT [TRANSACTION]} or its synonym {@code END [TRANSACTION]}. */
    COMMIT,
    /** {@code ROLLBACK [TRANSACTION]} without {@code TO}: ends the whole transaction. */
    ROLLBACK,
    /** {@code ROLLBACK [TRANSACTION] TO [SAVEPOINT] name}: unwinds to a savepoint, the transaction stays open. */
    ROLLBACK_TO,
    /** {@code SAVEPOINT name}. */
    SAVEPOINT,
    /** {@code RELEASE [SAVEPOINT] name}. */
    RELEASE,
    /** {@code PRAGMA …}. */
    PRAGMA,
    /** Schema and database-level statements: CREATE, DROP, ALTER, REINDEX, ANALYZE, VACUUM, ATTACH, DETACH. */
    DDL,
    /** Anything else that is not empty (unknown verbs, syntax errors). */
    OTHER,
    /** Text that holds only whitespace, comments and {@code ;}: there is nothing to run. */
    EMPTY;

    /** True for the data-changing kinds INSERT, REPLACE, UPDATE and DELETE. */
    public boolean isDml() {
        return this == INSERT || this == REPLACE || this == UPDATE || this == DELETE;
    }

    /**
     * True for every kind that can change the transaction or savepoint state of a connection:
     * BEGIN, COMMIT, ROLLBACK, ROLLBACK_TO, SAVEPOINT and RELEASE. The driver refuses these in
     * batches and treats a failed multi-statement text containing one as leaving unknown state.
     */
    public boolean isTransactionVerb() {
        return this == BEGIN || this == COMMIT || this == ROLLBACK || this == ROLLBACK_TO
                || this == SAVEPOINT || this == RELEASE;
    }
}
