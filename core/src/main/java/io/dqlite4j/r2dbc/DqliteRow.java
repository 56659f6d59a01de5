package io.dqlite4j.r2dbc;

import io.dqlite4j.types.Iso8601;
import io.dqlite4j.types.UnixTime;
import io.dqlite4j.types.ValueConversions;
import io.dqlite4j.wire.RowBatch;
import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;

/**
 * One row of a result: a view of a row of a decoded batch. Like every R2DBC row it is meant to
 * be read inside the mapping function; the values it returns stay valid afterwards.
 *
 * <p>{@code get(i)} (and {@code get(i, Object.class)}) returns the natural value: Long (INTEGER),
 * Double (FLOAT), String (TEXT), {@link ByteBuffer} (BLOB), Boolean (BOOLEAN), and
 * {@link LocalDateTime} in UTC for UNIXTIME and ISO8601 cells of DATETIME/DATE/TIMESTAMP columns
 * (an ISO8601 text that is not a date-time comes back as its String; an empty one is NULL).
 * {@code get(i, type)} converts with the JDBC driver's rules ({@link ValueConversions}): every
 * java.time type, String, the numeric types, BigDecimal, Boolean, byte[], UUID …; plus
 * {@link ByteBuffer}, {@link Blob} and {@link Clob}.
 */
final class DqliteRow implements Row {
    private final RowBatch batch;
    private final int row;
    private final DqliteRowMetadata metadata;

    DqliteRow(RowBatch batch, int row, DqliteRowMetadata metadata) {
        this.batch = batch;
        this.row = row;
        this.metadata = metadata;
    }

    @Override
    public RowMetadata getMetadata() {
        return metadata;
    }

    @Override
    public <T> T get(int index, Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        metadata.checkIndex(index);
        return convert(ValueConversions.raw(batch, row, index), type);
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        return get(metadata.indexOf(name), type);
    }

    @SuppressWarnings("unchecked")
    static <T> T convert(Object raw, Class<T> type) {
        if (raw == null || raw instanceof Iso8601 iso && iso.isNull()) {
            return null;
        }
        if (type == Object.class) {
            return (T) natural(raw);
        }
        if (type == ByteBuffer.class) {
            return (T) ByteBuffer.wrap(ValueConversions.convert(raw, byte[].class));
        }
        if (type == Blob.class) {
            ByteBuffer bytes = ByteBuffer.wrap(ValueConversions.convert(raw, byte[].class));
            return (T) Blob.from(FuturePublisher.just(bytes));
        }
        if (type == Clob.class) {
            String text = ValueConversions.convert(raw, String.class);
            return (T) Clob.from(FuturePublisher.just(text));
        }
        return ValueConversions.convert(raw, type);
    }

    /** The value {@code get(i)} returns; see the class comment. */
    static Object natural(Object raw) {
        if (raw instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (raw instanceof UnixTime) {
            return ValueConversions.convert(raw, LocalDateTime.class);
        }
        if (raw instanceof Iso8601 iso) {
            try {
                return ValueConversions.convert(raw, LocalDateTime.class);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return iso.text(); // not a date-time: never lose the stored text
            }
        }
        return ValueConversions.convert(raw, Object.class);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Row[");
        for (int c = 0; c < metadata.size(); c++) {
            if (c > 0) {
                sb.append(", ");
            }
            sb.append(metadata.getColumnMetadata(c).getName()).append('=');
            Object v = batch.getObject(row, c);
            sb.append(v instanceof byte[] b ? "blob(" + b.length + ")" : String.valueOf(v));
        }
        return sb.append(']').toString();
    }
}
