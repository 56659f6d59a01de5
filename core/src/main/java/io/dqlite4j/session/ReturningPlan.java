package io.dqlite4j.session;

import io.dqlite4j.sql.ReturningClause;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.dqlite4j.wire.Params;
import java.util.Locale;

/**
 * {@code INSERT … RETURNING} (and generated values of a plain INSERT) without sending RETURNING:
 * the texts and checks of the emulation both drivers run (docs/architecture.md, "RETURNING").
 *
 * <p>Under the write lock ({@code BEGIN IMMEDIATE} in autocommit mode, {@code SAVEPOINT
 * dqlite_returning} inside an open transaction): {@link #maxRowidSql()} gives M0; the INSERT
 * without RETURNING ({@link #dml()}) gives the last insert rowid L and the count N;
 * {@link #rowsSql(boolean)} with {@link #rowsParams(long, long)} reads the rows with rowid in
 * (M0, L]; {@link #mismatch} checks there are N of them, else the INSERT is undone. Every row above
 * M0 was created inside the write lock, so when the check passes the rows are the inserted ones.
 * SQLite names the columns of that SELECT exactly as it names those of a RETURNING clause, so
 * requested generated columns come back under the requested names.
 *
 * <p>Refused before anything is sent ({@link Refused}, 0A000): UPDATE/DELETE/REPLACE (the rows
 * they touch cannot be identified afterwards), {@code INSERT OR …}, {@code ON CONFLICT … DO
 * UPDATE}, parameters inside RETURNING, RETURNING in a text of several statements.
 */
public final class ReturningPlan {
    /** The savepoint the emulation uses inside an open transaction. */
    public static final String SAVEPOINT = "dqlite_returning";
    public static final String BEGIN = "BEGIN IMMEDIATE";
    public static final String SET_SAVEPOINT = "SAVEPOINT " + SAVEPOINT;
    public static final String ROLLBACK_TO = "ROLLBACK TO " + SAVEPOINT;
    public static final String RELEASE = "RELEASE " + SAVEPOINT;
    static final String WHY = "the driver does not send DML with RETURNING to this server (dqlite before 1.18.3 fails "
            + "it and then aborts on its next write)";

    private final String table;
    private final String from;
    private final String dml;
    private final String expressions;

    private ReturningPlan(String table, String alias, String dml, String expressions) {
        this.table = table;
        this.from = alias == null ? table : table + " AS " + alias;
        this.dml = dml;
        this.expressions = expressions;
    }

    /** A refusal of the emulation, before anything was sent. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String sqlState;

        Refused(String message, String sqlState) {
            super(message);
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }
    }

    /**
     * The plan for a DML statement with its own RETURNING clause.
     *
     * @throws Refused when it cannot be emulated
     */
    public static ReturningPlan of(SqlStatement analysis) {
        if (analysis.hasMultipleStatements()) {
            throw refused("DML with RETURNING can only be emulated as a statement of its own, not in a text with "
                    + "several statements: " + WHY + ". Nothing was sent.");
        }
        ReturningClause clause = ReturningClause.scan(analysis.sql());
        if (!clause.hasReturning() || SqlStatement.analyze(clause.withoutReturning()).hasReturning()) {
            throw refused("this statement uses the word RETURNING as a name (a column called returning?): " + WHY
                    + ", and it does not send DML in which the bare word appears. Quote the name (\"returning\"). "
                    + "Nothing was sent.");
        }
        checkInsert(clause);
        if (clause.returningHasParameters()) {
            throw refused("INSERT … RETURNING with parameters inside the RETURNING clause is not supported: " + WHY
                    + ", and its emulation re-runs the RETURNING expressions in a SELECT of its own. Nothing was sent.");
        }
        if (clause.returningExpressions().isEmpty()) {
            throw new Refused("RETURNING without expressions. Nothing was sent.", SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code());
        }
        return new ReturningPlan(clause.table(), clause.alias(), clause.withoutReturning(),
                clause.returningExpressions());
    }

    /**
     * The plan for the generated values of a statement without RETURNING, or null when the
     * statement generates none (anything but INSERT).
     *
     * @param columns the requested columns (as names; quoted names are kept), none: every column
     * @throws Refused when the values cannot be read back (UPDATE, DELETE, REPLACE, INSERT OR …)
     */
    public static ReturningPlan generated(SqlStatement analysis, String[] columns) {
        if (analysis.hasReturning() && analysis.isDml()) {
            return of(analysis);
        }
        StatementKind kind = analysis.kind();
        if (!analysis.isDml() || analysis.hasMultipleStatements()) {
            if (analysis.hasMultipleStatements() && analysis.isDml()) {
                throw refused("generated values can only be returned for one INSERT, not for a text with several "
                        + "statements. Nothing was sent.");
            }
            return null;
        }
        ReturningClause clause = ReturningClause.scan(analysis.sql());
        if (kind != StatementKind.INSERT) {
            throw refused("generated values of " + kind + " are not supported: " + WHY + ", and the rows an " + kind
                    + " touches cannot be identified afterwards. Nothing was sent.");
        }
        checkInsert(clause);
        return new ReturningPlan(clause.table(), clause.alias(), analysis.trimmedSql(), columnList(columns));
    }

    private static void checkInsert(ReturningClause clause) {
        StatementKind verb = clause.verb();
        if (verb == StatementKind.UPDATE || verb == StatementKind.DELETE || verb == StatementKind.REPLACE) {
            throw refused(verb + " … RETURNING is not supported: " + WHY + ", and it can emulate RETURNING only for a "
                    + "plain INSERT, whose new rows it can find by rowid; the rows an " + verb + " touches cannot be "
                    + "identified afterwards. Nothing was sent. Run the " + verb + " and a SELECT in one transaction "
                    + "instead.");
        }
        if (verb != StatementKind.INSERT || clause.table() == null) {
            throw refused("this statement with RETURNING is not supported: " + WHY + ", and it emulates RETURNING only "
                    + "for INSERT INTO table …, which it could not recognise here. Nothing was sent.");
        }
        if (clause.conflictAlgorithm() != null) {
            throw refused("INSERT OR " + clause.conflictAlgorithm() + " … RETURNING is not supported: " + WHY
                    + ", and it emulates RETURNING only for a plain INSERT (with at most ON CONFLICT DO NOTHING). "
                    + "Nothing was sent.");
        }
        if (clause.upsertUpdates()) {
            throw refused("INSERT … ON CONFLICT DO UPDATE … RETURNING is not supported: " + WHY + ", and the rows an "
                    + "upsert updates cannot be identified afterwards (only inserted rows get new rowids). "
                    + "Nothing was sent.");
        }
    }

    /** The requested columns as a select list, each quoted unless the caller quoted it. */
    public static String columnList(String[] columns) {
        if (columns == null || columns.length == 0) {
            return "*";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String name = columns[i];
            char first = name.charAt(0);
            sb.append(first == '"' || first == '`' || first == '[' ? name : '"' + name.replace("\"", "\"\"") + '"');
        }
        return sb.toString();
    }

    private static Refused refused(String message) {
        return new Refused(message, SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    /**
     * The text that asks a server to return {@code columns} natively: the single DML statement
     * {@code sql} (a trailing semicolon dropped) with a RETURNING clause naming them.
     */
    public static String withReturning(String sql, String[] columns) {
        String s = sql.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s + "\nRETURNING " + columnList(columns);
    }

    public String table() {
        return table;
    }

    /** The INSERT to run, without RETURNING. */
    public String dml() {
        return dml;
    }

    public String maxRowidSql() {
        return "SELECT coalesce(max(rowid), 0) FROM " + table;
    }

    /** The SELECT that reads the inserted rows back; {@code none}: no row was inserted (still names the columns). */
    public String rowsSql(boolean none) {
        return none ? "SELECT " + expressions + " FROM " + from + " WHERE 0"
                : "SELECT " + expressions + " FROM " + from + " WHERE rowid > ? AND rowid <= ? ORDER BY rowid";
    }

    public Params rowsParams(long maxRowidBefore, long lastInsertId) {
        return Params.of(maxRowidBefore, lastInsertId);
    }

    /**
     * Null when the rows read are the inserted ones, else why not (the INSERT must be undone).
     *
     * @param inserted N, the INSERT's change count
     * @param found the rows read back
     */
    public String mismatch(long inserted, long found, long maxRowidBefore, long lastInsertId) {
        if (inserted == 0 || (found == inserted && lastInsertId > maxRowidBefore)) {
            return null;
        }
        return "INSERT … RETURNING cannot be emulated for this statement: it inserted " + inserted + " row(s), but "
                + found + " row(s) of " + table + " lie between the old maximum rowid " + maxRowidBefore + " and the "
                + "last insert rowid " + lastInsertId + " (rows updated instead of inserted, explicit rowids at or "
                + "below the old maximum, or triggers inserting into the same table). " + WHY + ". The INSERT was "
                + "rolled back. Nothing was applied.";
    }

    /** Whether the max-rowid step failed because the table has no rowid (WITHOUT ROWID, a view). */
    public static boolean isNoRowid(String message) {
        String msg = String.valueOf(message).toLowerCase(Locale.ROOT);
        return msg.contains("no such column") && msg.contains("rowid");
    }

    public String noRowidMessage() {
        return "INSERT … RETURNING is not supported for " + table + ", which has no rowid (a WITHOUT ROWID table or a "
                + "view): " + WHY + ", and it finds the inserted rows by rowid. Nothing was applied.";
    }
}
