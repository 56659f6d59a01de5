package io.dqlite4j.sql;

/**
 * The SQLStates the driver reports, with what each one means for the caller.
 *
 * <p>Only the first two characters (the class) drive most tooling: jOOQ turns class 22 into
 * {@code DataException} and 23 into {@code IntegrityConstraintViolationException}; HikariCP evicts
 * a pooled connection on class 08; Spring and jOOQ treat 40001 as a retryable serialization
 * failure. The full five-character codes follow SQL:2011 where one exists, the ODBC {@code HY}
 * codes otherwise, and PostgreSQL's subclasses where SQL leaves only the generic one.
 */
public enum SqlState {
    /** Class 08: the connection failed while in use (socket loss, node stopped being the leader). */
    CONNECTION_FAILURE("08006", "connection failure"),
    /** Class 08: no connection could be established (no leader found within the connect budget). */
    CONNECTION_UNABLE_TO_CONNECT("08001", "SQL client unable to establish SQL connection"),
    /**
     * Class 08: the connection failed after a COMMIT (or an autocommit write) was sent; whether
     * it was applied is unknown.
     */
    TRANSACTION_RESOLUTION_UNKNOWN("08007", "transaction resolution unknown"),
    /** Class 08: the server broke the wire protocol; the connection cannot be trusted any more. */
    COMMUNICATION_LINK_FAILURE("08S01", "communication link failure"),

    /** Class 0A: the requested operation is not supported by the driver or the server. */
    FEATURE_NOT_SUPPORTED("0A000", "feature not supported"),

    /** Class 22: a generic data error (for example a STRICT table's type mismatch). */
    DATA_EXCEPTION("22000", "data exception"),
    /** Class 22: a string or blob is larger than the server accepts. */
    STRING_DATA_RIGHT_TRUNCATION("22001", "string data, right truncation"),
    /** Class 22: a parameter or value is invalid (bad bind index, unconvertible value). */
    INVALID_PARAMETER_VALUE("22023", "invalid parameter value"),

    /** Class 23: a constraint failed and no more specific subclass applies. */
    INTEGRITY_CONSTRAINT_VIOLATION("23000", "integrity constraint violation"),
    /** Class 23: a NOT NULL constraint failed. */
    NOT_NULL_VIOLATION("23502", "not null violation"),
    /** Class 23: a FOREIGN KEY constraint failed. */
    FOREIGN_KEY_VIOLATION("23503", "foreign key violation"),
    /** Class 23: a UNIQUE or PRIMARY KEY constraint failed. */
    UNIQUE_VIOLATION("23505", "unique violation"),
    /** Class 23: a CHECK constraint failed. */
    CHECK_VIOLATION("23514", "check violation"),

    /** Class 25: the statement is not valid in the current transaction state. */
    INVALID_TRANSACTION_STATE("25000", "invalid transaction state"),
    /** Class 25: BEGIN was issued while a transaction is already open. */
    ACTIVE_SQL_TRANSACTION("25001", "active SQL transaction"),
    /** Class 25: a write was attempted on a read-only database. */
    READ_ONLY_SQL_TRANSACTION("25006", "read-only SQL transaction"),

    /** Class 3B: the named savepoint does not exist. */
    INVALID_SAVEPOINT_SPECIFICATION("3B001", "invalid savepoint specification"),

    /**
     * Class 40: the database was busy or locked by another writer; the transaction did not happen
     * and may be retried as a whole.
     */
    SERIALIZATION_FAILURE("40001", "serialization failure"),

    /** Class 42: syntax error or access rule violation (also authorization failures). */
    SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000", "syntax error or access rule violation"),
    /** Class 42: the statement names a table or view that does not exist. */
    UNDEFINED_TABLE("42S02", "base table or view not found"),
    /** Class 42: the statement names a column that does not exist. */
    UNDEFINED_COLUMN("42S22", "column not found"),

    /** Class HY: the operation was canceled before it completed. */
    NO_DATA("02000", "no data"),
    WRONG_PARAMETER_COUNT("07001", "wrong number of parameters"),
    INVALID_DESCRIPTOR_INDEX("07009", "invalid descriptor index"),
    CONNECTION_DOES_NOT_EXIST("08003", "connection does not exist"),
    CARDINALITY_VIOLATION("21000", "cardinality violation"),
    NUMERIC_VALUE_OUT_OF_RANGE("22003", "numeric value out of range"),
    INVALID_CHARACTER_VALUE_FOR_CAST("22018", "invalid character value for cast"),
    CHARACTER_NOT_IN_REPERTOIRE("22021", "character not in repertoire"),
    INVALID_CURSOR_STATE("24000", "invalid cursor state"),
    FUNCTION_SEQUENCE_ERROR("HY010", "function sequence error"),

    OPERATION_CANCELED("HY008", "operation canceled"),
    /** Class HY: the operation did not complete within its timeout. */
    TIMEOUT_EXPIRED("HYT00", "timeout expired"),
    /** Class HY: any failure without a more specific state. */
    GENERAL_ERROR("HY000", "general error");

    private final String code;
    private final String description;

    SqlState(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The five-character SQLState, as returned by {@link java.sql.SQLException#getSQLState()}. */
    public String code() {
        return code;
    }

    /** A short human-readable description of the state. */
    public String description() {
        return description;
    }

    /** Whether {@code sqlState} is non-null and in class 08 (connection exception). */
    public static boolean isConnectionError(String sqlState) {
        return sqlState != null && sqlState.startsWith("08");
    }
}
