package io.dqlite4j.sql;

import static io.dqlite4j.sql.SqlLexer.T_BLANK;
import static io.dqlite4j.sql.SqlLexer.T_LITERAL;
import static io.dqlite4j.sql.SqlLexer.T_QUOTED_ID;
import static io.dqlite4j.sql.SqlLexer.T_SEMI;
import static io.dqlite4j.sql.SqlLexer.T_WORD;

import java.util.Arrays;

/**
 * The tokens of the first statement of an SQL text (up to its {@code ;}), whitespace and comments
 * left out, for the readers that need to look back and ahead rather than scan once: the RETURNING
 * scan and the CREATE TABLE / CREATE INDEX readers. Tokens are addressed by their 0-based number;
 * each is a {@link SqlLexer} type and its offsets in the text, kept in one int array so that a
 * statement of any length costs one allocation or a few.
 */
final class SqlTokens {
    private final String sql;
    private int[] data = new int[3 * 32]; // type, start, end per token
    private int count;
    private boolean more;

    SqlTokens(String sql) {
        this.sql = sql;
        int n = sql.length();
        int i = n > 0 && sql.charAt(0) == '\uFEFF' ? 1 : 0;
        boolean ended = false;
        while (i < n) {
            long token = SqlLexer.token(sql, i);
            int type = SqlLexer.type(token);
            int end = SqlLexer.end(token);
            if (type != T_BLANK) {
                if (ended) {
                    if (type != T_SEMI) {
                        more = true;
                        return;
                    }
                } else if (type == T_SEMI) {
                    ended = true;
                } else {
                    add(type, i, end);
                }
            }
            i = end;
        }
    }

    private void add(int type, int start, int end) {
        if (3 * count + 3 > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[3 * count] = type;
        data[3 * count + 1] = start;
        data[3 * count + 2] = end;
        count++;
    }

    /** The number of tokens of the first statement. */
    int count() {
        return count;
    }

    /** Whether the text holds another statement after the first one's {@code ;}. */
    boolean more() {
        return more;
    }

    int type(int k) {
        return data[3 * k];
    }

    /** The offset of token {@code k} in the text (of its opening quote, if it has one). */
    int start(int k) {
        return data[3 * k + 1];
    }

    /** The offset just past token {@code k}. */
    int end(int k) {
        return data[3 * k + 2];
    }

    /** Token {@code k} as written. */
    String text(int k) {
        return sql.substring(start(k), end(k));
    }

    /** The text from the start of token {@code from} to the end of token {@code to}, both included. */
    String text(int from, int to) {
        return sql.substring(start(from), end(to));
    }

    /** Whether token {@code k} exists and is of {@code type}. */
    boolean is(int k, int type) {
        return k >= 0 && k < count && type(k) == type;
    }

    /** Whether token {@code k} exists and is the word {@code lower} (ASCII letters, compared case-insensitively). */
    boolean isWord(int k, String lower) {
        return is(k, T_WORD) && SqlLexer.isKeyword(sql, start(k), end(k), lower);
    }

    /** A table, column or constraint name: a bare word, a quoted identifier, or a '…' string (SQLite accepts one there). */
    boolean isName(int k) {
        return is(k, T_WORD) || is(k, T_QUOTED_ID) || is(k, T_LITERAL);
    }

    /** The name token {@code k} stands for, unquoted (see {@link SqlLexer#identifier}). */
    String name(int k) {
        return SqlLexer.identifier(sql, start(k), end(k));
    }
}
