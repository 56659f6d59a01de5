package io.dqlite4j.r2dbc;

import io.dqlite4j.wire.RowBatch;
import io.dqlite4j.wire.ValueType;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Nullability;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Type;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;

/**
 * One result column. SQLite is dynamically typed and dqlite sends a type code per value, so the
 * column's type is the type of its first non-NULL value in the first batch (a column that is
 * NULL throughout that batch reports {@link #NULL_TYPE}). {@link #getNativeTypeMetadata()} gives
 * the dqlite {@link ValueType}.
 */
final class DqliteColumnMetadata implements ColumnMetadata {
    /** The type of a column whose values seen so far are all NULL. */
    static final Type NULL_TYPE = new Type() {
        @Override
        public Class<?> getJavaType() {
            return Object.class;
        }

        @Override
        public String getName() {
            return "NULL";
        }

        @Override
        public String toString() {
            return "NULL";
        }
    };

    private final String name;
    private final ValueType valueType;

    DqliteColumnMetadata(String name, ValueType valueType) {
        this.name = name;
        this.valueType = valueType;
    }

    /** The metadata of every column of a result, from its first batch. */
    static DqliteColumnMetadata[] of(RowBatch batch) {
        int columns = batch.columnCount();
        DqliteColumnMetadata[] result = new DqliteColumnMetadata[columns];
        for (int c = 0; c < columns; c++) {
            ValueType type = ValueType.NULL;
            for (int r = 0; r < batch.rowCount(); r++) {
                if (!batch.isNull(r, c)) {
                    type = batch.type(r, c);
                    break;
                }
            }
            result[c] = new DqliteColumnMetadata(batch.columnName(c), type);
        }
        return result;
    }

    /** The R2DBC type of a dqlite value type. */
    static Type r2dbcType(ValueType type) {
        return switch (type) {
            case INTEGER -> R2dbcType.BIGINT;
            case FLOAT -> R2dbcType.DOUBLE;
            case TEXT -> R2dbcType.VARCHAR;
            case BLOB -> R2dbcType.VARBINARY;
            case BOOLEAN -> R2dbcType.BOOLEAN;
            case UNIXTIME, ISO8601 -> R2dbcType.TIMESTAMP;
            case NULL -> NULL_TYPE;
        };
    }

    /** The class {@code Row.get(i)} returns for a value of this type. */
    static Class<?> javaType(ValueType type) {
        return switch (type) {
            case INTEGER -> Long.class;
            case FLOAT -> Double.class;
            case TEXT -> String.class;
            case BLOB -> ByteBuffer.class;
            case BOOLEAN -> Boolean.class;
            case UNIXTIME, ISO8601 -> LocalDateTime.class;
            case NULL -> Object.class;
        };
    }

    @Override
    public Type getType() {
        return r2dbcType(valueType);
    }

    @Override
    public Class<?> getJavaType() {
        return javaType(valueType);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The dqlite {@link ValueType} of the column's first non-NULL value. */
    @Override
    public ValueType getNativeTypeMetadata() {
        return valueType;
    }

    @Override
    public Nullability getNullability() {
        return Nullability.UNKNOWN;
    }

    @Override
    public String toString() {
        return "Column[" + name + " " + valueType + "]";
    }
}
