package io.dqlite4j.sql;

/**
 * SQLite's tokenisation rules, the one place this project writes them down: where a
 * {@code '…'} literal, a {@code "…"} / {@code `…`} / {@code […]} identifier, a comment, a word,
 * a number or a parameter ({@code ?}, {@code ?NNN}, {@code :name}, {@code @name}, {@code $name},
 * {@code #name}) that starts at a given position ends, which characters start and continue an
 * identifier, and how a word is compared with a keyword. Text inside literals and quoted
 * identifiers is part of one token, so it never counts as a keyword, parameter or separator. An
 * unterminated literal, identifier or comment runs to the end of the text.
 *
 * <p><b>Internal, shared between this project's modules.</b> The class is public only so that the
 * project's other modules (the jOOQ extension) scan SQL with the same rules as the drivers; it is
 * not an API for applications and may change in any release.
 *
 * <p>{@link #token(String, int)} puts the rules together into a whole token; the R2DBC bind
 * markers, the jOOQ extension's inspector and {@code SqlTokens} scan with it.
 * {@link SqlStatement#analyze}, which runs on every JDBC execute, does the same dispatch inline in
 * its own loop and calls only the pieces: measured with a 100-character INSERT, calling
 * {@code token} for each token made the analysis 5-30% slower, depending on how the JIT compiled
 * the loop (the packed result has to be taken apart, and the token types are no longer constants
 * at each branch of the loop).
 *
 * <p>Stateless and allocation-free: {@code token} returns the token's type and end packed into
 * one {@code long}, read back with {@link #type(long)} and {@link #end(long)}.
 */
public final class SqlLexer {

    /** Not produced by {@link #token}: what scanners use for the end of the text. */
    public static final int T_EOF = 0;
    /** A bare word: a keyword or an unquoted name. */
    public static final int T_WORD = 1;
    /** A number, including its exponent, fraction or hexadecimal digits. */
    public static final int T_NUMBER = 2;
    /** A {@code '…'} string literal. */
    public static final int T_LITERAL = 3;
    /** A {@code "…"}, {@code `…`} or {@code […]} quoted identifier. */
    public static final int T_QUOTED_ID = 4;
    /** A parameter: {@code ?}, {@code ?NNN}, {@code :name}, {@code @name}, {@code $name} or {@code #name}. */
    public static final int T_PARAM = 5;
    /** {@code ;} */
    public static final int T_SEMI = 6;
    /** {@code (} */
    public static final int T_LPAREN = 7;
    /** {@code )} */
    public static final int T_RPAREN = 8;
    /** {@code =} */
    public static final int T_EQ = 9;
    /** {@code .} */
    public static final int T_DOT = 10;
    /** {@code ,} */
    public static final int T_COMMA = 11;
    /** Any other single character: operators, and characters SQLite would not accept. */
    public static final int T_OTHER = 12;
    /** One whitespace character, or a whole comment: for the caller to skip. */
    public static final int T_BLANK = 13;

    private SqlLexer() {
    }

    /**
     * The token that starts at {@code i}, which must be inside the text: its type and end, packed;
     * read them with {@link #type} and {@link #end}. Whitespace and comments come back as
     * {@link #T_BLANK} tokens for the caller to skip.
     */
    public static long token(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        if (isSpace(c)) {
            return pack(T_BLANK, i + 1);
        }
        if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
            int nl = s.indexOf('\n', i + 2);
            return pack(T_BLANK, nl < 0 ? n : nl + 1);
        }
        if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
            int close = s.indexOf("*/", i + 2);
            return pack(T_BLANK, close < 0 ? n : close + 2);
        }
        switch (c) {
            case '\'':
                return pack(T_LITERAL, quotedEnd(s, i, '\''));
            case '"':
            case '`':
                return pack(T_QUOTED_ID, quotedEnd(s, i, c));
            case '[':
                return pack(T_QUOTED_ID, bracketEnd(s, i));
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
            case '?':
                return pack(T_PARAM, digitsEnd(s, i + 1));
            case ':':
            case '@':
            case '$':
            case '#': {
                int end = namedParameterEnd(s, i);
                return end < 0 ? pack(T_OTHER, i + 1) : pack(T_PARAM, end);
            }
            default:
                if (isIdStart(c)) {
                    return pack(T_WORD, wordEnd(s, i + 1));
                }
                if (isDigit(c)) {
                    return pack(T_NUMBER, numberEnd(s, i + 1));
                }
                return pack(T_OTHER, i + 1);
        }
    }

    private static long pack(int type, int end) {
        return ((long) type << 32) | end;
    }

    /** The type of a token returned by {@link #token}. */
    public static int type(long token) {
        return (int) (token >>> 32);
    }

    /** The end (exclusive) of a token returned by {@link #token}. */
    public static int end(long token) {
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

    /**
     * Whether the token {@code s[start, end)} is the lower-case ASCII keyword {@code lower}, in any
     * ASCII case (see {@link #spells}); the caller checks that the token is a {@link #T_WORD}.
     */
    public static boolean isKeyword(String s, int start, int end, String lower) {
        return end - start == lower.length() && spells(s, start, lower);
    }

    /**
     * A whole name as SQLite reads it: the text inside its quotes ({@code "…"}, {@code `…`},
     * {@code […]}, {@code '…'}) with doubled quotes undone, or the bare word as it is.
     */
    public static String unquote(String name) {
        return name.isEmpty() ? name : identifier(name, 0, name.length());
    }

    /**
     * The name that the {@link #T_WORD}, {@link #T_QUOTED_ID} or {@link #T_LITERAL} token
     * {@code s[start, end)} stands for: a word as written, a quoted one without its quotes and
     * with doubled quotes undone ({@code […]} has no escape). SQLite takes a {@code '…'} string
     * where it expects a name, so literals are unquoted the same way.
     */
    static String identifier(String s, int start, int end) {
        char open = s.charAt(start);
        if (open != '"' && open != '`' && open != '\'' && open != '[') {
            return s.substring(start, end);
        }
        char close = open == '[' ? ']' : open;
        int last = end - 1 > start && s.charAt(end - 1) == close ? end - 1 : end;
        String inner = s.substring(start + 1, last);
        return open == '[' ? inner : inner.replace(String.valueOf(close) + close, String.valueOf(close));
    }

    /** The end of a quoted token opened at {@code i}; a doubled quote is an escaped quote. */
    static int quotedEnd(String s, int i, char quote) {
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

    /** The end of SQLite's MS-Access style {@code […]} identifier opened at {@code i}: no escape, the first ']'. */
    static int bracketEnd(String s, int i) {
        int close = s.indexOf(']', i + 1);
        return close < 0 ? s.length() : close + 1;
    }

    /**
     * The end of a {@code :name}, {@code @name}, {@code $name} or {@code #name} parameter starting
     * at {@code i}, or -1 when SQLite would not read one there (no name characters follow, or
     * {@code #} is followed by a digit, which is an internal register reference). Like SQLite it
     * also takes Tcl's {@code ::} and {@code (…)} suffixes.
     */
    static int namedParameterEnd(String s, int i) {
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

    /** The end of the digits from {@code j} on: the index of a {@code ?NNN} parameter. */
    static int digitsEnd(String s, int j) {
        int n = s.length();
        while (j < n && isDigit(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The end of a word whose first character is before {@code j}. */
    static int wordEnd(String s, int j) {
        int n = s.length();
        while (j < n && isIdChar(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** Numbers run over identifier characters and '.', so {@code 1e5}, {@code 0x1F} and {@code 1.5} are one token. */
    static int numberEnd(String s, int j) {
        int n = s.length();
        while (j < n && (isIdChar(s.charAt(j)) || s.charAt(j) == '.')) {
            j++;
        }
        return j;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }

    /** SQLite starts an identifier with a letter, '_' or any non-ASCII character. */
    static boolean isIdStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** SQLite's IdChar: letters, digits, '_', '$' and any non-ASCII character. */
    static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }
}
