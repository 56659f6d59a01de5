package io.dqlite4j.r2dbc;

import io.r2dbc.spi.Result;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Turns the segments of one result into the items of a Reactive Streams publisher, one item per
 * segment the mapper keeps, exactly as downstream demand allows.
 *
 * <p>Demand is counted in items (rows), while the connection is asked for whole ROWS batches:
 * the publisher holds at most one batch locally and asks {@link SegmentSource#requestMore()} for
 * the next one only when that batch is used up and demand is still open. When demand stays at
 * zero, nothing is requested, the connection's small read-ahead fills and it stops reading from
 * the socket, so TCP flow control holds the server back.
 *
 * <p>Reactive Streams rules: {@code onSubscribe} first; {@code onNext}/{@code onError}/
 * {@code onComplete} are serialised by a work-in-progress counter (never concurrent, never
 * re-entrant); {@code request(n <= 0)} fails with {@link IllegalArgumentException} (§3.9);
 * demand accumulates up to {@link Long#MAX_VALUE}; {@code cancel} is idempotent and discards the
 * rest of the result; the result can be consumed once: a second subscriber gets
 * {@link IllegalStateException}.
 *
 * @param <T> the item type
 */
final class BatchPublisher<T> implements Publisher<T> {
    /** A mapper result that means "emit nothing for this segment". */
    static final Object SKIP = new Object();

    private final SegmentSource source;
    private final AtomicBoolean consumed;
    private final Predicate<Result.Segment> filter;
    private final Function<Result.Segment, Object> mapper;

    /**
     * @param consumed shared by every view of the same result: the first subscription wins
     * @param filter segments that fail it are skipped (null: keep all)
     * @param mapper returns the item, {@link #SKIP}, or throws to fail the stream
     */
    BatchPublisher(SegmentSource source, AtomicBoolean consumed, Predicate<Result.Segment> filter,
            Function<Result.Segment, Object> mapper) {
        this.source = source;
        this.consumed = consumed;
        this.filter = filter;
        this.mapper = mapper;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscriber must not be null (Reactive Streams §1.9)");
        }
        if (!consumed.compareAndSet(false, true)) {
            subscriber.onSubscribe(EmptySubscription.INSTANCE);
            subscriber.onError(new IllegalStateException("this Result was already consumed; a Result can be "
                    + "subscribed to once (map, flatMap or getRowsUpdated)"));
            return;
        }
        Pump<T> pump = new Pump<>(subscriber, source, filter, mapper);
        source.attach(pump::drain);
        subscriber.onSubscribe(pump);
        pump.drain(); // a result that is already complete (or empty) ends without demand
    }

    private static final class Pump<T> implements Subscription {
        private final Subscriber<? super T> downstream;
        private final SegmentSource source;
        private final Predicate<Result.Segment> filter;
        private final Function<Result.Segment, Object> mapper;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile Throwable badRequest;
        // Drain-loop state, touched only inside the loop.
        private boolean done;
        private long emitted;
        private Result.Segment held;

        Pump(Subscriber<? super T> downstream, SegmentSource source, Predicate<Result.Segment> filter,
                Function<Result.Segment, Object> mapper) {
            this.downstream = downstream;
            this.source = source;
            this.filter = filter;
            this.mapper = mapper;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("Reactive Streams §3.9: request(" + n + ") must be positive");
            } else {
                long r;
                long next;
                do {
                    r = requested.get();
                    if (r == Long.MAX_VALUE) {
                        break;
                    }
                    next = r + n < 0 ? Long.MAX_VALUE : r + n;
                } while (!requested.compareAndSet(r, next));
            }
            drain();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                drain();
            }
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                if (!done) {
                    step();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        @SuppressWarnings("unchecked")
        private void step() {
            while (true) {
                if (cancelled) {
                    done = true;
                    held = null;
                    source.cancel();
                    return;
                }
                Throwable bad = badRequest;
                if (bad != null) {
                    fail(bad);
                    return;
                }
                Result.Segment segment = held;
                held = null;
                if (segment == null) {
                    segment = source.poll();
                    if (segment == null) {
                        if (source.isExhausted()) {
                            done = true;
                            downstream.onComplete();
                            return;
                        }
                        if (emitted != requested.get()) {
                            source.requestMore();
                        }
                        return; // woken again when a batch arrives or demand grows
                    }
                    try {
                        if (filter != null && !filter.test(segment)) {
                            continue;
                        }
                    } catch (Throwable t) {
                        fail(t);
                        return;
                    }
                }
                if (emitted == requested.get()) {
                    held = segment; // at most one segment waits for demand
                    return;
                }
                Object item;
                try {
                    item = mapper.apply(segment);
                } catch (Throwable t) {
                    fail(t);
                    return;
                }
                if (item == SKIP) {
                    continue;
                }
                if (item == null) {
                    fail(new NullPointerException("the mapping function returned null (Reactive Streams §2.13)"));
                    return;
                }
                emitted++;
                downstream.onNext((T) item);
            }
        }

        private void fail(Throwable t) {
            done = true;
            held = null;
            source.cancel();
            downstream.onError(t);
        }
    }
}
