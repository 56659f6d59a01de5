package io.dqlite4j.r2dbc;

import io.dqlite4j.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The parameters of one SQL text, numbered the way SQLite numbers them, and how R2DBC bind calls
 * address them.
 *
 * <p>SQLite's rules: {@code ?} takes the next index (one past the highest so far), {@code ?NNN}
 * takes index NNN, and a named parameter ({@code :name}, {@code @name}, {@code $name}; the
 * prefix is part of the name) takes the next index on its first appearance and the same index
 * on every later one. Markers inside string literals, quoted identifiers and comments do not
 * count. A text with several statements numbers each statement on its own; their parameters
 * follow each other in the tuple (see {@link SqlStatement#placeholderCount()}).
 *
 * <p>R2DBC addressing ({@link io.r2dbc.spi.Statement#bind(int, Object)} is 0-based):
 * <ul>
 *   <li>{@code bind(i, v)} binds the marker named {@code $<i+1>} when the text has one (jOOQ
 *       renders {@code $1, $2, …} and binds by index, and the numbers need not appear in order),
 *       otherwise the parameter with SQLite index {@code i + 1} ({@code ?} placeholders).</li>
 *   <li>{@code bind(name, v)} binds every occurrence of the named marker; the name is matched
 *       with its prefix ({@code "$1"}, {@code ":id"}, {@code "@id"}) or, when exactly one
 *       prefixed form exists, without it ({@code "id"}).</li>
 * </ul>
 */
final class BindMarkers {
    private static final int[] NONE = new int[0];

    private final int count;
    /** Name (with prefix) → 1-based SQLite indices in the tuple. */
    private final Map<String, int[]> byName;
    /** Whether a marker exists for each index (1-based; slot 0 unused). */
    private final boolean[] present;

    private BindMarkers(int count, Map<String, int[]> byName, boolean[] present) {
        this.count = count;
        this.byName = byName;
        this.present = present;
    }

    /** Scans an analysed text. */
    static BindMarkers of(SqlStatement analysis) {
        if (analysis.placeholderCount() == 0) {
            return new BindMarkers(0, Map.of(), new boolean[1]);
        }
        List<SqlStatement> parts = analysis.hasMultipleStatements() ? analysis.statements() : List.of(analysis);
        Map<String, List<Integer>> names = new LinkedHashMap<>();
        List<Integer> indices = new ArrayList<>();
        int offset = 0;
        for (SqlStatement part : parts) {
            offset += scan(part.sql(), offset, names, indices);
        }
        boolean[] present = new boolean[offset + 1];
        for (int i : indices) {
            present[i] = true;
        }
        Map<String, int[]> byName = new HashMap<>();
        names.forEach((k, v) -> byName.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return new BindMarkers(offset, byName, present);
    }

    /** Scans one statement; adds its markers at {@code offset} and returns its parameter count. */
    private static int scan(String sql, int offset, Map<String, List<Integer>> names, List<Integer> indices) {
        Map<String, Integer> local = new HashMap<>();
        int max = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'', '"', '`' -> i = skipQuoted(sql, i, c);
                case '[' -> {
                    int end = sql.indexOf(']', i + 1);
                    i = end < 0 ? n : end + 1;
                }
                case '-' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '-') {
                        int end = sql.indexOf('\n', i + 2);
                        i = end < 0 ? n : end + 1;
                    } else {
                        i++;
                    }
                }
                case '/' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '*') {
                        int end = sql.indexOf("*/", i + 2);
                        i = end < 0 ? n : end + 2;
                    } else {
                        i++;
                    }
                }
                case '?' -> {
                    int j = i + 1;
                    while (j < n && sql.charAt(j) >= '0' && sql.charAt(j) <= '9') {
                        j++;
                    }
                    int index;
                    if (j > i + 1) {
                        index = parseIndex(sql.substring(i + 1, j));
                        max = Math.max(max, index);
                        names.computeIfAbsent(sql.substring(i, j), k -> new ArrayList<>()).add(offset + index);
                    } else {
                        index = ++max;
                    }
                    indices.add(offset + index);
                    i = j;
                }
                case ':', '@', '$' -> {
                    int j = variableEnd(sql, i);
                    if (j > i + 1) {
                        String name = sql.substring(i, j);
                        Integer index = local.get(name);
                        if (index == null) {
                            index = ++max;
                            local.put(name, index);
                            names.computeIfAbsent(name, k -> new ArrayList<>()).add(offset + index);
                            indices.add(offset + index);
                        }
                        i = j;
                    } else {
                        i++;
                    }
                }
                default -> {
                    if (isIdChar(c)) {
                        // Skip the whole word so that "a$b" is not taken for a parameter.
                        int j = i + 1;
                        while (j < n && isIdChar(sql.charAt(j))) {
                            j++;
                        }
                        i = j;
                    } else {
                        i++;
                    }
                }
            }
        }
        return max;
    }

    private static int parseIndex(String digits) {
        try {
            return Math.max(1, Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE / 2;
        }
    }

    /** SQLite's tokenizer rule for a variable: id characters, with TCL-style "::" and "(...)" suffixes. */
    private static int variableEnd(String sql, int start) {
        int n = sql.length();
        int ids = 0;
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (isIdChar(c)) {
                ids++;
                i++;
            } else if (c == '(' && ids > 0) {
                int j = i + 1;
                while (j < n && !Character.isWhitespace(sql.charAt(j)) && sql.charAt(j) != ')') {
                    j++;
                }
                return j < n && sql.charAt(j) == ')' ? j + 1 : j;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
            } else {
                break;
            }
        }
        return ids == 0 ? start + 1 : i;
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** The number of values the tuple carries (the highest SQLite index). */
    int count() {
        return count;
    }

    /** Whether some marker uses this 1-based index (indices skipped by {@code ?NNN} have none). */
    boolean hasMarker(int index) {
        return index >= 1 && index <= count && present[index];
    }

    /**
     * The 1-based tuple indices that {@code bind(index, …)} addresses.
     *
     * @throws IndexOutOfBoundsException if there is no such parameter
     */
    int[] forIndex(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("bind index must be >= 0, not " + index);
        }
        int[] named = byName.get("$" + (index + 1));
        if (named != null) {
            return named;
        }
        if (index < count) {
            return new int[] {index + 1};
        }
        throw new IndexOutOfBoundsException("bind index " + index + " is out of range: the statement has "
                + count + " parameter" + (count == 1 ? "" : "s") + " (indices 0.." + (count - 1) + ")");
    }

    /**
     * The 1-based tuple indices that {@code bind(name, …)} addresses.
     *
     * @throws NoSuchElementException if the statement has no such parameter
     */
    int[] forName(String name) {
        int[] exact = byName.get(name);
        if (exact != null) {
            return exact;
        }
        if (!name.isEmpty() && ":@$?".indexOf(name.charAt(0)) < 0) {
            int[] found = NONE;
            int matches = 0;
            for (String prefix : new String[] {":", "@", "$"}) {
                int[] candidate = byName.get(prefix + name);
                if (candidate != null) {
                    found = candidate;
                    matches++;
                }
            }
            if (matches == 1) {
                return found;
            }
            if (matches > 1) {
                throw new NoSuchElementException("parameter name '" + name + "' is ambiguous: the statement uses it "
                        + "with several prefixes; bind it with its prefix (:" + name + ", @" + name + ", $" + name + ")");
            }
        }
        throw new NoSuchElementException("the statement has no parameter named '" + name + "'"
                + (byName.isEmpty() ? "" : "; its named parameters are " + byName.keySet().stream().sorted().toList()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BindMarkers[count=").append(count);
        byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(", ").append(e.getKey()).append('=').append(Arrays.toString(e.getValue())));
        return sb.append(']').toString();
    }
}
