package io.dqlite4j.r2dbc;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;

/** The {@link Result.Segment} kinds a dqlite result produces. */
final class Segments {
    private Segments() {
    }

    record RowSegment(Row row) implements Result.RowSegment {
    }

    record UpdateCount(long value) implements Result.UpdateCount {
    }

    /** A failure of the statement, delivered in the segment stream (or as {@code onError} by {@code map}). */
    record Message(R2dbcException exception) implements Result.Message {
        @Override
        public int errorCode() {
            return exception.getErrorCode();
        }

        @Override
        public String sqlState() {
            return exception.getSqlState();
        }

        @Override
        public String message() {
            return exception.getMessage();
        }
    }
}
