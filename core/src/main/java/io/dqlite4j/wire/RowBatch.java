package io.dqlite4j.wire;

import java.util.Arrays;

/**
 * The rows of one ROWS message, decoded.
 *
 * <p>Values are stored column-major-free in three flat arrays indexed by {@code row * columns +
 * column}: a type code per value, a {@code long} per value (integers, booleans, Unix times and the
 * bits of doubles) and a reference per value (strings and byte arrays). That costs three
 * allocations per batch instead of one box per cell, which keeps row iteration cheap.
 *
 * <p>Type codes are per value, not per column: SQLite is dynamically typed, and dqlite picks
 * DATETIME/BOOLEAN codes from the declared column type (docs/protocol.md §4.4).
 */
public final class RowBatch {
    private final String[] columns;
    private final int rowCount;
    private final byte[] types;
    private final long[] longs;
    private final Object[] refs;
    private final boolean last;

    RowBatch(String[] columns, int rowCount, byte[] types, long[] longs, Object[] refs, boolean last) {
        this.columns = columns;
        this.rowCount = rowCount;
        this.types = types;
        this.longs = longs;
        this.refs = refs;
        this.last = last;
    }

    /** The result's column names, as this batch repeats them. */
    public String[] columns() {
        return columns.clone();
    }

    /** The number of columns. */
    public int columnCount() {
        return columns.length;
    }

    /** The name of column {@code column} (0-based). */
    public String columnName(int column) {
        return columns[column];
    }

    /** Whether this is the last batch of the result (DONE rather than PART). */
    public boolean isLast() {
        return last;
    }

    /** The rows in this batch. */
    public int rowCount() {
        return rowCount;
    }

    /** The type of one value. */
    public ValueType type(int row, int column) {
        return ValueType.fromCode(types[index(row, column)]);
    }

    /** The raw type code of one value; cheaper than {@link #type(int, int)} in loops. */
    public int typeCode(int row, int column) {
        return types[index(row, column)];
    }

    /** Whether the value is SQL NULL. */
    public boolean isNull(int row, int column) {
        return types[index(row, column)] == 5;
    }

    /** The integer payload of an INTEGER, UNIXTIME or BOOLEAN value (0 for others). */
    public long getLong(int row, int column) {
        return longs[index(row, column)];
    }

    /** The double payload of a FLOAT value. */
    public double getDouble(int row, int column) {
        return Double.longBitsToDouble(longs[index(row, column)]);
    }

    /** The reference payload: a String for TEXT and ISO8601, a byte[] for BLOB, else null. */
    public Object getRef(int row, int column) {
        return refs[index(row, column)];
    }

    /**
     * One value as a plain Java object: Long (INTEGER, UNIXTIME), Double, String (TEXT, ISO8601),
     * byte[] (the array itself, not a copy), Boolean, or null.
     */
    public Object getObject(int row, int column) {
        int i = index(row, column);
        return switch (types[i]) {
            case 1, 9 -> longs[i];
            case 2 -> Double.longBitsToDouble(longs[i]);
            case 11 -> longs[i] != 0;
            case 5 -> null;
            default -> refs[i];
        };
    }

    private int index(int row, int column) {
        if (row < 0 || row >= rowCount || column < 0 || column >= columns.length) {
            throw new IndexOutOfBoundsException("row " + row + ", column " + column + " outside "
                    + rowCount + " x " + columns.length);
        }
        return row * columns.length + column;
    }

    boolean sameColumns(String[] other) {
        return Arrays.equals(columns, other);
    }

    String[] columnsShared() {
        return columns;
    }

    @Override
    public String toString() {
        return "RowBatch[" + rowCount + " rows x " + Arrays.toString(columns) + (last ? ", last" : ", part") + "]";
    }
}
