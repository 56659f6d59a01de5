package io.dqlite4j.r2dbc;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.ErrorCodes;
import io.dqlite4j.client.SqlFailure;
import io.dqlite4j.sql.SqlState;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.sql.SQLException;

/**
 * Maps failures to {@link R2dbcException} subclasses. The SQLState, vendor code and message are
 * exactly the JDBC driver's (both decide through {@link io.dqlite4j.client.SqlFailure}), so both drivers classify a failure alike;
 * the subclass follows the SQLState class the way r2dbc-postgresql and Spring expect:
 *
 * <table>
 *   <caption>SQLState to R2DBC exception</caption>
 *   <tr><th>SQLState</th><th>exception</th></tr>
 *   <tr><td>08007 (ambiguous commit)</td><td>{@link DqliteInDoubtR2dbcException}</td></tr>
 *   <tr><td>08S01 (protocol broken), 08003 (closed)</td><td>{@link R2dbcNonTransientResourceException}</td></tr>
 *   <tr><td>other 08 (not leader, connection lost, no leader)</td><td>{@link R2dbcTransientResourceException}</td></tr>
 *   <tr><td>23xxx</td><td>{@link R2dbcDataIntegrityViolationException}</td></tr>
 *   <tr><td>40001 (SQLITE_BUSY / LOCKED)</td><td>{@link R2dbcRollbackException}</td></tr>
 *   <tr><td>42xxx, 22xxx</td><td>{@link R2dbcBadGrammarException} (SQLITE_AUTH: {@link R2dbcPermissionDeniedException})</td></tr>
 *   <tr><td>HYT00</td><td>{@link R2dbcTimeoutException}</td></tr>
 *   <tr><td>anything else (25xxx, 3B001, 0A000, HY000 …)</td><td>{@link R2dbcNonTransientResourceException}</td></tr>
 * </table>
 * The original dqlite exception is the cause.
 */
final class R2dbcExceptions {
    private static final int SQLITE_AUTH = 23;

    private R2dbcExceptions() {
    }

    /** Maps any failure; an {@link R2dbcException} (after unwrapping) is returned unchanged. */
    static R2dbcException map(Throwable t) {
        Throwable e = DqliteConnection.unwrap(t);
        if (e instanceof R2dbcException r) {
            return r;
        }
        if (e instanceof SQLException sql) {
            return byState(sql.getMessage(), sql.getSQLState(), sql.getErrorCode(),
                    sql.getCause() != null ? sql.getCause() : sql);
        }
        SqlFailure f = SqlFailure.of(null, e);
        return byState(f.message(), f.state().code(), f.vendorCode(), f.cause());
    }

    /** The R2DBC exception for a SQLState, as the class comment describes. */
    static R2dbcException byState(String message, String state, int code, Throwable cause) {
        String s = state == null ? SqlState.GENERAL_ERROR.code() : state;
        if (s.equals(DqliteInDoubtR2dbcException.SQL_STATE)) {
            return new DqliteInDoubtR2dbcException(message, code, cause);
        }
        if (s.startsWith("08")) {
            if (s.equals(SqlState.COMMUNICATION_LINK_FAILURE.code()) || s.equals(SqlState.CONNECTION_DOES_NOT_EXIST.code())) {
                return new R2dbcNonTransientResourceException(message, s, code, cause);
            }
            return new R2dbcTransientResourceException(message, s, code, cause);
        }
        if (s.startsWith("23")) {
            return new R2dbcDataIntegrityViolationException(message, s, code, cause);
        }
        if (s.startsWith("40")) {
            return new R2dbcRollbackException(message, s, code, cause);
        }
        if (s.startsWith("42") || s.startsWith("22")) {
            if (ErrorCodes.primary(code) == SQLITE_AUTH && code != 0) {
                return new R2dbcPermissionDeniedException(message, s, code, cause);
            }
            return new R2dbcBadGrammarException(message, s, code, cause);
        }
        if (s.equals(SqlState.TIMEOUT_EXPIRED.code())) {
            return new R2dbcTimeoutException(message, s, code, cause);
        }
        return new R2dbcNonTransientResourceException(message, s, code, cause);
    }

    /** The transaction is gone because the connection to the leader broke (08006, retry the whole transaction). */
    static R2dbcTransientResourceException transactionLost(Throwable cause) {
        String why = cause == null ? "" : " (" + DqliteConnection.unwrap(cause).getMessage() + ")";
        return new R2dbcTransientResourceException("the transaction was rolled back because the connection to the "
                + "leader broke" + why + "; roll back and retry the whole transaction", SqlState.CONNECTION_FAILURE.code(), code(cause), cause);
    }

    /** The connection was closed by the application (08003). */
    static R2dbcNonTransientResourceException closed() {
        return new R2dbcNonTransientResourceException("connection is closed", SqlState.CONNECTION_DOES_NOT_EXIST.code());
    }

    static int code(Throwable cause) {
        Throwable e = cause == null ? null : DqliteConnection.unwrap(cause);
        if (e instanceof io.dqlite4j.client.DqliteException d && d.code() >= 0 && d.code() <= Integer.MAX_VALUE) {
            return (int) d.code();
        }
        return 0;
    }
}
