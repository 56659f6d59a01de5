package io.dqlite4j.r2dbc;

import io.dqlite4j.types.ParameterEncoder;
import io.dqlite4j.wire.Params;
import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import io.r2dbc.spi.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter sets of one statement: the one being bound and those saved by
 * {@link io.r2dbc.spi.Statement#add()}. Values are converted when they are bound, so a value
 * dqlite cannot carry fails at the {@code bind} call:
 *
 * values map as {@link ParameterEncoder} describes (the JDBC driver's mapping: ByteBuffer as BLOB,
 * BigDecimal as exact text, java.time as ISO-8601 text, …; text containing U+0000 is refused);
 * {@code null} comes through {@code bindNull}; {@link Blob} and {@link Clob} are read completely
 * when the statement executes; a {@link Parameter} binds its value (an {@code In} parameter; its
 * type is not needed).
 * Not thread-safe, like the statement that owns it.
 */
final class Bindings {
    private final BindMarkers markers;
    private final List<Binding> saved = new ArrayList<>();
    private Binding current;

    Bindings(BindMarkers markers) {
        this.markers = markers;
        this.current = new Binding(markers.count());
    }

    BindMarkers markers() {
        return markers;
    }

    void bind(int index, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; use bindNull(" + index + ", type)");
        }
        set(markers.forIndex(index), value);
    }

    void bind(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; use bindNull(\"" + name + "\", type)");
        }
        set(markers.forName(name), value);
    }

    void bindNull(int index, Class<?> type) {
        requireType(type);
        set(markers.forIndex(index), null);
    }

    void bindNull(String name, Class<?> type) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        requireType(type);
        set(markers.forName(name), null);
    }

    private static void requireType(Class<?> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
    }

    private void set(int[] indices, Object value) {
        Object v = value instanceof Parameter p ? p.getValue() : value;
        for (int index : indices) {
            current.set(index - 1, v);
        }
    }

    /** Saves the current set and starts a new one ({@code Statement.add()}). */
    void add() {
        current.checkComplete(markers, saved.size());
        saved.add(current);
        current = new Binding(markers.count());
    }

    /**
     * The sets to execute, in order: the saved ones plus the current one. Resets this object, so
     * the statement can be bound again.
     *
     * @throws IllegalStateException if a set leaves a parameter unbound, or the last {@code add()}
     *         was not followed by bindings
     */
    List<Binding> drain() {
        if (!saved.isEmpty() && !current.touched) {
            saved.clear();
            current = new Binding(markers.count());
            throw new IllegalStateException("add() was called without binding a parameter set after it: a trailing "
                    + "add() is not allowed (R2DBC Statement.add)");
        }
        List<Binding> all = new ArrayList<>(saved);
        if (saved.isEmpty() || current.touched) {
            current.checkComplete(markers, saved.size());
            all.add(current);
        }
        saved.clear();
        current = new Binding(markers.count());
        return all;
    }

    /** One parameter set. */
    static final class Binding {
        final Params params;
        /** Values still to be read (Blob, Clob), by 0-based tuple index; null when there are none. */
        Map<Integer, Object> lobs;
        boolean touched;

        Binding(int size) {
            this.params = new Params(size);
        }

        void set(int i, Object v) {
            touched = true;
            if (lobs != null) {
                lobs.remove(i);
            }
            ParameterEncoder.Outcome outcome = v instanceof Blob || v instanceof Clob ? ParameterEncoder.Outcome.LOB
                    : ParameterEncoder.set(params, i, v); // R2DBC's own Blob and Clob types
            switch (outcome) {
                case SET -> {
                }
                case LOB -> {
                    // Read when the statement runs; a placeholder keeps the tuple complete.
                    params.setNull(i);
                    if (lobs == null) {
                        lobs = new HashMap<>();
                    }
                    lobs.put(i, v);
                }
                default -> throw new IllegalArgumentException("parameter " + (i + 1) + " has unsupported type "
                        + v.getClass().getName() + "; bind a String, number, Boolean, byte[], ByteBuffer, BigDecimal, "
                        + "java.time value, UUID, Blob or Clob");
            }
        }

        void checkComplete(BindMarkers markers, int setNumber) {
            int size = params.size();
            for (int i = 0; i < size; i++) {
                if (params.type(i) == null) {
                    if (markers.hasMarker(i + 1)) {
                        throw new IllegalStateException("parameter " + (i + 1) + " of parameter set " + (setNumber + 1)
                                + " is not bound; bind a value or use bindNull");
                    }
                    params.setNull(i); // an index skipped by ?NNN: SQLite binds NULL there too
                }
            }
        }
    }
}
