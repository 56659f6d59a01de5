package io.dqlite4j.client;

import io.dqlite4j.wire.ProtocolException;
import io.dqlite4j.wire.Request;
import io.dqlite4j.wire.Response;
import io.dqlite4j.wire.RowBatch;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rows of one QUERY or QUERY_SQL, arriving as a series of ROWS messages that the server
 * pushes without being asked (docs/protocol.md §8).
 *
 * <p>Batches are buffered up to a small bound; beyond it the connection stops reading from the
 * socket (Netty autoRead off) so TCP flow control holds the server back, and reading resumes once
 * the consumer has caught up. A result therefore never needs to fit in memory.
 *
 * <p>Two ways to consume: blocking with {@link #next(long, TimeUnit)} (JDBC), or pushed to a
 * {@link Subscriber} with explicit demand (R2DBC). {@link #cancel()} discards the rest: the
 * server cannot stop a running query, so the remaining batches are read and dropped, and the
 * connection stays usable for the requests queued behind it.
 */
public final class RowStream extends Pending {
    /** Receives batches in push mode. Called on an I/O thread or in {@link #request(long)}; must not block. */
    public interface Subscriber {
        void onBatch(RowBatch batch);

        void onError(Throwable error);

        void onComplete();
    }

    private static final int HIGH_WATER = 32;
    private static final int LOW_WATER = 8;

    private final DqliteConnection connection;
    private final long maxTotalRows;
    private final long maxFrames;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<RowBatch> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final AtomicInteger wip = new AtomicInteger();

    // Guarded by lock.
    private boolean finished;
    private Throwable failure;
    private boolean discarding;
    private boolean paused;
    private long rows;
    private long frames;
    private Subscriber subscriber;
    private long demand;
    private boolean terminated;

    RowStream(Request request, DqliteConnection connection, long maxTotalRows, long maxFrames) {
        super(request);
        this.connection = connection;
        this.maxTotalRows = maxTotalRows;
        this.maxFrames = maxFrames;
    }

    /**
     * The next batch, waiting up to {@code timeout} for it; {@code null} once the result is
     * complete.
     *
     * @throws DqliteException the query's failure, after every batch received before it
     */
    public RowBatch next(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        RowBatch batch;
        lock.lock();
        try {
            while (queue.isEmpty() && !finished && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DqliteTimeoutException("no rows from " + connection.address() + " within "
                            + unit.toMillis(timeout) + " ms", true);
                }
                try {
                    if (connection.waitersDriveIo()) {
                        lock.unlock();
                        try {
                            connection.pumpUntil(this::hasNews, deadline);
                        } finally {
                            lock.lock();
                        }
                    } else {
                        changed.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DqliteException("interrupted while waiting for rows", e);
                }
            }
            batch = queue.poll();
            if (batch == null) {
                if (failure != null) {
                    throw rethrowable(failure);
                }
                return null;
            }
            resumeIfDrained();
        } finally {
            lock.unlock();
        }
        return batch;
    }

    private boolean hasNews() {
        lock.lock();
        try {
            return !queue.isEmpty() || finished || failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** Switches to push mode. Batches are delivered as {@link #request(long)} allows. */
    public void subscribe(Subscriber s) {
        lock.lock();
        try {
            if (subscriber != null) {
                throw new IllegalStateException("row stream already has a subscriber");
            }
            subscriber = s;
        } finally {
            lock.unlock();
        }
        drain();
    }

    /** Allows {@code n} more batches to be pushed to the subscriber. */
    public void request(long n) {
        if (n <= 0) {
            return;
        }
        lock.lock();
        try {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        } finally {
            lock.unlock();
        }
        drain();
    }

    /**
     * Drops every remaining batch. The connection keeps reading (and discarding) until the
     * server has sent the end of the result, then serves the next request.
     */
    public void cancel() {
        lock.lock();
        try {
            discarding = true;
            queue.clear();
            if (paused) {
                paused = false;
                connection.resumeReading();
            }
            terminated = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /*
     * The socket's autoRead flag is switched while holding the lock, together with `paused`, so
     * that a pause decided on the I/O thread and a resume decided by the consumer cannot be
     * applied in the opposite order (which would stop reading for good).
     */
    private void pauseIfFull() {
        if (!paused && !finished && queue.size() >= HIGH_WATER) {
            paused = true;
            connection.pauseReading();
        }
    }

    private void resumeIfDrained() {
        if (paused && queue.size() <= LOW_WATER) {
            paused = false;
            connection.resumeReading();
        }
    }

    /** Completes when the server has sent the whole result (or failed it), consumed or not. */
    public CompletableFuture<Void> drained() {
        return drained;
    }

    /** Rows received so far from the server. */
    public long rowsReceived() {
        lock.lock();
        try {
            return rows;
        } finally {
            lock.unlock();
        }
    }

    /** Batches currently held in memory, waiting for the consumer. */
    public int bufferedBatches() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    boolean onResponse(Response response, DqliteConnection conn) {
        if (response instanceof Response.Failure f) {
            finish(null, conn.failureException(request, f));
            conn.afterFailure(f);
            return true;
        }
        if (!(response instanceof Response.Rows r)) {
            throw new ProtocolException("expected ROWS in answer to a query, got " + response.getClass().getSimpleName());
        }
        RowBatch batch = r.batch();
        lock.lock();
        try {
            frames++;
            rows += batch.rowCount();
            if (!discarding) {
                if (rows > maxTotalRows) {
                    tooMuch("more than max_total_rows=" + maxTotalRows + " rows");
                } else if (frames > maxFrames) {
                    tooMuch("more than max_continuation_frames=" + maxFrames + " ROWS messages");
                } else {
                    queue.add(batch);
                }
            }
            if (batch.isLast()) {
                finished = true;
            } else if (subscriber == null) {
                pauseIfFull();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (batch.isLast()) {
            drained.complete(null);
        }
        drain();
        return batch.isLast();
    }

    private void tooMuch(String what) {
        failure = new DqliteException("query returned " + what + "; the rest of the result is discarded");
        discarding = true;
        queue.clear();
    }

    @Override
    void fail(Throwable cause) {
        finish(null, cause);
    }

    @Override
    boolean readPaused() {
        lock.lock();
        try {
            return paused || (subscriber != null && demand == 0 && !queue.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    private void finish(RowBatch ignored, Throwable cause) {
        lock.lock();
        try {
            if (failure == null && !finished) {
                failure = cause;
            }
            finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        drained.complete(null);
        drain();
    }

    /** Delivers queued batches to the subscriber as demand allows; serialised by a work counter. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (true) {
                RowBatch batch = null;
                Throwable error = null;
                boolean complete = false;
                Subscriber s;
                lock.lock();
                try {
                    s = subscriber;
                    if (s == null || terminated) {
                        break;
                    }
                    if (demand > 0 && !queue.isEmpty()) {
                        batch = queue.poll();
                        demand--;
                        resumeIfDrained();
                    } else if (queue.isEmpty() && (failure != null || finished)) {
                        terminated = true;
                        error = failure;
                        complete = failure == null;
                    } else {
                        pauseIfFull();
                        break;
                    }
                } finally {
                    lock.unlock();
                }
                if (batch != null) {
                    s.onBatch(batch);
                } else if (error != null) {
                    s.onError(error);
                } else if (complete) {
                    s.onComplete();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private static RuntimeException rethrowable(Throwable t) {
        return t instanceof RuntimeException re ? re : new DqliteException(t.getMessage(), t);
    }
}
