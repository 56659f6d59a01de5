package io.dqlite4j.sql;

import static io.dqlite4j.sql.SqlLexer.T_COMMA;
import static io.dqlite4j.sql.SqlLexer.T_LPAREN;
import static io.dqlite4j.sql.SqlLexer.T_RPAREN;
import static io.dqlite4j.sql.SqlLexer.T_WORD;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code CREATE TABLE} statement declares that SQLite's table pragmas do not report: the
 * name of the primary key constraint, the {@code AUTOINCREMENT} column, {@code WITHOUT ROWID},
 * and each foreign key's constraint name and deferrability. The JDBC metadata reads it from the
 * {@code sql} column of {@code sqlite_master}.
 *
 * <p><b>Internal, shared between this project's modules;</b> not an API for applications.
 *
 * <p>A reader of the tokens ({@link SqlLexer}), not a parser: the text has already been accepted
 * by SQLite, so the reader only has to find where each column definition and table constraint
 * starts (top-level commas inside the outer parentheses) and look for the keywords that matter.
 * It never fails: text it does not understand yields less information, not an error.
 */
public final class TableDefinition {
    private static final TableDefinition NONE = new TableDefinition(null);

    /**
     * A {@code FOREIGN KEY (…) REFERENCES parent} table constraint or a column's
     * {@code REFERENCES parent} constraint, as declared.
     *
     * @param name the name given with {@code CONSTRAINT name}, or null
     * @param columns the child columns, as declared (unquoted)
     * @param parent the parent table, as written (unquoted)
     * @param deferrability the {@code DEFERRABLE} clause
     */
    public record ForeignKey(String name, List<String> columns, String parent, Deferrability deferrability) {
        /** Copies {@code columns}: a definition does not change after it is read. */
        public ForeignKey {
            columns = List.copyOf(columns);
        }
    }

    /** A foreign key's {@code [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]} clause. */
    public enum Deferrability {
        /** No clause, {@code NOT DEFERRABLE …}: checked at the end of each statement. */
        NOT_DEFERRABLE,
        /** {@code DEFERRABLE} or {@code DEFERRABLE INITIALLY IMMEDIATE}. */
        INITIALLY_IMMEDIATE,
        /** {@code DEFERRABLE INITIALLY DEFERRED}: checked at commit. */
        INITIALLY_DEFERRED
    }

    private final SqlTokens t;
    private String primaryKeyName;
    private String autoincrementColumn;
    private boolean withoutRowid;
    private final List<ForeignKey> foreignKeys = new ArrayList<>();

    private TableDefinition(SqlTokens tokens) {
        this.t = tokens;
    }

    /**
     * Reads a {@code CREATE TABLE} statement.
     *
     * @param sql the statement as {@code sqlite_master} stores it; null (a view's columns, an
     *     automatic table) gives a definition that declares nothing
     */
    public static TableDefinition parse(String sql) {
        if (sql == null) {
            return NONE;
        }
        TableDefinition table = new TableDefinition(new SqlTokens(sql));
        table.read();
        return table;
    }

    /** The name given with {@code CONSTRAINT name PRIMARY KEY}, or null (SQLite names no key itself). */
    public String primaryKeyName() {
        return primaryKeyName;
    }

    /** The column declared {@code AUTOINCREMENT} (there is at most one), or null. */
    public String autoincrementColumn() {
        return autoincrementColumn;
    }

    /** Whether the table is declared {@code WITHOUT ROWID}. */
    public boolean withoutRowid() {
        return withoutRowid;
    }

    /** The foreign keys in declaration order: column constraints and table constraints as they come. */
    public List<ForeignKey> foreignKeys() {
        return List.copyOf(foreignKeys);
    }

    private void read() {
        int count = t.count();
        int open = 0;
        while (open < count && !t.is(open, T_LPAREN)) {
            if (t.isWord(open, "as")) {
                return; // CREATE TABLE … AS SELECT declares no constraints
            }
            open++;
        }
        int depth = 0;
        int start = open + 1;
        int i = open;
        for (; i < count; i++) {
            if (t.is(i, T_LPAREN)) {
                depth++;
            } else if (t.is(i, T_RPAREN) && --depth == 0) {
                definition(start, i);
                break;
            } else if (t.is(i, T_COMMA) && depth == 1) {
                definition(start, i);
                start = i + 1;
            }
        }
        for (int j = i + 1; j + 1 < count; j++) {
            if (t.isWord(j, "without") && t.isWord(j + 1, "rowid")) {
                withoutRowid = true;
            }
        }
    }

    /** One column definition or table constraint: tokens {@code [from, to)}. */
    private void definition(int from, int to) {
        if (from >= to) {
            return;
        }
        if (t.isWord(from, "constraint") && to - from > 2) {
            tableConstraint(t.name(from + 1), from + 2, to);
        } else if (t.isWord(from, "primary") || t.isWord(from, "unique") || t.isWord(from, "check")
                || t.isWord(from, "foreign")) {
            tableConstraint(null, from, to);
        } else {
            column(t.name(from), from + 1, to);
        }
    }

    private void tableConstraint(String name, int from, int to) {
        if (t.isWord(from, "primary")) {
            primaryKeyName = name;
        } else if (t.isWord(from, "foreign")) {
            int open = from;
            while (open < to && !t.is(open, T_LPAREN)) {
                open++;
            }
            int close = closing(open, to);
            int ref = close + 1;
            if (ref + 1 < to && t.isWord(ref, "references")) {
                foreignKeys.add(new ForeignKey(name, firstOfEachItem(open, close), t.name(ref + 1),
                        deferrability(ref + 2, to)));
            }
        }
    }

    /**
     * The constraints after a column's name, tokens {@code [from, to)}. A {@code CONSTRAINT name}
     * names only the constraint right after it, so the pending name is dropped at the start of
     * every other constraint.
     */
    private void column(String column, int from, int to) {
        String pending = null;
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (t.is(i, T_LPAREN)) {
                depth++;
            } else if (t.is(i, T_RPAREN)) {
                depth--;
            }
            if (depth != 0 || !t.is(i, T_WORD)) {
                continue;
            }
            if (t.isWord(i, "constraint")) {
                pending = i + 1 < to ? t.name(i + 1) : null;
                i++;
            } else if (t.isWord(i, "primary")) {
                primaryKeyName = pending;
                pending = null;
            } else if (t.isWord(i, "references")) {
                if (i + 1 < to) {
                    foreignKeys.add(new ForeignKey(pending, List.of(column), t.name(i + 1), deferrability(i + 2, to)));
                }
                pending = null;
            } else if (t.isWord(i, "autoincrement")) {
                autoincrementColumn = column;
            } else if (startsConstraint(i)) {
                pending = null;
            }
        }
    }

    /** The keywords that open the column constraints other than PRIMARY KEY and REFERENCES. */
    private boolean startsConstraint(int i) {
        return t.isWord(i, "not") || t.isWord(i, "null") || t.isWord(i, "unique") || t.isWord(i, "check")
                || t.isWord(i, "default") || t.isWord(i, "collate") || t.isWord(i, "generated")
                || t.isWord(i, "as");
    }

    /** The deferrability of the foreign key clause whose tokens after the parent's name are {@code [from, to)}. */
    private Deferrability deferrability(int from, int to) {
        for (int i = from; i < to; i++) {
            if (t.isWord(i, "deferrable")) {
                if (i > from && t.isWord(i - 1, "not")) {
                    return Deferrability.NOT_DEFERRABLE;
                }
                boolean deferred = i + 2 < to && t.isWord(i + 1, "initially") && t.isWord(i + 2, "deferred");
                return deferred ? Deferrability.INITIALLY_DEFERRED : Deferrability.INITIALLY_IMMEDIATE;
            }
            if (t.isWord(i, "constraint")) {
                break; // the next column constraint starts
            }
        }
        return Deferrability.NOT_DEFERRABLE;
    }

    /** The {@code )} that closes the {@code (} at {@code open}, or {@code to} when none does. */
    private int closing(int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (t.is(i, T_LPAREN)) {
                depth++;
            } else if (t.is(i, T_RPAREN) && --depth == 0) {
                return i;
            }
        }
        return to;
    }

    /** The name of the first token of each comma-separated item between {@code open} and {@code close}. */
    private List<String> firstOfEachItem(int open, int close) {
        List<String> names = new ArrayList<>();
        boolean expectName = true;
        int depth = 0;
        for (int i = open + 1; i < close; i++) {
            if (t.is(i, T_LPAREN)) {
                depth++;
            } else if (t.is(i, T_RPAREN)) {
                depth--;
            } else if (t.is(i, T_COMMA) && depth == 0) {
                expectName = true;
            } else if (expectName && depth == 0) {
                names.add(t.name(i));
                expectName = false;
            }
        }
        return names;
    }
}
