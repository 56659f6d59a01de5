package io.dqlite4j.r2dbc;

import io.dqlite4j.client.RowStream;
import io.dqlite4j.wire.RowBatch;
import io.r2dbc.spi.Result;
import java.util.concurrent.CompletableFuture;

/**
 * Bridges one {@link RowStream} (the ROWS batches of a query, pushed by the connection as
 * requested) to the segments of a result.
 *
 * <p>{@link #start()} subscribes and asks for the first batch, which decides whether the query
 * succeeded; after that, batches are requested one at a time, and only when the consumer has used
 * up the current one and still has demand. So at most two batches are held here (the current
 * one and the one just delivered), and the connection's own read-ahead is the only other buffer.
 * A DML statement with RETURNING ends with an update count equal to its number of rows.
 */
final class RowSource implements RowStream.Subscriber, SegmentSource {
    private final RowStream stream;
    private final boolean countRows;
    /** The connection's event loop; every call into the stream is made there (see {@link EventLoops}). */
    private final java.util.concurrent.Executor loop;
    private final CompletableFuture<RowBatch> first = new CompletableFuture<>();
    private DqliteRowMetadata metadata;

    // Written by the stream's callbacks, read by the consumer's drain loop.
    private volatile RowBatch pending;
    private volatile boolean outstanding;
    private volatile boolean upstreamDone;
    private volatile Throwable upstreamError;
    private volatile Runnable drain;
    private volatile boolean cancelled;

    // Drain-loop state.
    private RowBatch current;
    private int index;
    private boolean lastSeen;
    private boolean errorEmitted;
    private boolean countEmitted;
    private long rowsSeen;

    RowSource(RowStream stream, boolean countRows, java.util.concurrent.Executor loop) {
        this.stream = stream;
        this.countRows = countRows;
        this.loop = loop;
    }

    /** Subscribes to the stream and asks for the first batch; completes with it (or the query's failure). */
    CompletableFuture<RowBatch> start() {
        EventLoops.run(loop, () -> {
            stream.subscribe(this);
            stream.request(1);
        });
        return first;
    }

    DqliteRowMetadata metadata() {
        return metadata;
    }

    RowStream stream() {
        return stream;
    }

    // ------------------------------------------------------------------ RowStream.Subscriber

    @Override
    public void onBatch(RowBatch batch) {
        if (!first.isDone()) {
            metadata = new DqliteRowMetadata(DqliteColumnMetadata.of(batch));
            current = batch;
            lastSeen = batch.isLast();
            first.complete(batch);
            return;
        }
        pending = batch;
        outstanding = false; // after pending: the loop never sees "no request out" without the batch
        signal();
    }

    @Override
    public void onError(Throwable error) {
        if (!first.isDone()) {
            first.completeExceptionally(error);
            return;
        }
        upstreamError = error;
        upstreamDone = true;
        signal();
    }

    @Override
    public void onComplete() {
        if (!first.isDone()) {
            first.completeExceptionally(new IllegalStateException("the query ended without a ROWS message"));
            return;
        }
        upstreamDone = true;
        signal();
    }

    private void signal() {
        Runnable d = drain;
        if (d != null) {
            d.run();
        }
    }

    // ------------------------------------------------------------------ SegmentSource

    @Override
    public void attach(Runnable drain) {
        this.drain = drain;
    }

    @Override
    public Result.Segment poll() {
        while (true) {
            RowBatch batch = current;
            if (batch != null && index < batch.rowCount()) {
                rowsSeen++;
                return new Segments.RowSegment(new DqliteRow(batch, index++, metadata));
            }
            RowBatch next = pending;
            if (next != null) {
                pending = null;
                current = next;
                index = 0;
                lastSeen = next.isLast();
                continue;
            }
            current = null; // used up: let it be collected
            if (lastSeen || upstreamDone) {
                Throwable error = upstreamError;
                if (error != null && !lastSeen) {
                    if (!errorEmitted) {
                        errorEmitted = true;
                        return new Segments.Message(R2dbcExceptions.map(error));
                    }
                    return null;
                }
                if (countRows && !countEmitted) {
                    countEmitted = true;
                    return new Segments.UpdateCount(rowsSeen);
                }
            }
            return null;
        }
    }

    @Override
    public boolean isExhausted() {
        return (lastSeen || upstreamDone) && pending == null;
    }

    @Override
    public void requestMore() {
        // `outstanding` is read before `pending` (onBatch writes them in the other order): a batch
        // that arrived after the consumer's last poll must be consumed before asking for the next,
        // or the next would overwrite it.
        if (!outstanding && pending == null && !lastSeen && !upstreamDone && !cancelled) {
            outstanding = true;
            EventLoops.run(loop, () -> stream.request(1));
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        current = null;
        pending = null;
        if (!lastSeen) {
            EventLoops.run(loop, stream::cancel);
        }
    }

    /** Batches held in memory for this result: the connection's read-ahead plus those held here. */
    int bufferedBatches() {
        RowBatch c = current;
        return stream.bufferedBatches() + (pending != null ? 1 : 0) + (c != null && index < c.rowCount() ? 1 : 0);
    }
}
