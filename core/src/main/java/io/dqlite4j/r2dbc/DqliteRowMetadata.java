package io.dqlite4j.r2dbc;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.RowMetadata;
import java.util.List;
import java.util.NoSuchElementException;

/** The columns of one result. Names are looked up case-insensitively; the first match wins. */
final class DqliteRowMetadata implements RowMetadata {
    private final DqliteColumnMetadata[] columns;
    private final List<DqliteColumnMetadata> list;

    DqliteRowMetadata(DqliteColumnMetadata[] columns) {
        this.columns = columns;
        this.list = List.of(columns);
    }

    int size() {
        return columns.length;
    }

    @Override
    public DqliteColumnMetadata getColumnMetadata(int index) {
        checkIndex(index);
        return columns[index];
    }

    @Override
    public DqliteColumnMetadata getColumnMetadata(String name) {
        return columns[indexOf(name)];
    }

    @Override
    public List<? extends ColumnMetadata> getColumnMetadatas() {
        return list;
    }

    @Override
    public boolean contains(String columnName) {
        return find(columnName) >= 0;
    }

    void checkIndex(int index) {
        if (index < 0 || index >= columns.length) {
            throw new IndexOutOfBoundsException("column index " + index + " is out of range 0.." + (columns.length - 1));
        }
    }

    int indexOf(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        int i = find(name);
        if (i < 0) {
            throw new NoSuchElementException("no column named '" + name + "'; the columns are "
                    + list.stream().map(DqliteColumnMetadata::getName).toList());
        }
        return i;
    }

    private int find(String name) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getName().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "RowMetadata" + list;
    }
}
