package io.dqlite4j.sql;

import static io.dqlite4j.sql.SqlLexer.T_DOT;
import static io.dqlite4j.sql.SqlLexer.T_LPAREN;
import static io.dqlite4j.sql.SqlLexer.T_PARAM;
import static io.dqlite4j.sql.SqlLexer.T_RPAREN;
import static io.dqlite4j.sql.SqlLexer.T_WORD;

import java.util.Objects;

/**
 * The shape of the first statement of an SQL text as far as a {@code RETURNING} clause is
 * concerned: its verb, the target table, the conflict handling that decides which rows it touches,
 * and where the top-level {@code RETURNING} keyword and its expressions are. The JDBC driver uses
 * it to emulate {@code INSERT … RETURNING} without ever sending RETURNING to dqlite.
 *
 * <p>Like {@link SqlStatement} this is a single left-to-right scan with SQLite's tokenisation
 * ({@link SqlLexer}), not a parser: text inside {@code '…'} literals, {@code "…"}, {@code `…`} and
 * {@code […]} identifiers and {@code --} / {@code /* *}{@code /} comments never counts as a
 * keyword, parameter or separator, and keywords match ASCII-case-insensitively with SQLite's word
 * boundaries. It reads the statement's head
 * ({@code [WITH …] INSERT [OR x] INTO [schema.]table [AS alias]}, {@code REPLACE INTO …},
 * {@code UPDATE [OR x] …}, {@code DELETE FROM …}) and then watches, at parenthesis depth 0, for
 * {@code ON CONFLICT}, {@code DO UPDATE} and {@code RETURNING}. A word right after {@code .} is a
 * column name ({@code t.returning}), never a keyword. Scanning stops at the first {@code ;}.
 *
 * <p>Instances are immutable.
 */
public final class ReturningClause {

    private final String sql;
    private final StatementKind verb;
    private final String conflictAlgorithm;
    private final String table;
    private final String alias;
    private final boolean upsert;
    private final boolean upsertUpdates;
    private final int returningStart;
    private final int expressionsStart;
    private final int expressionsEnd;
    private final boolean returningHasParameters;
    private final boolean moreStatements;

    /**
     * Scans the first statement of {@code sql}.
     *
     * @param sql the SQL text, exactly as the application gave it
     * @return the scan result; never null
     * @throws NullPointerException if {@code sql} is null
     */
    public static ReturningClause scan(String sql) {
        return new ReturningClause(Objects.requireNonNull(sql, "sql"));
    }

    /** The analysed text, unchanged. */
    public String sql() {
        return sql;
    }

    /**
     * The verb of the first statement: {@link StatementKind#INSERT}, {@link StatementKind#REPLACE},
     * {@link StatementKind#UPDATE} or {@link StatementKind#DELETE} (also after a {@code WITH}
     * clause), otherwise {@link StatementKind#OTHER}.
     */
    public StatementKind verb() {
        return verb;
    }

    /**
     * The conflict algorithm of {@code INSERT OR x} / {@code UPDATE OR x}, upper-cased
     * ({@code "REPLACE"}, {@code "IGNORE"}, {@code "ABORT"}, {@code "FAIL"}, {@code "ROLLBACK"}),
     * or null when there is none. A {@code REPLACE INTO} statement has verb
     * {@link StatementKind#REPLACE} and no conflict algorithm here.
     */
    public String conflictAlgorithm() {
        return conflictAlgorithm;
    }

    /**
     * The target table as written, with its schema if it has one ({@code "book"},
     * {@code main.book}, {@code [my table]}), or null when the head could not be read.
     */
    public String table() {
        return table;
    }

    /** The alias of {@code INSERT INTO t AS alias} (or of UPDATE/DELETE's target), as written; null if none. */
    public String alias() {
        return alias;
    }

    /** Whether the statement has an upsert clause ({@code ON CONFLICT …}) before any RETURNING. */
    public boolean hasUpsert() {
        return upsert;
    }

    /** Whether an upsert clause updates existing rows ({@code ON CONFLICT … DO UPDATE}); false for DO NOTHING only. */
    public boolean upsertUpdates() {
        return upsertUpdates;
    }

    /** Whether the first statement has a top-level RETURNING clause. */
    public boolean hasReturning() {
        return returningStart >= 0;
    }

    /** The offset of the top-level RETURNING keyword in {@link #sql()}, or -1. */
    public int returningOffset() {
        return returningStart;
    }

    /**
     * The RETURNING expressions as written, from after the keyword to the statement's last token
     * (trailing {@code ;}, whitespace and comments excluded); null without RETURNING.
     */
    public String returningExpressions() {
        return returningStart < 0 ? null : sql.substring(expressionsStart, expressionsEnd).strip();
    }

    /**
     * The statement with its RETURNING clause and everything after it removed, trailing whitespace
     * stripped; the text itself without RETURNING. The parameters are unchanged when
     * {@link #returningHasParameters()} is false.
     */
    public String withoutReturning() {
        return returningStart < 0 ? sql : sql.substring(0, returningStart).stripTrailing();
    }

    /** Whether the RETURNING expressions contain a parameter ({@code ?}, {@code ?NNN}, {@code :a}, {@code @a}, {@code $a}). */
    public boolean returningHasParameters() {
        return returningHasParameters;
    }

    /** Whether the text holds further statements after the first {@code ;}. */
    public boolean hasMoreStatements() {
        return moreStatements;
    }

    /** A debugging representation. */
    @Override
    public String toString() {
        return "ReturningClause[verb=" + verb + ", table=" + table + ", alias=" + alias + ", or=" + conflictAlgorithm
                + ", upsert=" + upsert + ", upsertUpdates=" + upsertUpdates + ", returning="
                + returningExpressions() + ", returningParams=" + returningHasParameters + "]";
    }

    // ------------------------------------------------------------------ the scan

    private ReturningClause(String sql) {
        this.sql = sql;
        SqlTokens t = new SqlTokens(sql);
        int count = t.count();
        int i = 0;

        // Skip a WITH clause: the main verb is the first depth-0 word after a CTE body's ')' that is not AS.
        if (i < count && t.isWord(i, "with")) {
            int depth = 0;
            boolean afterClose = false;
            i++;
            while (i < count) {
                int type = t.type(i);
                if (type == T_LPAREN) {
                    depth++;
                    afterClose = false;
                } else if (type == T_RPAREN) {
                    depth = Math.max(0, depth - 1);
                    afterClose = depth == 0;
                } else if (depth == 0) {
                    if (afterClose && type == T_WORD && !t.isWord(i, "as")) {
                        break;
                    }
                    afterClose = false;
                }
                i++;
            }
        }

        StatementKind kind = StatementKind.OTHER;
        String conflict = null;
        String target = null;
        String targetAlias = null;
        if (i < count && t.type(i) == T_WORD) {
            if (t.isWord(i, "insert")) {
                kind = StatementKind.INSERT;
            } else if (t.isWord(i, "replace")) {
                kind = StatementKind.REPLACE;
            } else if (t.isWord(i, "update")) {
                kind = StatementKind.UPDATE;
            } else if (t.isWord(i, "delete")) {
                kind = StatementKind.DELETE;
            }
        }
        if (kind != StatementKind.OTHER) {
            i++;
            if ((kind == StatementKind.INSERT || kind == StatementKind.UPDATE) && i + 1 < count && t.isWord(i, "or")
                    && t.type(i + 1) == T_WORD) {
                conflict = upperAscii(t.text(i + 1));
                i += 2;
            }
            boolean headOk = true;
            if (kind == StatementKind.INSERT || kind == StatementKind.REPLACE) {
                headOk = i < count && t.isWord(i, "into");
                i++;
            } else if (kind == StatementKind.DELETE) {
                headOk = i < count && t.isWord(i, "from");
                i++;
            }
            if (headOk && i < count && t.isName(i)) {
                int from = t.start(i);
                int to = t.end(i);
                i++;
                if (i + 1 < count && t.type(i) == T_DOT && t.isName(i + 1)) {
                    to = t.end(i + 1);
                    i += 2;
                }
                target = sql.substring(from, to);
                if (i + 1 < count && t.isWord(i, "as") && t.isName(i + 1)) {
                    targetAlias = t.text(i + 1);
                    i += 2;
                }
            }
        }

        // The body: depth-0 ON CONFLICT, DO UPDATE and RETURNING.
        boolean onConflict = false;
        boolean doUpdate = false;
        int retStart = -1;
        int exprStart = -1;
        boolean retParams = false;
        int depth = 0;
        for (; i < count; i++) {
            int type = t.type(i);
            if (retStart >= 0) {
                if (type == T_PARAM) {
                    retParams = true;
                }
                continue;
            }
            if (type == T_LPAREN) {
                depth++;
            } else if (type == T_RPAREN) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && type == T_WORD && !(i > 0 && t.type(i - 1) == T_DOT)) {
                if (t.isWord(i, "returning")) {
                    retStart = t.start(i);
                    exprStart = t.end(i);
                } else if (t.isWord(i, "on") && i + 1 < count && t.isWord(i + 1, "conflict")) {
                    onConflict = true;
                } else if (onConflict && t.isWord(i, "do") && i + 1 < count && t.isWord(i + 1, "update")) {
                    doUpdate = true;
                }
            }
        }

        this.verb = kind;
        this.conflictAlgorithm = conflict;
        this.table = target;
        this.alias = targetAlias;
        this.upsert = onConflict;
        this.upsertUpdates = doUpdate;
        this.returningStart = retStart;
        this.expressionsStart = exprStart;
        this.expressionsEnd = count == 0 || retStart < 0 ? exprStart : Math.max(exprStart, t.end(count - 1));
        this.returningHasParameters = retParams;
        this.moreStatements = t.more();
    }

    private static String upperAscii(String s) {
        char[] chars = s.toCharArray();
        for (int j = 0; j < chars.length; j++) {
            if (chars[j] >= 'a' && chars[j] <= 'z') {
                chars[j] = (char) (chars[j] - 32);
            }
        }
        return new String(chars);
    }
}
