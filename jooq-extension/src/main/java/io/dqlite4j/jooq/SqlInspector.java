package io.dqlite4j.jooq;

import io.dqlite4j.sql.SqlLexer;

/**
 * A single-pass, allocation-free scan of rendered SQL for the two checks of
 * {@link DqliteExecuteListener}: transaction-control statements inside a managed transaction, and
 * constructs that jOOQ renders for {@code SQLITE} but SQLite cannot run.
 *
 * <p>The tokens are the drivers' own ({@link SqlLexer}), so string literals ({@code '...'}),
 * quoted identifiers ({@code "..."}, {@code `...`}, {@code [...]}), parameters and comments hide
 * keywords here exactly as they do from SQLite. On top of the tokens the inspector follows just
 * enough structure to avoid false positives: several statements separated by {@code ;}, and the
 * body of {@code CREATE TRIGGER ... BEGIN ...; END}, whose inner semicolons do not end the
 * statement (the rule of {@code sqlite3_complete()}: the statement ends at {@code ; END ;}).
 */
final class SqlInspector {
    /** What a finding is about. */
    enum Kind {
        /** {@code BEGIN} inside a managed transaction. */
        NESTED_BEGIN,
        /** {@code COMMIT}, {@code END} or {@code ROLLBACK} (not {@code ROLLBACK TO}) inside a managed transaction. */
        TRANSACTION_CONTROL,
        /** A construct SQLite cannot run. */
        UNSUPPORTED
    }

    /**
     * Constructs that jOOQ renders for {@code SQLDialect.SQLITE} (the OSS edition does not reject
     * API without SQLITE in its {@code @Support}) but that SQLite cannot run. Kept deliberately
     * small and syntactic, so that it has no false positives: each entry is matched on keywords
     * outside literals, quoted names and comments.
     */
    enum Unsupported {
        /** {@code MERGE INTO ...} ({@code DSLContext.mergeInto}). */
        MERGE("MERGE", "SQLite has no MERGE statement; use insertInto(..).onConflict(..).doUpdate() "
                + "(INSERT ... ON CONFLICT DO UPDATE) instead"),
        /** {@code ... FOR UPDATE} / {@code FOR NO KEY UPDATE} ({@code forUpdate()}, {@code forNoKeyUpdate()}). */
        FOR_UPDATE("FOR UPDATE", "SQLite has no row locks (a dqlite write transaction already excludes "
                + "every other writer); remove forUpdate()"),
        /** {@code ... FOR SHARE} / {@code FOR KEY SHARE} ({@code forShare()}, {@code forKeyShare()}). */
        FOR_SHARE("FOR SHARE", "SQLite has no row locks (readers never block in dqlite); remove forShare()"),
        /** {@code LATERAL (...)} ({@code DSL.lateral}). */
        LATERAL("LATERAL", "SQLite does not support LATERAL derived tables; use a correlated subquery "
                + "or a join instead"),
        /** {@code CREATE/ALTER/DROP SEQUENCE} ({@code createSequence} and friends). */
        SEQUENCE("SEQUENCE", "SQLite has no sequences; use an INTEGER PRIMARY KEY (rowid) column, "
                + "optionally with AUTOINCREMENT");

        private final String construct;
        private final String reason;

        Unsupported(String construct, String reason) {
            this.construct = construct;
            this.reason = reason;
        }

        /** The construct as the user would recognise it in SQL, e.g. {@code FOR UPDATE}. */
        String construct() {
            return construct;
        }

        /** Why SQLite cannot run it and what to do instead. */
        String reason() {
            return reason;
        }
    }

    /**
     * One problem in the SQL.
     *
     * @param kind the kind of problem
     * @param keyword the statement keyword for transaction findings ({@code BEGIN}, {@code COMMIT},
     *     {@code END}, {@code ROLLBACK}), null otherwise
     * @param unsupported the construct for {@link Kind#UNSUPPORTED}, null otherwise
     */
    record Finding(Kind kind, String keyword, Unsupported unsupported) {
    }

    // First word of a statement.
    private static final int FIRST_OTHER = 0;
    private static final int FIRST_BEGIN = 1;
    private static final int FIRST_COMMIT = 2;
    private static final int FIRST_END = 3;
    private static final int FIRST_ROLLBACK = 4;
    private static final int FIRST_CREATE = 5;
    private static final int FIRST_ALTER_DROP = 6;

    // What the previous word started, for multi-word constructs.
    private static final int PREV_NONE = 0;
    private static final int PREV_FOR = 1;
    private static final int PREV_FOR_NO = 2;
    private static final int PREV_FOR_NO_KEY = 3;
    private static final int PREV_FOR_KEY = 4;
    private static final int PREV_LATERAL = 5;

    private static final Finding BEGIN = new Finding(Kind.NESTED_BEGIN, "BEGIN", null);
    private static final Finding COMMIT = new Finding(Kind.TRANSACTION_CONTROL, "COMMIT", null);
    private static final Finding END = new Finding(Kind.TRANSACTION_CONTROL, "END", null);
    private static final Finding ROLLBACK = new Finding(Kind.TRANSACTION_CONTROL, "ROLLBACK", null);

    private final String sql;
    private final boolean checkTransaction;
    private final boolean checkUnsupported;

    // Per-statement state.
    private int words;
    private int first;
    private int prev;
    private boolean rollbackSawTransaction;
    private boolean trigger;
    private boolean triggerBody;
    private boolean triggerSemicolon;
    private boolean triggerEnd;

    private SqlInspector(String sql, boolean checkTransaction, boolean checkUnsupported) {
        this.sql = sql;
        this.checkTransaction = checkTransaction;
        this.checkUnsupported = checkUnsupported;
        resetStatement();
    }

    /**
     * The first problem in {@code sql}, or null.
     *
     * @param sql the rendered SQL (null is fine)
     * @param inTransaction whether the statement runs inside a managed transaction
     * @param guard whether to look for unsupported constructs
     */
    static Finding inspect(String sql, boolean inTransaction, boolean guard) {
        if (sql == null || (!inTransaction && !guard)) {
            return null;
        }
        return new SqlInspector(sql, inTransaction, guard).scan();
    }

    private void resetStatement() {
        words = 0;
        first = FIRST_OTHER;
        prev = PREV_NONE;
        rollbackSawTransaction = false;
        trigger = false;
        triggerBody = false;
        triggerSemicolon = false;
        triggerEnd = false;
    }

    private Finding scan() {
        final String s = sql;
        final int n = s.length();
        int i = 0;
        while (i < n) {
            long token = SqlLexer.token(s, i);
            int start = i;
            i = SqlLexer.end(token);
            Finding f;
            switch (SqlLexer.type(token)) {
                case SqlLexer.T_BLANK:
                    continue;
                case SqlLexer.T_WORD:
                    f = word(start, i);
                    break;
                case SqlLexer.T_QUOTED_ID:
                    f = word(-1, -1);
                    break;
                case SqlLexer.T_SEMI:
                    f = semicolon();
                    break;
                case SqlLexer.T_LPAREN:
                    if (checkUnsupported && prev == PREV_LATERAL) {
                        return unsupported(Unsupported.LATERAL);
                    }
                    f = otherToken();
                    break;
                default:
                    f = otherToken();
                    break;
            }
            if (f != null) {
                return f;
            }
        }
        return endOfStatement();
    }

    private boolean is(int start, int end, String keyword) {
        return start >= 0 && SqlLexer.isKeyword(sql, start, end, keyword);
    }

    /** A token that is neither a keyword nor a separator (literal, number, parameter, operator). */
    private Finding otherToken() {
        prev = PREV_NONE;
        if (triggerBody) {
            triggerSemicolon = false;
            triggerEnd = false;
        }
        return countWordlike();
    }

    /** Counts a non-word token as a statement position (so ROLLBACK ( is not ROLLBACK TO). */
    private Finding countWordlike() {
        int position = ++words;
        if (first == FIRST_ROLLBACK && checkTransaction && (position == 2 || (position == 3 && rollbackSawTransaction))) {
            return ROLLBACK;
        }
        return null;
    }

    /** A word; start is -1 for a quoted identifier (which is never a keyword). */
    private Finding word(int start, int end) {
        int position = ++words;
        int previous = prev;
        prev = PREV_NONE;

        if (triggerBody) {
            // Inside CREATE TRIGGER ... BEGIN: only look for "; END" and unsupported constructs.
            triggerEnd = triggerSemicolon && is(start, end, "end");
            triggerSemicolon = false;
            return unsupportedWord(start, end, previous, position);
        }

        if (position == 1) {
            if (is(start, end, "begin")) {
                first = FIRST_BEGIN;
                return checkTransaction ? BEGIN : null;
            } else if (is(start, end, "commit")) {
                first = FIRST_COMMIT;
                return checkTransaction ? COMMIT : null;
            } else if (is(start, end, "end")) {
                first = FIRST_END;
                return checkTransaction ? END : null;
            } else if (is(start, end, "rollback")) {
                first = FIRST_ROLLBACK;
                return null;
            } else if (is(start, end, "create")) {
                first = FIRST_CREATE;
                return null;
            } else if (is(start, end, "alter") || is(start, end, "drop")) {
                first = FIRST_ALTER_DROP;
                return null;
            } else if (is(start, end, "merge")) {
                return checkUnsupported ? unsupported(Unsupported.MERGE) : null;
            }
            return null;
        }

        if (first == FIRST_ROLLBACK && checkTransaction) {
            // ROLLBACK [TRANSACTION] TO [SAVEPOINT] name is allowed; anything else is not.
            if (position == 2 && is(start, end, "transaction")) {
                rollbackSawTransaction = true;
                return null;
            }
            if (position == 2 || (position == 3 && rollbackSawTransaction)) {
                if (is(start, end, "to")) {
                    first = FIRST_OTHER;
                    return null;
                }
                return ROLLBACK;
            }
        }

        if (first == FIRST_CREATE && !trigger) {
            // CREATE [TEMP|TEMPORARY] TRIGGER / CREATE SEQUENCE
            if (position <= 3 && is(start, end, "trigger")) {
                trigger = true;
                return null;
            }
            if (position == 2 && is(start, end, "sequence")) {
                return checkUnsupported ? unsupported(Unsupported.SEQUENCE) : null;
            }
        }
        if (first == FIRST_ALTER_DROP && position == 2 && is(start, end, "sequence")) {
            return checkUnsupported ? unsupported(Unsupported.SEQUENCE) : null;
        }
        if (trigger && is(start, end, "begin")) {
            triggerBody = true;
            return null;
        }
        return unsupportedWord(start, end, previous, position);
    }

    private Finding unsupportedWord(int start, int end, int previous, int position) {
        if (!checkUnsupported || start < 0) {
            return null;
        }
        switch (previous) {
            case PREV_FOR:
                if (is(start, end, "update")) {
                    return unsupported(Unsupported.FOR_UPDATE);
                } else if (is(start, end, "share")) {
                    return unsupported(Unsupported.FOR_SHARE);
                } else if (is(start, end, "no")) {
                    prev = PREV_FOR_NO;
                    return null;
                } else if (is(start, end, "key")) {
                    prev = PREV_FOR_KEY;
                    return null;
                }
                break;
            case PREV_FOR_NO:
                if (is(start, end, "key")) {
                    prev = PREV_FOR_NO_KEY;
                    return null;
                }
                break;
            case PREV_FOR_NO_KEY:
                if (is(start, end, "update")) {
                    return unsupported(Unsupported.FOR_UPDATE);
                }
                break;
            case PREV_FOR_KEY:
                if (is(start, end, "share")) {
                    return unsupported(Unsupported.FOR_SHARE);
                }
                break;
            default:
                break;
        }
        if (is(start, end, "for")) {
            prev = PREV_FOR;
        } else if (is(start, end, "lateral")) {
            prev = PREV_LATERAL;
        }
        return null;
    }

    private Finding semicolon() {
        prev = PREV_NONE;
        if (triggerBody) {
            if (!triggerEnd) {
                triggerSemicolon = true;
                return null;
            }
        }
        Finding f = endOfStatement();
        resetStatement();
        return f;
    }

    /** Checks that need the whole statement: a bare ROLLBACK [TRANSACTION]. */
    private Finding endOfStatement() {
        if (checkTransaction && first == FIRST_ROLLBACK) {
            return ROLLBACK;
        }
        return null;
    }

    private static Finding unsupported(Unsupported u) {
        return new Finding(Kind.UNSUPPORTED, null, u);
    }
}
