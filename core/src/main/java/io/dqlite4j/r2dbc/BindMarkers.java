package io.dqlite4j.r2dbc;

import io.dqlite4j.sql.SqlLexer;
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
 * takes index NNN, and a named parameter ({@code :name}, {@code @name}, {@code $name},
 * {@code #name}; the prefix is part of the name) takes the next index on its first appearance and
 * the same index on every later one. Markers inside string literals, quoted identifiers and comments do not
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

    /**
     * Scans one statement; adds its markers at {@code offset} and returns its parameter count.
     * Only {@link SqlLexer#T_PARAM} tokens are markers, so the lexer decides what a literal,
     * quoted name or comment hides, exactly as {@link SqlStatement} does when it counts them.
     */
    private static int scan(String sql, int offset, Map<String, List<Integer>> names, List<Integer> indices) {
        Map<String, Integer> local = new HashMap<>();
        int max = 0;
        for (int i = 0; i < sql.length();) {
            long token = SqlLexer.token(sql, i);
            int end = SqlLexer.end(token);
            if (SqlLexer.type(token) == SqlLexer.T_PARAM) {
                if (sql.charAt(i) != '?') {
                    String name = sql.substring(i, end);
                    Integer index = local.get(name);
                    if (index == null) {
                        index = ++max;
                        local.put(name, index);
                        names.computeIfAbsent(name, k -> new ArrayList<>()).add(offset + index);
                        indices.add(offset + index);
                    }
                } else if (end > i + 1) {
                    int index = parseIndex(sql.substring(i + 1, end));
                    max = Math.max(max, index);
                    names.computeIfAbsent(sql.substring(i, end), k -> new ArrayList<>()).add(offset + index);
                    indices.add(offset + index);
                } else {
                    indices.add(offset + ++max);
                }
            }
            i = end;
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
