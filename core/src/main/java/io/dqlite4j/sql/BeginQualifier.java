package io.dqlite4j.sql;

/**
 * The locking qualifier written after {@code BEGIN}. Only {@link #NONE} is ever rewritten by
 * {@link SqlStatement#rewriteBegin}: an explicit qualifier is the user's choice and is kept.
 */
public enum BeginQualifier {
    /** No qualifier ({@code BEGIN} or {@code BEGIN TRANSACTION}); also reported for statements that are not BEGIN. */
    NONE,
    /** {@code BEGIN DEFERRED}. */
    DEFERRED,
    /** {@code BEGIN IMMEDIATE}. */
    IMMEDIATE,
    /** {@code BEGIN EXCLUSIVE}. */
    EXCLUSIVE
}
