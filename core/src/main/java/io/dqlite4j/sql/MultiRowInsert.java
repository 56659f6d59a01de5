package io.dqlite4j.sql;

import static io.dqlite4j.sql.SqlLexer.T_BLANK;
import static io.dqlite4j.sql.SqlLexer.T_COMMA;
import static io.dqlite4j.sql.SqlLexer.T_DOT;
import static io.dqlite4j.sql.SqlLexer.T_EOF;
import static io.dqlite4j.sql.SqlLexer.T_LPAREN;
import static io.dqlite4j.sql.SqlLexer.T_PARAM;
import static io.dqlite4j.sql.SqlLexer.T_QUOTED_ID;
import static io.dqlite4j.sql.SqlLexer.T_RPAREN;
import static io.dqlite4j.sql.SqlLexer.T_SEMI;
import static io.dqlite4j.sql.SqlLexer.T_WORD;

import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Protocol;
import java.util.List;
import java.util.Objects;

/**
 * The multi-row form of a single-row INSERT, for executing a batch of bound items as few
 * statements: {@code INSERT INTO t (a, b) VALUES (?, ?)} run for items 1..n becomes
 * {@code INSERT INTO t (a, b) VALUES (?, ?),(?, ?),…} with the items' values concatenated.
 *
 * <p>Only one shape is recognised, from SQLite's tokens (so text inside literals, quoted
 * identifiers and comments never matters): {@code INSERT [OR conflict] INTO} or
 * {@code REPLACE INTO}, a table name (optionally schema-qualified), an optional {@code AS} alias,
 * an optional column list, {@code VALUES} and exactly one parenthesised row, then nothing but one
 * optional {@code ;}. The row may hold anonymous {@code ?} parameters, literals, numbers,
 * operators and function calls. Not rewritten: {@code WITH …}, {@code INSERT … SELECT},
 * {@code DEFAULT VALUES}, several rows already, upserts ({@code ON CONFLICT}), {@code RETURNING},
 * numbered or named parameters (the copies would share them), a subquery or {@code VALUES} inside
 * the row (a multi-row INSERT that reads its own table evaluates every row before inserting any),
 * and {@code changes()}, {@code total_changes()}, {@code last_insert_rowid()} (they change from
 * row to row when each row is its own statement).
 *
 * <p>Whether the change count of a multi-row statement tells each item's count is a separate
 * question ({@link #countsPerRow()}, {@link #schemaKeepsCountsExact}). Immutable and thread-safe.
 */
public final class MultiRowInsert {
    /**
     * The most parameters one statement may take on any SQLite build the driver may meet:
     * SQLite's default {@code SQLITE_MAX_VARIABLE_NUMBER} since 3.32 (Debian builds allow 250000).
     */
    public static final int SQLITE_MAX_VARIABLES = 32766;
    /**
     * The longest statement text the driver sends rewritten, in characters: SQLite's default
     * {@code SQLITE_MAX_LENGTH} of statement text is 1,000,000 bytes; a character takes at most
     * three bytes of UTF-8.
     */
    public static final int MAX_SQL_CHARS = 300_000;

    /**
     * The query whose rows ({@code type}, {@code sql}) {@link #schemaKeepsCountsExact} judges; its
     * one parameter ({@code ?1}, used twice) is {@link #table()}.
     */
    public static final String SCHEMA_QUERY = "SELECT type, sql FROM sqlite_master WHERE tbl_name = ?1 COLLATE NOCASE"
            + " UNION ALL SELECT type, sql FROM sqlite_temp_master WHERE tbl_name = ?1 COLLATE NOCASE";

    /** The conflict clause of the INSERT ({@code REPLACE INTO} is {@link #REPLACE}). */
    public enum Conflict {
        NONE, ABORT, REPLACE, IGNORE, FAIL, ROLLBACK
    }

    private final String prefix;
    private final String row;
    private final int paramsPerRow;
    private final Conflict conflict;
    private final String schema;
    private final String table;

    private MultiRowInsert(String prefix, String row, int paramsPerRow, Conflict conflict, String schema,
            String table) {
        this.prefix = prefix;
        this.row = row;
        this.paramsPerRow = paramsPerRow;
        this.conflict = conflict;
        this.schema = schema;
        this.table = table;
    }

    /**
     * Recognises a single-row INSERT that can be repeated as a multi-row statement.
     *
     * @param sql the statement text
     * @return the shape, or null when the text is not one this class rewrites
     * @throws NullPointerException if {@code sql} is null
     */
    public static MultiRowInsert recognise(String sql) {
        Objects.requireNonNull(sql, "sql");
        return new Scanner(sql).scan();
    }

    /** The number of parameters one row (one batch item) takes. */
    public int paramsPerRow() {
        return paramsPerRow;
    }

    /** The statement's conflict clause. */
    public Conflict conflict() {
        return conflict;
    }

    /** The schema the table name is qualified with, unquoted, or null. */
    public String schema() {
        return schema;
    }

    /**
     * Whether {@link #SCHEMA_QUERY} can see the table's definition: no schema, {@code main} or
     * {@code temp} (an attached database's catalog is elsewhere).
     */
    public boolean schemaVisible() {
        return schema == null || schema.equalsIgnoreCase("main") || schema.equalsIgnoreCase("temp");
    }

    /** The table name, unquoted. */
    public String table() {
        return table;
    }

    /**
     * Whether, as far as the statement's own text tells, a multi-row statement of {@code n} rows
     * that succeeds changed exactly one row per item, and one that fails changed nothing: true for
     * plain INSERT, {@code OR ABORT} and {@code REPLACE} (SQLite does not count the rows REPLACE
     * deletes), false for {@code OR IGNORE} (skipped rows count 0, and which ones is unknown),
     * {@code OR FAIL} (a failure keeps the rows before it) and {@code OR ROLLBACK} (a failure ends
     * the transaction). The table's own conflict clauses and triggers can change this; see
     * {@link #schemaKeepsCountsExact}.
     */
    public boolean countsPerRow() {
        return conflict == Conflict.NONE || conflict == Conflict.ABORT || conflict == Conflict.REPLACE;
    }

    /**
     * Whether a schema object the INSERT touches leaves {@link #countsPerRow()} true. Pass each
     * row of {@code sqlite_master} (and {@code sqlite_temp_master}) whose {@code tbl_name} is the
     * table: a view (its INSTEAD OF triggers decide), a virtual table, or any definition using
     * {@code IGNORE}, {@code FAIL} or {@code ROLLBACK} as a keyword (a table-level
     * {@code ON CONFLICT IGNORE}, a trigger's {@code RAISE(IGNORE)} …) makes it false.
     *
     * @param type the object's {@code type} column
     * @param ddl the object's {@code sql} column; null for automatic indexes
     */
    public static boolean schemaKeepsCountsExact(String type, String ddl) {
        if ("view".equalsIgnoreCase(type)) {
            return false;
        }
        if (ddl == null) {
            return true;
        }
        int words = 0;
        for (int i = 0; i < ddl.length();) {
            long t = SqlLexer.token(ddl, i);
            int end = SqlLexer.end(t);
            if (SqlLexer.type(t) == T_WORD) {
                if (SqlLexer.isKeyword(ddl, i, end, "ignore") || SqlLexer.isKeyword(ddl, i, end, "fail")
                        || SqlLexer.isKeyword(ddl, i, end, "rollback")
                        || (words == 1 && SqlLexer.isKeyword(ddl, i, end, "virtual"))) {
                    return false;
                }
                words++;
            }
            i = end;
        }
        return true;
    }

    /**
     * The statement text for {@code rows} rows (for one row, the single-row text as recognised,
     * without a trailing {@code ;}).
     *
     * @throws IllegalArgumentException if {@code rows < 1}
     */
    public String sql(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, not " + rows);
        }
        StringBuilder sb = new StringBuilder(textLength(rows));
        sb.append(prefix).append(' ').append(row);
        for (int r = 1; r < rows; r++) {
            sb.append(',').append(row);
        }
        return sb.toString();
    }

    /** The length in characters of {@link #sql(int)}. */
    public int textLength(int rows) {
        return prefix.length() + 1 + rows * (row.length() + 1) - 1;
    }

    /**
     * The bounds of one multi-row statement.
     *
     * @param maxParams parameters per statement: 255 for dqlite 1.11 (its tuple's count is one
     *     byte), up to {@link #SQLITE_MAX_VARIABLES} for servers that read the wide tuple
     * @param maxRows rows per statement (a throughput choice: beyond about 100 rows the server's
     *     per-statement saving no longer grows)
     * @param maxBodyBytes the largest request body, from {@code max_message_size}
     */
    public record Limits(int maxParams, int maxRows, long maxBodyBytes) {
        public Limits {
            if (maxParams < 1 || maxParams > SQLITE_MAX_VARIABLES || maxRows < 1 || maxBodyBytes < 64) {
                throw new IllegalArgumentException("bad limits: maxParams=" + maxParams + ", maxRows=" + maxRows
                        + ", maxBodyBytes=" + maxBodyBytes);
            }
        }
    }

    /** Rows per statement before the items' sizes are looked at: the parameter, row and text bounds. */
    public int maxRows(Limits limits) {
        int rows = limits.maxRows();
        if (paramsPerRow > 0) {
            rows = Math.min(rows, Math.min(limits.maxParams(), SQLITE_MAX_VARIABLES) / paramsPerRow);
        }
        rows = Math.min(rows, Math.max(1, (MAX_SQL_CHARS - prefix.length()) / (row.length() + 1)));
        return Math.max(1, rows);
    }

    /**
     * Where the statement that starts at item {@code from} ends: the largest {@code to} such that
     * items {@code [from, to)} fit the limits, at least {@code from + 1} (a single item that does
     * not fit is the single-row statement's problem, reported as it would be without rewriting).
     *
     * @param items the batch; every element holds {@link #paramsPerRow()} values
     * @param from the first item of the statement
     * @param limits the bounds
     * @throws IllegalArgumentException if an item has the wrong number of values or {@code from} is out of range
     */
    public int chunkEnd(List<Params> items, int from, Limits limits) {
        if (from < 0 || from >= items.size()) {
            throw new IllegalArgumentException("from " + from + " is outside the batch of " + items.size());
        }
        int last = Math.min(items.size(), from + maxRows(limits));
        // Statement id word, the tuple header (wide layout: u32 count, one type byte per value).
        long body = 8 + Protocol.roundUp8(4L + (long) paramsPerRow * (last - from));
        int to = from;
        while (to < last) {
            Params p = items.get(to);
            if (p.size() != paramsPerRow) {
                throw new IllegalArgumentException("batch item " + (to + 1) + " has " + p.size() + " values, the row takes "
                        + paramsPerRow);
            }
            body += p.encodedValuesBound();
            if (body > limits.maxBodyBytes() && to > from) {
                break;
            }
            to++;
        }
        return to;
    }

    /**
     * The parameter tuple of items {@code [from, to)}, concatenated in order.
     *
     * @throws IllegalArgumentException if the items hold more values in total than a tuple can carry
     */
    public static Params concat(List<Params> items, int from, int to) {
        return Params.concat(items.subList(from, to));
    }

    @Override
    public String toString() {
        return "MultiRowInsert[" + prefix + " " + row + " × n, " + paramsPerRow + " parameters per row, " + conflict + "]";
    }

    /** One pass over the tokens of the text. */
    private static final class Scanner {
        private final String s;
        private int pos;
        private int start;
        private int end;
        private int type;

        Scanner(String s) {
            this.s = s;
            this.pos = !s.isEmpty() && s.charAt(0) == '\uFEFF' ? 1 : 0;
        }

        /** Moves to the next token that is not whitespace or a comment. */
        private void next() {
            while (pos < s.length()) {
                long t = SqlLexer.token(s, pos);
                int ty = SqlLexer.type(t);
                int e = SqlLexer.end(t);
                if (ty != T_BLANK) {
                    start = pos;
                    end = e;
                    type = ty;
                    pos = e;
                    return;
                }
                pos = e;
            }
            start = end = s.length();
            type = T_EOF;
        }

        private boolean word(String lower) {
            return type == T_WORD && SqlLexer.isKeyword(s, start, end, lower);
        }

        private boolean name() {
            return type == T_WORD || type == T_QUOTED_ID;
        }

        private String unquoted() {
            return SqlLexer.identifier(s, start, end);
        }

        MultiRowInsert scan() {
            next();
            int stmtStart = start;
            Conflict conflict;
            if (word("insert")) {
                next();
                conflict = Conflict.NONE;
                if (word("or")) {
                    next();
                    conflict = word("abort") ? Conflict.ABORT : word("replace") ? Conflict.REPLACE
                            : word("ignore") ? Conflict.IGNORE : word("fail") ? Conflict.FAIL
                            : word("rollback") ? Conflict.ROLLBACK : null;
                    if (conflict == null) {
                        return null;
                    }
                    next();
                }
            } else if (word("replace")) {
                next();
                conflict = Conflict.REPLACE;
            } else {
                return null;
            }
            if (!word("into")) {
                return null;
            }
            next();
            if (!name()) {
                return null;
            }
            String schema = null;
            String table = unquoted();
            next();
            if (type == T_DOT) {
                next();
                if (!name()) {
                    return null;
                }
                schema = table;
                table = unquoted();
                next();
            }
            if (word("as")) {
                next();
                if (!name()) {
                    return null;
                }
                next();
            }
            if (type == T_LPAREN) {
                next();
                while (true) {
                    if (!name()) {
                        return null;
                    }
                    next();
                    if (type == T_RPAREN) {
                        break;
                    }
                    if (type != T_COMMA) {
                        return null;
                    }
                    next();
                }
                next();
            }
            if (!word("values")) {
                return null;
            }
            int prefixEnd = end;
            next();
            if (type != T_LPAREN) {
                return null;
            }
            int rowStart = start;
            int depth = 0;
            int params = 0;
            while (true) {
                switch (type) {
                    case T_EOF, T_SEMI:
                        return null;
                    case T_LPAREN:
                        depth++;
                        break;
                    case T_RPAREN:
                        depth--;
                        break;
                    case T_PARAM:
                        if (end - start != 1 || s.charAt(start) != '?') {
                            return null; // ?NNN or a named parameter: copies of the row would share it
                        }
                        params++;
                        break;
                    case T_WORD:
                        if (word("select") || word("values") || word("changes") || word("total_changes")
                                || word("last_insert_rowid")) {
                            return null;
                        }
                        break;
                    default:
                        break;
                }
                if (depth == 0) {
                    break;
                }
                next();
            }
            int rowEnd = end;
            next();
            if (type == T_SEMI) {
                next();
            }
            if (type != T_EOF) {
                return null; // a second row, ON CONFLICT, RETURNING, another statement …
            }
            return new MultiRowInsert(s.substring(stmtStart, prefixEnd), s.substring(rowStart, rowEnd), params,
                    conflict, schema, table);
        }
    }
}
