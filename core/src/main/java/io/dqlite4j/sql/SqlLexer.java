package io.dqlite4j.sql;

/**
 * SQLite's tokenisation, as far as {@link SqlStatement} and {@link ReturningClause} need it: what
 * kind of token starts at a position of the text and where it ends. Whitespace and
 * {@code --} / {@code /* *}{@code /} comments are {@link #T_BLANK} tokens for the caller to skip;
 * text inside {@code '…'} literals and {@code "…"}, {@code `…`} and {@code […]} identifiers is
 * one token, so it never counts as a keyword, parameter or separator. An unterminated literal,
 * identifier or comment runs to the end of the text.
 *
 * <p>Stateless and allocation-free: {@link #token(String, int)} returns the token's type and end
 * packed into one {@code long}, read back with {@link #type(long)} and {@link #end(long)}. It is
 * kept small enough for the JIT to inline into the callers' scan loops, which matters because
 * {@link SqlStatement#analyze} runs on every JDBC execute: the common tokens are read there, the
 * rest in a separate method.
 */
final class SqlLexer {

    // Token types.
    static final int T_EOF = 0;        // not produced by token(); for the callers' end of text
    static final int T_WORD = 1;
    static final int T_NUMBER = 2;
    static final int T_LITERAL = 3;    // '…'
    static final int T_QUOTED_ID = 4;  // "…", `…`, […]
    static final int T_PARAM = 5;      // ?, ?NNN, :name, @name, $name, #name
    static final int T_SEMI = 6;
    static final int T_LPAREN = 7;
    static final int T_RPAREN = 8;
    static final int T_EQ = 9;
    static final int T_DOT = 10;
    static final int T_COMMA = 11;
    static final int T_OTHER = 12;
    static final int T_BLANK = 13;     // one whitespace character, or a whole comment

    private SqlLexer() {
    }

    /**
     * The token that starts at {@code i}, which must be inside the text: its type and end, packed;
     * read them with {@link #type} and {@link #end}.
     *
     * <p>Each path returns its type as a constant: once this is inlined, the JIT can then resolve
     * the caller's tests of the type on each path (measurably faster than looking types up in a
     * table). The common tokens are read here, the rest in {@link #rareToken}, which keeps this
     * method under the JIT's inlining limit for hot methods (325 bytes of bytecode).
     */
    static long token(String s, int i) {
        char c = s.charAt(i);
        switch (c) {
            case ' ':
            case '\n':
            case '\t':
            case '\r':
            case '\f':
                return pack(T_BLANK, i + 1);
            case ';':
                return pack(T_SEMI, i + 1);
            case '(':
                return pack(T_LPAREN, i + 1);
            case ')':
                return pack(T_RPAREN, i + 1);
            case '=':
                return pack(T_EQ, i + 1);
            case '.':
                return pack(T_DOT, i + 1);
            case ',':
                return pack(T_COMMA, i + 1);
            default:
                break;
        }
        if (isIdStart(c)) {
            return pack(T_WORD, wordEnd(s, i + 1));
        }
        if (isDigit(c)) {
            // Numbers run over identifier characters and '.', so 1e5, 0x1F and 1.5 are one token.
            int n = s.length();
            int end = i + 1;
            while (end < n && (isIdChar(s.charAt(end)) || s.charAt(end) == '.')) {
                end++;
            }
            return pack(T_NUMBER, end);
        }
        if (c == '?') {
            int n = s.length();
            int end = i + 1;
            while (end < n && isDigit(s.charAt(end))) {
                end++;
            }
            return pack(T_PARAM, end);
        }
        return rareToken(s, i, c);
    }

    /** {@link #token} for comments, literals, quoted identifiers, named parameters and other characters. */
    private static long rareToken(String s, int i, char c) {
        int n = s.length();
        switch (c) {
            case '-':
                if (i + 1 < n && s.charAt(i + 1) == '-') {
                    int nl = s.indexOf('\n', i + 2);
                    return pack(T_BLANK, nl < 0 ? n : nl + 1);
                }
                return pack(T_OTHER, i + 1);
            case '/':
                if (i + 1 < n && s.charAt(i + 1) == '*') {
                    int close = s.indexOf("*/", i + 2);
                    return pack(T_BLANK, close < 0 ? n : close + 2);
                }
                return pack(T_OTHER, i + 1);
            case '\'':
                return pack(T_LITERAL, quotedEnd(s, i, '\''));
            case '"':
            case '`':
                return pack(T_QUOTED_ID, quotedEnd(s, i, c));
            case '[': {
                // SQLite's MS-Access style identifier: no escape, ends at the first ']'.
                int close = s.indexOf(']', i + 1);
                return pack(T_QUOTED_ID, close < 0 ? n : close + 1);
            }
            case ':':
            case '@':
            case '$':
            case '#': {
                int paramEnd = namedParameterEnd(s, i);
                return paramEnd < 0 ? pack(T_OTHER, i + 1) : pack(T_PARAM, paramEnd);
            }
            default:
                return pack(T_OTHER, i + 1);
        }
    }

    private static long pack(int type, int end) {
        return ((long) type << 32) | end;
    }

    /** The type of a token returned by {@link #token}. */
    static int type(long token) {
        return (int) (token >>> 32);
    }

    /** The end (exclusive) of a token returned by {@link #token}. */
    static int end(long token) {
        return (int) token;
    }

    /**
     * Whether {@code s} at {@code from} spells the lower-case ASCII keyword {@code lower} in any
     * ASCII case; the caller has checked that the word is as long as the keyword. Java's own case
     * folding is avoided because it maps some non-ASCII letters (dotless i, long s, Kelvin sign)
     * onto ASCII ones, which SQLite does not.
     */
    static boolean spells(String s, int from, String lower) {
        for (int j = 0; j < lower.length(); j++) {
            char c = s.charAt(from + j);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** The end of a quoted token opened at {@code i}; a doubled quote is an escaped quote. Unterminated: the text's end. */
    private static int quotedEnd(String s, int i, char quote) {
        int from = i + 1;
        for (;;) {
            int q = s.indexOf(quote, from);
            if (q < 0) {
                return s.length();
            }
            if (q + 1 < s.length() && s.charAt(q + 1) == quote) {
                from = q + 2;
                continue;
            }
            return q + 1;
        }
    }

    /**
     * The end of a {@code :name}, {@code @name}, {@code $name} or {@code #name} parameter starting
     * at {@code i}, or -1 when SQLite would not read one there (no name characters follow, or
     * {@code #} is followed by a digit, which is an internal register reference). Like SQLite it
     * also takes Tcl's {@code ::} and {@code (…)} suffixes.
     */
    private static int namedParameterEnd(String s, int i) {
        int n = s.length();
        int j = i + 1;
        if (s.charAt(i) == '#' && j < n && isDigit(s.charAt(j))) {
            return -1;
        }
        int nameChars = 0;
        while (j < n) {
            char c = s.charAt(j);
            if (isIdChar(c)) {
                nameChars++;
                j++;
            } else if (c == '(' && nameChars > 0) {
                j++;
                while (j < n && !isSpace(s.charAt(j)) && s.charAt(j) != ')') {
                    j++;
                }
                return j < n && s.charAt(j) == ')' ? j + 1 : -1;
            } else if (c == ':' && j + 1 < n && s.charAt(j + 1) == ':') {
                j += 2;
            } else {
                break;
            }
        }
        return nameChars > 0 ? j : -1;
    }

    private static int wordEnd(String s, int j) {
        int n = s.length();
        while (j < n && isIdChar(s.charAt(j))) {
            j++;
        }
        return j;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }

    /** SQLite starts an identifier with a letter, '_' or any non-ASCII character. */
    private static boolean isIdStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** SQLite's IdChar: letters, digits, '_', '$' and any non-ASCII character. */
    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }
}
