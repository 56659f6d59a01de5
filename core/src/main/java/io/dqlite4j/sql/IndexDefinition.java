package io.dqlite4j.sql;

import static io.dqlite4j.sql.SqlLexer.T_COMMA;
import static io.dqlite4j.sql.SqlLexer.T_LPAREN;
import static io.dqlite4j.sql.SqlLexer.T_RPAREN;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@code CREATE INDEX} statement says that SQLite's index pragmas do not: the text of each
 * key that is an expression rather than a column (the pragmas give it no name), and the
 * {@code WHERE} condition of a partial index. The JDBC metadata reads it from the {@code sql}
 * column of {@code sqlite_master}.
 *
 * <p><b>Internal, shared between this project's modules;</b> not an API for applications.
 *
 * <p>Like {@link TableDefinition} a reader of the tokens, not a parser, that never fails. Texts
 * are cut from the statement as written, so an expression key reads exactly as the schema's
 * author wrote it, comments inside it included.
 */
public final class IndexDefinition {
    private static final IndexDefinition NONE = new IndexDefinition(List.of(), null);

    private final List<String> keys;
    private final String where;

    private IndexDefinition(List<String> keys, String where) {
        this.keys = keys;
        this.where = where;
    }

    /**
     * Reads a {@code CREATE INDEX} statement.
     *
     * @param sql the statement as {@code sqlite_master} stores it; null (an automatic index)
     *     gives a definition with no keys and no condition
     */
    public static IndexDefinition parse(String sql) {
        if (sql == null) {
            return NONE;
        }
        SqlTokens t = new SqlTokens(sql);
        int count = t.count();
        List<String> keys = new ArrayList<>();
        int depth = 0;
        int keyStart = 0;
        int i = 0;
        for (; i < count; i++) {
            if (t.is(i, T_LPAREN)) {
                if (depth++ == 0) {
                    keyStart = i + 1;
                }
            } else if (t.is(i, T_RPAREN)) {
                if (--depth == 0) {
                    keys.add(keyText(t, keyStart, i));
                    break;
                }
            } else if (t.is(i, T_COMMA) && depth == 1) {
                keys.add(keyText(t, keyStart, i));
                keyStart = i + 1;
            }
        }
        String where = null;
        for (int j = i + 1; j < count; j++) {
            if (t.isWord(j, "where")) {
                // From right after WHERE, so that a comment opening the condition stays with it.
                String condition = sql.substring(t.end(j), t.end(count - 1)).strip();
                where = condition.isEmpty() ? null : condition;
                break;
            }
        }
        return new IndexDefinition(Collections.unmodifiableList(keys), where);
    }

    /** The key of tokens {@code [from, to)} without its ASC/DESC and COLLATE, or null when nothing is left. */
    private static String keyText(SqlTokens t, int from, int to) {
        int end = to;
        if (end > from && (t.isWord(end - 1, "asc") || t.isWord(end - 1, "desc"))) {
            end--;
        }
        if (end - from > 1 && t.isWord(end - 2, "collate")) {
            end -= 2;
        }
        return end == from ? null : t.text(from, end - 1);
    }

    /**
     * The text of each key, in key order, as written but without {@code ASC}/{@code DESC} and
     * {@code COLLATE}; an element is null where a key could not be read.
     */
    public List<String> keys() {
        return keys;
    }

    /** The text of key {@code seqno} (0-based, as the pragmas number keys), or null when unknown. */
    public String key(int seqno) {
        return seqno >= 0 && seqno < keys.size() ? keys.get(seqno) : null;
    }

    /** The condition of a partial index ({@code CREATE INDEX … WHERE condition}) as written, or null. */
    public String where() {
        return where;
    }
}
