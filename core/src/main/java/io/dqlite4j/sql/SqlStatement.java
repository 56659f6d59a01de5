package io.dqlite4j.sql;

import static io.dqlite4j.sql.SqlLexer.T_COMMA;
import static io.dqlite4j.sql.SqlLexer.T_DOT;
import static io.dqlite4j.sql.SqlLexer.T_EOF;
import static io.dqlite4j.sql.SqlLexer.T_EQ;
import static io.dqlite4j.sql.SqlLexer.T_LITERAL;
import static io.dqlite4j.sql.SqlLexer.T_LPAREN;
import static io.dqlite4j.sql.SqlLexer.T_NUMBER;
import static io.dqlite4j.sql.SqlLexer.T_OTHER;
import static io.dqlite4j.sql.SqlLexer.T_PARAM;
import static io.dqlite4j.sql.SqlLexer.T_QUOTED_ID;
import static io.dqlite4j.sql.SqlLexer.T_RPAREN;
import static io.dqlite4j.sql.SqlLexer.T_SEMI;
import static io.dqlite4j.sql.SqlLexer.T_WORD;


import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The immutable analysis of one SQL text: what kind of statement it is, whether it returns rows,
 * how many parameters it takes, how many statements it holds, and which savepoint it names.
 *
 * <p>The analysis runs on every JDBC execute, so it is a single left-to-right pass over the text
 * with SQLite's own tokenisation rules ({@link SqlLexer}) and no regular expressions; for ordinary
 * SQL it allocates nothing except the returned object. It is not a parser: it looks at the leading
 * keywords of the statement, plus a few tokens it must see anywhere (the keyword
 * {@code RETURNING}, parameters, {@code =} in a PRAGMA, {@code ;}). Text inside {@code '…'}
 * literals, {@code "…"}, {@code `…`} and {@code […]} identifiers and {@code --} /
 * {@code /* *}{@code /} comments never counts as a keyword, parameter or separator.
 *
 * <p><b>Several statements.</b> A text may hold several top-level statements separated by
 * {@code ;}. Empty statements (nothing but whitespace and comments between two {@code ;}) are not
 * counted. A {@code ;} inside a {@code CREATE [TEMP|TEMPORARY] TRIGGER … BEGIN … END} body does not
 * separate statements; nested {@code CASE … END} (and nested {@code BEGIN … END}) inside a trigger is
 * tracked so that the body's own {@code END} is found. {@link #kind()}, {@link #returnsRows()},
 * {@link #hasReturning()}, {@link #beginQualifier()} and {@link #savepointName()} describe the
 * <em>first</em> statement; {@link #placeholderCount()} and {@link #statementCount()} describe the
 * whole text; {@link #statements()} gives each statement its own analysis.
 *
 * <p><b>Keywords</b> are matched case-insensitively with SQLite's word boundaries: letters, digits,
 * {@code _}, {@code $} and every non-ASCII character are word characters, so {@code BEGIN_x} or
 * {@code COMMITé} are identifiers. A leading UTF-8 byte-order mark and leading whitespace and
 * comments are skipped.
 *
 * <p><b>Known limit.</b> Inside a trigger body, a column named {@code end} written bare (not
 * {@code t.end}, not quoted) is taken as the end of a block; the statement count of such a text is
 * then wrong. SQLite accepts the name, but quoting it avoids the ambiguity.
 */
public final class SqlStatement {

    /** U+FEFF, the byte-order mark an editor may leave at the start of an SQL file. */
    private static final char BOM = '\uFEFF';
    /*
     * Analyses are immutable and applications (jOOQ above all, which renders and prepares its SQL
     * anew for every execution) repeat a few hundred texts, so they are remembered, boundedly.
     */
    private static final int CACHE_LIMIT = 2048;
    private static final int CACHEABLE_LENGTH = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, SqlStatement> ANALYSES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The type of the token before the first one of a statement: none of SqlLexer's types. */
    private static final int T_NONE = -1;

    // The keywords the scan reacts to; K_NONE for every other word.
    private static final int K_NONE = 0;
    private static final int K_AS = 1;
    private static final int K_TO = 2;
    private static final int K_END = 3;
    private static final int K_WITH = 4;
    private static final int K_DROP = 5;
    private static final int K_TEMP = 6;
    private static final int K_CASE = 7;
    private static final int K_BEGIN = 8;
    private static final int K_ALTER = 9;
    private static final int K_SELECT = 10;
    private static final int K_VALUES = 11;
    private static final int K_INSERT = 12;
    private static final int K_UPDATE = 13;
    private static final int K_DELETE = 14;
    private static final int K_COMMIT = 15;
    private static final int K_PRAGMA = 16;
    private static final int K_CREATE = 17;
    private static final int K_VACUUM = 18;
    private static final int K_ATTACH = 19;
    private static final int K_DETACH = 20;
    private static final int K_EXPLAIN = 21;
    private static final int K_REPLACE = 22;
    private static final int K_RELEASE = 23;
    private static final int K_REINDEX = 24;
    private static final int K_ANALYZE = 25;
    private static final int K_TRIGGER = 26;
    private static final int K_ROLLBACK = 27;
    private static final int K_DEFERRED = 28;
    private static final int K_SAVEPOINT = 29;
    private static final int K_IMMEDIATE = 30;
    private static final int K_EXCLUSIVE = 31;
    private static final int K_RETURNING = 32;
    private static final int K_TEMPORARY = 33;
    private static final int K_TRANSACTION = 34;

    // Phases of the small state machine that classifies the first statement.
    private static final int P_START = 0;       // nothing seen yet
    private static final int P_PAREN = 1;       // only '(' seen: a parenthesised query may follow
    private static final int P_DONE = 2;        // kind decided; only RETURNING still matters
    private static final int P_WITH = 3;        // inside the CTE list, looking for the main verb
    private static final int P_BEGIN = 4;       // after BEGIN
    private static final int P_BEGIN_TX = 5;    // after BEGIN TRANSACTION
    private static final int P_RB = 6;          // after ROLLBACK
    private static final int P_RB_TX = 7;       // after ROLLBACK TRANSACTION
    private static final int P_RB_TX_NAME = 8;  // after ROLLBACK TRANSACTION name (SQLite allows a name there)
    private static final int P_SP_KEYWORD = 9;  // after RELEASE / ROLLBACK … TO: optional SAVEPOINT keyword
    private static final int P_SP_NAME = 10;    // expecting the savepoint name
    private static final int P_SP_AFTER = 11;   // after the name: any further token makes it untracked
    private static final int P_PRAGMA = 12;     // PRAGMA: watching for '='

    private final String sql;
    private final StatementKind kind;
    private final BeginQualifier beginQualifier;
    private final boolean returnsRows;
    private final boolean hasReturning;
    private final boolean bareBegin;
    private final int placeholderCount;
    private final int statementCount;
    private final String savepointName;
    /** Where {@link #trimmedSql()} cuts the text: just after a final top-level ';', else the length. */
    private final int trimEnd;
    /** Start/end pairs of each statement's significant text; null unless there are two or more. */
    private final int[] spans;

    /** A known analysis for an equal text held in another String instance. */
    private SqlStatement(SqlStatement known, String sameText) {
        this.sql = sameText;
        this.kind = known.kind;
        this.beginQualifier = known.beginQualifier;
        this.returnsRows = known.returnsRows;
        this.hasReturning = known.hasReturning;
        this.bareBegin = known.bareBegin;
        this.placeholderCount = known.placeholderCount;
        this.statementCount = known.statementCount;
        this.savepointName = known.savepointName;
        this.trimEnd = known.trimEnd;
        this.spans = known.spans;
    }

    /**
     * Analyses one SQL text.
     *
     * @param sql the text exactly as the application gave it
     * @return the analysis; never null
     * @throws NullPointerException if {@code sql} is null
     */
    public static SqlStatement analyze(String sql) {
        Objects.requireNonNull(sql, "sql");
        if (sql.length() > CACHEABLE_LENGTH) {
            return new SqlStatement(sql, true);
        }
        SqlStatement known = ANALYSES.get(sql);
        if (known != null) {
            // The analysis carries the caller's own instance, as a fresh one would.
            return known.sql == sql ? known : new SqlStatement(known, sql);
        }
        SqlStatement fresh = new SqlStatement(sql, true);
        if (ANALYSES.size() >= CACHE_LIMIT) {
            ANALYSES.clear(); // a flood of one-off texts restarts the cache rather than growing it
        }
        ANALYSES.put(sql, fresh);
        return fresh;
    }

    /**
     * Splits a text into its top-level statements, each with its own analysis. See {@link #statements()}.
     *
     * @param sql the text to split
     * @return the statements in order; empty for whitespace/comment-only text
     * @throws NullPointerException if {@code sql} is null
     */
    public static List<SqlStatement> split(String sql) {
        return analyze(sql).statements();
    }

    /**
     * Applies the connection's session mode to a bare BEGIN: a text that is
     * exactly {@code BEGIN} or {@code BEGIN TRANSACTION}, optionally followed by one {@code ;} and
     * whitespace or comments, becomes {@code beginStatement} (the session mode's). A BEGIN with an explicit
     * DEFERRED, IMMEDIATE or EXCLUSIVE qualifier is the user's choice and is never rewritten, nor is
     * any other shape ({@code BEGIN TRANSACTION name}, {@code BEGIN; INSERT …}).
     *
     * @param statement an analysed text
     * @param beginStatement the BEGIN the connection opens transactions with
     * @return the text to send: {@code beginStatement}, or {@code statement.sql()} unchanged
     * @throws NullPointerException if an argument is null
     */
    public static String rewriteBegin(SqlStatement statement, String beginStatement) {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(beginStatement, "beginStatement");
        return statement.bareBegin ? beginStatement : statement.sql;
    }

    /**
     * Removes whitespace and comments that follow the final top-level {@code ;}. dqlite 1.11.1
     * answers EXEC_SQL with RESULT {0, 0} (losing the last insert id and change count) when
     * anything follows the last {@code ;} (docs/protocol.md §5.2), so the driver sends the trimmed text.
     * Text that does not end with a top-level {@code ;} is returned unchanged, because it does not
     * trigger the quirk.
     *
     * @param sql the text to trim
     * @return the trimmed text; the same instance when there was nothing to remove
     * @throws NullPointerException if {@code sql} is null
     */
    public static String trimTrailing(String sql) {
        return analyze(sql).trimmedSql();
    }

    /** The analysed text, unchanged. */
    public String sql() {
        return sql;
    }

    /** The kind of the first statement; {@link StatementKind#EMPTY} if there is none. */
    public StatementKind kind() {
        return kind;
    }

    /**
     * Whether the first statement produces rows and so must be sent as QUERY_SQL: a SELECT,
     * VALUES, EXPLAIN or parenthesised query, a WITH whose main statement is a query, a PRAGMA
     * without {@code =} (a PRAGMA read), or any statement containing the keyword RETURNING.
     */
    public boolean returnsRows() {
        return returnsRows;
    }

    /** Whether the first statement contains the keyword RETURNING outside literals, quoted identifiers and comments. */
    public boolean hasReturning() {
        return hasReturning;
    }

    /** Whether the first statement is INSERT, REPLACE, UPDATE or DELETE, including CTE-prefixed forms. */
    public boolean isDml() {
        return kind.isDml();
    }

    /** Whether the first statement is BEGIN, COMMIT/END or a whole-transaction ROLLBACK (not ROLLBACK TO). */
    public boolean isTransactionControl() {
        return kind == StatementKind.BEGIN || kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK;
    }

    /** The qualifier of a BEGIN; {@link BeginQualifier#NONE} for an unqualified BEGIN and for every other kind. */
    public BeginQualifier beginQualifier() {
        return beginQualifier;
    }

    /**
     * The number of parameter values the text takes, counted with SQLite's numbering rules: each
     * {@code ?} takes the next index, {@code ?NNN} takes index NNN (and later {@code ?} continue
     * after the highest index so far), and each distinct name {@code :a}, {@code @a}, {@code $a}
     * takes the next index on its first appearance (names are case-sensitive and include their
     * prefix character, so {@code :a} and {@code @a} are two parameters). For a single statement
     * this is the highest index it uses. For several statements it is the sum of each statement's
     * count, because each statement is numbered on its own and newer servers hand the values out
     * to the statements in order.
     */
    public int placeholderCount() {
        return placeholderCount;
    }

    /** The number of non-empty top-level statements; 0 for whitespace/comment-only text. */
    public int statementCount() {
        return statementCount;
    }

    /** Whether the text holds more than one top-level statement. */
    public boolean hasMultipleStatements() {
        return statementCount > 1;
    }

    /**
     * The lower-cased savepoint name of a SAVEPOINT, RELEASE or ROLLBACK TO, or null when the
     * name is not one the connection can track. A name is tracked only when it is a bare ASCII
     * identifier {@code [A-Za-z_][A-Za-z0-9_]*} and the text holds nothing after it except
     * whitespace, comments and one {@code ;}. Quoted, backticked, bracketed, non-ASCII or
     * leading-digit names, trailing tokens and further statements all give null. It is lower-cased
     * because SQLite compares bare savepoint names case-insensitively. Always null for other kinds.
     */
    public String savepointName() {
        return savepointName;
    }

    /**
     * Whether {@link #savepointName()} is known. For SAVEPOINT, RELEASE and ROLLBACK TO a false
     * value means the statement names a savepoint the tracker cannot follow; for other kinds it is
     * always false and means nothing.
     */
    public boolean savepointTracked() {
        return savepointName != null;
    }

    /**
     * Each top-level statement with its own analysis, in order. A text with a single statement
     * yields a list holding this very object (its text keeps any surrounding comments and
     * {@code ;}); with several, each element's {@link #sql()} is that statement's text from its
     * first to its last token, without the separating {@code ;}. Whitespace/comment-only text
     * yields an empty list.
     */
    public List<SqlStatement> statements() {
        if (statementCount == 0) {
            return List.of();
        }
        if (statementCount == 1) {
            return List.of(this);
        }
        SqlStatement[] parts = new SqlStatement[statementCount];
        for (int k = 0; k < statementCount; k++) {
            // A part never starts with the text's BOM (it was skipped); a U+FEFF that starts a later
            // statement is an identifier character, so it must not be skipped again.
            parts[k] = new SqlStatement(sql.substring(spans[2 * k], spans[2 * k + 1]), false);
        }
        return List.of(parts);
    }

    /** This text as {@link #trimTrailing(String)} would return it, without analysing it again. */
    public String trimmedSql() {
        return trimEnd == sql.length() ? sql : sql.substring(0, trimEnd);
    }

    /** A debugging representation: the kind and the text. */
    @Override
    public String toString() {
        return "SqlStatement[" + kind + ", statements=" + statementCount + ", sql=" + sql + "]";
    }

    /**
     * Runs the whole analysis in one pass. All scan state lives in local variables so that nothing
     * but this object is allocated for ordinary SQL: named parameters (an int array to remember
     * names), savepoint names (the lower-cased string) and multi-statement texts (the span array)
     * are the only cases that allocate more.
     *
     * @param skipBom whether a leading U+FEFF is a byte-order mark (true for a whole text)
     */
    private SqlStatement(String sql, boolean skipBom) {
        this.sql = sql;
        final int n = sql.length();
        int i = skipBom && n > 0 && sql.charAt(0) == BOM ? 1 : 0;

        // Whole-text state.
        int statements = 0;
        int topSemicolons = 0;
        boolean semicolonBeforeFirst = false;
        int trimAt = -1;
        long params = 0;
        int firstStart = 0;
        int firstEnd = 0;
        int[] spanArray = null;

        // State of the statement being scanned.
        int tokens = 0;
        int stmtStart = 0;
        int stmtEnd = 0;
        int triggerState = 0;     // 1: CREATE, 2: CREATE TEMP, 3: a CREATE TRIGGER statement
        int blockDepth = 0;       // open BEGIN/CASE blocks inside a CREATE TRIGGER
        int prevType = T_NONE;
        int nVar = 0;
        int[] names = null;       // start/end pairs of the distinct parameter names seen
        int nameCount = 0;

        // Classification of the first statement.
        StatementKind k = StatementKind.EMPTY;
        BeginQualifier qualifier = BeginQualifier.NONE;
        int phase = P_START;
        boolean returning = false;
        boolean pragmaAssigns = false;
        boolean bare = false;
        boolean nameFound = false;
        int nameStart = 0;
        int nameEnd = 0;
        int withDepth = 0;
        boolean withAfterClose = false;

        for (;;) {
            // The next token: SqlLexer.token's dispatch, written out here because this loop is hot
            // (see SqlLexer); the pieces it calls are SqlLexer's. The whitespace test is inline on
            // purpose: calling SqlLexer.isSpace here made the JIT compile the loop ~35% slower in
            // about half of the runs.
            int type;
            int start = i;
            int end;
            if (i >= n) {
                type = T_EOF;
                end = n;
            } else {
                char c = sql.charAt(i);
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                    i++;
                    continue;
                }
                if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    int nl = sql.indexOf('\n', i + 2);
                    i = nl < 0 ? n : nl + 1;
                    continue;
                }
                if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int close = sql.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                    continue;
                }
                switch (c) {
                    case '\'':
                        type = T_LITERAL;
                        end = SqlLexer.quotedEnd(sql, i, '\'');
                        break;
                    case '"':
                    case '`':
                        type = T_QUOTED_ID;
                        end = SqlLexer.quotedEnd(sql, i, c);
                        break;
                    case '[':
                        type = T_QUOTED_ID;
                        end = SqlLexer.bracketEnd(sql, i);
                        break;
                    case ';':
                        type = T_SEMI;
                        end = i + 1;
                        break;
                    case '(':
                        type = T_LPAREN;
                        end = i + 1;
                        break;
                    case ')':
                        type = T_RPAREN;
                        end = i + 1;
                        break;
                    case '=':
                        type = T_EQ;
                        end = i + 1;
                        break;
                    case '.':
                        type = T_DOT;
                        end = i + 1;
                        break;
                    case ',':
                        type = T_COMMA;
                        end = i + 1;
                        break;
                    case '?':
                        type = T_PARAM;
                        end = SqlLexer.digitsEnd(sql, i + 1);
                        break;
                    case ':':
                    case '@':
                    case '$':
                    case '#': {
                        int paramEnd = SqlLexer.namedParameterEnd(sql, i);
                        type = paramEnd < 0 ? T_OTHER : T_PARAM;
                        end = paramEnd < 0 ? i + 1 : paramEnd;
                        break;
                    }
                    default:
                        if (SqlLexer.isIdStart(c)) {
                            type = T_WORD;
                            end = SqlLexer.wordEnd(sql, i + 1);
                        } else if (SqlLexer.isDigit(c)) {
                            type = T_NUMBER;
                            end = SqlLexer.numberEnd(sql, i + 1);
                        } else {
                            type = T_OTHER;
                            end = i + 1;
                        }
                        break;
                }
            }
            i = end;

            // End of a statement: a top-level ';' (not one inside a trigger body) or the end of the text.
            if (type == T_EOF || (type == T_SEMI && blockDepth == 0)) {
                if (tokens > 0) {
                    statements++;
                    if (statements == 1) {
                        firstStart = stmtStart;
                        firstEnd = stmtEnd;
                    } else {
                        if (spanArray == null) {
                            spanArray = new int[8];
                            spanArray[0] = firstStart;
                            spanArray[1] = firstEnd;
                        } else if (spanArray.length < 2 * statements) {
                            spanArray = Arrays.copyOf(spanArray, spanArray.length * 2);
                        }
                        spanArray[2 * statements - 2] = stmtStart;
                        spanArray[2 * statements - 1] = stmtEnd;
                    }
                }
                params += nVar;
                if (type == T_EOF) {
                    break;
                }
                topSemicolons++;
                if (statements == 0) {
                    semicolonBeforeFirst = true;
                }
                trimAt = end;
                tokens = 0;
                triggerState = 0;
                blockDepth = 0;
                prevType = T_NONE;
                nVar = 0;
                nameCount = 0;
                continue;
            }

            // Any other token is part of the current statement.
            trimAt = -1;
            if (tokens == 0) {
                stmtStart = start;
            }
            tokens++;
            stmtEnd = end;
            int kw = type == T_WORD ? keyword(sql, start, end) : K_NONE;

            // Trigger bodies: only inside CREATE [TEMP|TEMPORARY] TRIGGER do BEGIN/CASE … END nest
            // and shield ';'. A word right after '.' is a column (t.end), not a keyword.
            if (triggerState == 3) {
                if (prevType != T_DOT) {
                    if (kw == K_BEGIN || kw == K_CASE) {
                        blockDepth++;
                    } else if (kw == K_END && blockDepth > 0) {
                        blockDepth--;
                    }
                }
            } else if (tokens <= 3) {
                if (tokens == 1) {
                    triggerState = kw == K_CREATE ? 1 : 0;
                } else if (triggerState == 1) {
                    triggerState = kw == K_TRIGGER ? 3 : (tokens == 2 && (kw == K_TEMP || kw == K_TEMPORARY)) ? 2 : 0;
                } else if (triggerState == 2) {
                    triggerState = kw == K_TRIGGER ? 3 : 0;
                }
            }
            prevType = type;

            // Parameters, numbered the way sqlite3ExprAssignVarNumber does it.
            if (type == T_PARAM) {
                char p = sql.charAt(start);
                if (p == '?') {
                    if (end == start + 1) {
                        nVar = nVar == Integer.MAX_VALUE ? nVar : nVar + 1;
                    } else {
                        int index = parseIndex(sql, start + 1, end);
                        if (index > nVar) {
                            nVar = index;
                        }
                    }
                } else {
                    int len = end - start;
                    boolean known = false;
                    for (int m = 0; m < nameCount && !known; m++) {
                        int s0 = names[2 * m];
                        known = names[2 * m + 1] - s0 == len && sql.regionMatches(s0, sql, start, len);
                    }
                    if (!known) {
                        if (names == null) {
                            names = new int[8];
                        } else if (names.length < 2 * nameCount + 2) {
                            names = Arrays.copyOf(names, names.length * 2);
                        }
                        names[2 * nameCount] = start;
                        names[2 * nameCount + 1] = end;
                        nameCount++;
                        nVar = nVar == Integer.MAX_VALUE ? nVar : nVar + 1;
                    }
                }
            }

            if (statements > 0) {
                continue; // only the first statement is classified
            }
            if (kw == K_RETURNING) {
                returning = true;
            }
            switch (phase) {
                case P_START:
                case P_PAREN: {
                    boolean parenthesised = phase == P_PAREN;
                    k = StatementKind.OTHER;
                    if (type == T_LPAREN) {
                        phase = P_PAREN;
                        break;
                    }
                    phase = P_DONE;
                    if (kw == K_SELECT || kw == K_VALUES) {
                        k = StatementKind.SELECT;
                        break;
                    }
                    if (kw == K_WITH) {
                        phase = P_WITH;
                        break;
                    }
                    if (parenthesised) {
                        break; // only a query may follow a leading '('
                    }
                    switch (kw) {
                        case K_EXPLAIN:
                            k = StatementKind.SELECT;
                            break;
                        case K_INSERT:
                            k = StatementKind.INSERT;
                            break;
                        case K_REPLACE:
                            k = StatementKind.REPLACE;
                            break;
                        case K_UPDATE:
                            k = StatementKind.UPDATE;
                            break;
                        case K_DELETE:
                            k = StatementKind.DELETE;
                            break;
                        case K_BEGIN:
                            k = StatementKind.BEGIN;
                            bare = true;
                            phase = P_BEGIN;
                            break;
                        case K_COMMIT:
                        case K_END:
                            k = StatementKind.COMMIT;
                            break;
                        case K_ROLLBACK:
                            k = StatementKind.ROLLBACK;
                            phase = P_RB;
                            break;
                        case K_SAVEPOINT:
                            k = StatementKind.SAVEPOINT;
                            phase = P_SP_NAME;
                            break;
                        case K_RELEASE:
                            k = StatementKind.RELEASE;
                            phase = P_SP_KEYWORD;
                            break;
                        case K_PRAGMA:
                            k = StatementKind.PRAGMA;
                            phase = P_PRAGMA;
                            break;
                        case K_CREATE:
                        case K_DROP:
                        case K_ALTER:
                        case K_REINDEX:
                        case K_ANALYZE:
                        case K_VACUUM:
                        case K_ATTACH:
                        case K_DETACH:
                            k = StatementKind.DDL;
                            break;
                        default:
                            break;
                    }
                    break;
                }
                case P_WITH:
                    // WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (body) [, …] main-statement.
                    // The main verb is the first depth-0 word after a CTE body's ')' that is not AS
                    // (AS follows a column list). Requiring the ')' keeps a CTE named like a
                    // non-reserved keyword (REPLACE) from being taken for the main verb.
                    if (type == T_LPAREN) {
                        withDepth++;
                        withAfterClose = false;
                    } else if (type == T_RPAREN) {
                        if (withDepth > 0) {
                            withDepth--;
                        }
                        withAfterClose = withDepth == 0;
                    } else if (withDepth == 0) {
                        if (withAfterClose && type == T_WORD && kw != K_AS) {
                            phase = P_DONE;
                            if (kw == K_SELECT || kw == K_VALUES) {
                                k = StatementKind.SELECT;
                            } else if (kw == K_INSERT) {
                                k = StatementKind.INSERT;
                            } else if (kw == K_REPLACE) {
                                k = StatementKind.REPLACE;
                            } else if (kw == K_UPDATE) {
                                k = StatementKind.UPDATE;
                            } else if (kw == K_DELETE) {
                                k = StatementKind.DELETE;
                            }
                        }
                        withAfterClose = false;
                    }
                    break;
                case P_BEGIN:
                    if (kw == K_DEFERRED || kw == K_IMMEDIATE || kw == K_EXCLUSIVE) {
                        qualifier = kw == K_DEFERRED ? BeginQualifier.DEFERRED
                                : kw == K_IMMEDIATE ? BeginQualifier.IMMEDIATE : BeginQualifier.EXCLUSIVE;
                        bare = false;
                        phase = P_DONE;
                    } else if (kw == K_TRANSACTION) {
                        phase = P_BEGIN_TX;
                    } else {
                        bare = false;
                        phase = P_DONE;
                    }
                    break;
                case P_BEGIN_TX:
                    bare = false; // BEGIN TRANSACTION name, or garbage: not the bare shape
                    phase = P_DONE;
                    break;
                case P_RB:
                    phase = kw == K_TRANSACTION ? P_RB_TX : P_DONE;
                    if (kw == K_TO) {
                        k = StatementKind.ROLLBACK_TO;
                        phase = P_SP_KEYWORD;
                    }
                    break;
                case P_RB_TX:
                case P_RB_TX_NAME:
                    if (kw == K_TO) {
                        k = StatementKind.ROLLBACK_TO;
                        phase = P_SP_KEYWORD;
                    } else {
                        phase = phase == P_RB_TX && type == T_WORD ? P_RB_TX_NAME : P_DONE;
                    }
                    break;
                case P_SP_KEYWORD:
                case P_SP_NAME:
                    // After RELEASE / ROLLBACK … TO the SAVEPOINT keyword is optional; otherwise
                    // this token is the name.
                    if (phase == P_SP_KEYWORD && kw == K_SAVEPOINT) {
                        phase = P_SP_NAME;
                        break;
                    }
                    if (type == T_WORD && isBareAsciiName(sql, start, end)) {
                        nameFound = true;
                        nameStart = start;
                        nameEnd = end;
                        phase = P_SP_AFTER;
                    } else {
                        phase = P_DONE;
                    }
                    break;
                case P_SP_AFTER:
                    nameFound = false; // trailing garbage after the name
                    phase = P_DONE;
                    break;
                case P_PRAGMA:
                    if (type == T_EQ) {
                        pragmaAssigns = true;
                        phase = P_DONE;
                    }
                    break;
                default:
                    break;
            }
        }

        // Shapes that allow "nothing but whitespace, comments and one ';'" after the statement.
        boolean alone = statements == 1 && topSemicolons <= 1 && !semicolonBeforeFirst;
        boolean savepointVerb = k == StatementKind.SAVEPOINT || k == StatementKind.RELEASE
                || k == StatementKind.ROLLBACK_TO;
        this.kind = k;
        this.beginQualifier = qualifier;
        this.hasReturning = returning;
        this.returnsRows = returning || k == StatementKind.SELECT || (k == StatementKind.PRAGMA && !pragmaAssigns);
        this.bareBegin = k == StatementKind.BEGIN && bare && alone;
        this.placeholderCount = (int) Math.min(params, Integer.MAX_VALUE);
        this.statementCount = statements;
        this.savepointName = savepointVerb && nameFound && alone
                ? sql.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT) : null;
        this.trimEnd = trimAt < 0 ? n : trimAt;
        this.spans = spanArray;
    }

    /** The value of the digits of a {@code ?NNN} parameter, capped at {@code Integer.MAX_VALUE}. */
    private static int parseIndex(String s, int from, int to) {
        long v = 0;
        for (int j = from; j < to; j++) {
            v = v * 10 + (s.charAt(j) - '0');
            if (v > Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) v;
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}; the word token already guarantees a non-digit start. */
    private static boolean isBareAsciiName(String s, int from, int to) {
        for (int j = from; j < to; j++) {
            char c = s.charAt(j);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The keyword code of the word {@code s[from, to)}, or {@link #K_NONE}. Dispatches on length
     * and first letter, then compares ASCII-case-insensitively ({@link SqlLexer#spells}).
     */
    private static int keyword(String s, int from, int to) {
        int len = to - from;
        if (len < 2 || len > 11) {
            return K_NONE;
        }
        char f = s.charAt(from);
        if (f >= 'A' && f <= 'Z') {
            f = (char) (f + 32);
        }
        switch (len) {
            case 2:
                return f == 'a' ? is(s, from, "as", K_AS) : f == 't' ? is(s, from, "to", K_TO) : K_NONE;
            case 3:
                return f == 'e' ? is(s, from, "end", K_END) : K_NONE;
            case 4:
                switch (f) {
                    case 'w':
                        return is(s, from, "with", K_WITH);
                    case 'd':
                        return is(s, from, "drop", K_DROP);
                    case 't':
                        return is(s, from, "temp", K_TEMP);
                    case 'c':
                        return is(s, from, "case", K_CASE);
                    default:
                        return K_NONE;
                }
            case 5:
                return f == 'b' ? is(s, from, "begin", K_BEGIN) : f == 'a' ? is(s, from, "alter", K_ALTER) : K_NONE;
            case 6:
                switch (f) {
                    case 's':
                        return is(s, from, "select", K_SELECT);
                    case 'v':
                        return or(is(s, from, "values", K_VALUES), s, from, "vacuum", K_VACUUM);
                    case 'i':
                        return is(s, from, "insert", K_INSERT);
                    case 'u':
                        return is(s, from, "update", K_UPDATE);
                    case 'd':
                        return or(is(s, from, "delete", K_DELETE), s, from, "detach", K_DETACH);
                    case 'c':
                        return or(is(s, from, "commit", K_COMMIT), s, from, "create", K_CREATE);
                    case 'p':
                        return is(s, from, "pragma", K_PRAGMA);
                    case 'a':
                        return is(s, from, "attach", K_ATTACH);
                    default:
                        return K_NONE;
                }
            case 7:
                switch (f) {
                    case 'e':
                        return is(s, from, "explain", K_EXPLAIN);
                    case 'r':
                        return or(or(is(s, from, "replace", K_REPLACE), s, from, "release", K_RELEASE),
                                s, from, "reindex", K_REINDEX);
                    case 'a':
                        return is(s, from, "analyze", K_ANALYZE);
                    case 't':
                        return is(s, from, "trigger", K_TRIGGER);
                    default:
                        return K_NONE;
                }
            case 8:
                return f == 'r' ? is(s, from, "rollback", K_ROLLBACK)
                        : f == 'd' ? is(s, from, "deferred", K_DEFERRED) : K_NONE;
            case 9:
                switch (f) {
                    case 's':
                        return is(s, from, "savepoint", K_SAVEPOINT);
                    case 'i':
                        return is(s, from, "immediate", K_IMMEDIATE);
                    case 'e':
                        return is(s, from, "exclusive", K_EXCLUSIVE);
                    case 'r':
                        return is(s, from, "returning", K_RETURNING);
                    case 't':
                        return is(s, from, "temporary", K_TEMPORARY);
                    default:
                        return K_NONE;
                }
            case 11:
                return f == 't' ? is(s, from, "transaction", K_TRANSACTION) : K_NONE;
            default:
                return K_NONE;
        }
    }

    /** {@code code} if {@code s} at {@code from} spells the lower-case ASCII keyword {@code kw} in any ASCII case, else K_NONE. */
    private static int is(String s, int from, String kw, int code) {
        return SqlLexer.spells(s, from, kw) ? code : K_NONE;
    }

    /** The first match, or the next keyword tried when there was none. */
    private static int or(int found, String s, int from, String kw, int code) {
        return found != K_NONE ? found : is(s, from, kw, code);
    }
}
