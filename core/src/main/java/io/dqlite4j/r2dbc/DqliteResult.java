package io.dqlite4j.r2dbc;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.wire.RowBatch;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;

/**
 * The outcome of one statement execution (one parameter set): either rows, streamed from the
 * server as the subscriber's demand allows, or an update count.
 *
 * <ul>
 *   <li>A query (SELECT, VALUES, PRAGMA read, anything with RETURNING) yields one
 *       {@link Result.RowSegment} per row; DML with RETURNING then yields an
 *       {@link Result.UpdateCount} equal to its number of rows.</li>
 *   <li>Any other statement yields one {@link Result.UpdateCount}: the rows changed by
 *       INSERT/UPDATE/DELETE/REPLACE, 0 for everything else.</li>
 *   <li>A failure in the middle of the rows yields a {@link Result.Message}; {@link #map} and
 *       {@link #getRowsUpdated()} turn it into {@code onError}, {@link #flatMap} hands it to the
 *       mapping function, and {@link #filter} can drop it.</li>
 * </ul>
 *
 * <p>A result is consumed once. Cancelling its subscription discards the remaining rows; the
 * connection reads them to the end of the result (the protocol cannot stop a running query) and
 * then serves the next statement. Rows and segments are delivered on the connection's I/O thread
 * or on the thread that requested them: mapping functions must not block.
 */
public final class DqliteResult implements Result {
    private final SegmentSource source;
    private final RowSource rows;
    private final AtomicBoolean consumed;
    private final Predicate<Result.Segment> filter;
    /** For rows read in full (emulated RETURNING) and the session's own steps; null otherwise. */
    private final List<RowBatch> batches;
    private final ExecResult exec;

    private DqliteResult(SegmentSource source, RowSource rows, AtomicBoolean consumed, Predicate<Result.Segment> filter,
            List<RowBatch> batches, ExecResult exec) {
        this.source = source;
        this.rows = rows;
        this.consumed = consumed;
        this.filter = filter;
        this.batches = batches;
        this.exec = exec;
    }

    static DqliteResult ofRows(RowSource rows) {
        return new DqliteResult(rows, rows, new AtomicBoolean(), null, null, null);
    }

    static DqliteResult ofUpdateCount(long count) {
        return new DqliteResult(new UpdateCountSource(count), null, new AtomicBoolean(), null, null, null);
    }

    /** Rows read in full, followed by {@code updateCount} unless it is negative. */
    static DqliteResult ofReadRows(List<RowBatch> batches, long updateCount) {
        return new DqliteResult(new ReadRowsSource(batches, updateCount), null, new AtomicBoolean(), null, batches,
                null);
    }

    /** The answer to an EXEC, kept whole for the session's own steps. */
    static DqliteResult ofExec(ExecResult exec, long updateCount) {
        return new DqliteResult(new UpdateCountSource(updateCount), null, new AtomicBoolean(), null, null, exec);
    }

    List<RowBatch> batches() {
        return batches;
    }

    ExecResult exec() {
        return exec;
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
        return new BatchPublisher<>(source, consumed, filter, segment -> {
            if (segment instanceof Result.UpdateCount count) {
                return count.value();
            }
            if (segment instanceof Result.Message message) {
                throw message.exception();
            }
            return BatchPublisher.SKIP;
        });
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
        requireArgument(mappingFunction, "mappingFunction");
        return new BatchPublisher<>(source, consumed, filter, segment -> {
            if (segment instanceof Result.RowSegment row) {
                return mappingFunction.apply(row.row(), row.row().getMetadata());
            }
            if (segment instanceof Result.Message message) {
                throw message.exception();
            }
            return BatchPublisher.SKIP;
        });
    }

    @Override
    public <T> Publisher<T> map(Function<? super Readable, ? extends T> mappingFunction) {
        requireArgument(mappingFunction, "mappingFunction");
        return map((row, metadata) -> mappingFunction.apply(row));
    }

    @Override
    public DqliteResult filter(Predicate<Result.Segment> filter) {
        requireArgument(filter, "filter");
        Predicate<Result.Segment> combined = this.filter == null ? filter : this.filter.and(filter);
        return new DqliteResult(source, rows, consumed, combined, batches, exec);
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Result.Segment, ? extends Publisher<? extends T>> mappingFunction) {
        requireArgument(mappingFunction, "mappingFunction");
        BatchPublisher<Publisher<? extends T>> segments = new BatchPublisher<>(source, consumed, filter,
                segment -> Objects.requireNonNull(mappingFunction.apply(segment),
                        "the flatMap function returned null for " + segment));
        return new ConcatMapPublisher<>(segments);
    }

    /** Whether this result carries rows (a query) rather than only an update count. */
    public boolean hasRows() {
        return rows != null || batches != null;
    }

    /**
     * ROWS batches currently held in memory for this result and not yet handed to the
     * subscriber: the connection's bounded read-ahead plus at most two held by the publisher.
     * Stays bounded however slow the subscriber is; for tests and metrics.
     */
    public int bufferedBatches() {
        return rows == null ? 0 : rows.bufferedBatches();
    }

    /** Rows received from the server so far for this result (consumed or not); for tests and metrics. */
    public long rowsReceived() {
        return rows == null ? 0 : rows.stream().rowsReceived();
    }

    /** Discards the rows if nobody will read them (the execute subscriber went away). */
    /** The update count of a result that returned no rows; -1 for a result with rows. */
    long updateCount() {
        return source instanceof UpdateCountSource u ? u.count() : -1;
    }

    void discard() {
        if (consumed.compareAndSet(false, true)) {
            source.cancel();
        }
    }

    /** R2DBC SPI: a null argument is an IllegalArgumentException. */
    static void requireArgument(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    @Override
    public String toString() {
        return rows != null ? "DqliteResult[rows " + rows.metadata() + "]" : "DqliteResult[update count]";
    }
}
