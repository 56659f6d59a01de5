package io.dqlite4j.r2dbc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The {@code execute()} publisher of a statement or batch: one {@link DqliteResult} per
 * execution, in order. Nothing is sent before the first positive {@code request}; then every
 * execution is queued on the connection at once (so they run back to back), and each result is
 * emitted as demand allows. After a failure the remaining executions are skipped and the error is
 * emitted once the results before it were delivered. Cancelling skips what has not started and
 * discards results nobody will read (their rows are drained by the connection).
 */
final class ResultsPublisher implements Publisher<DqliteResult> {
    private final DqliteR2dbcConnection connection;
    private final List<Execution> executions;
    /** A {@link DqliteBatch}'s texts: one operation of the queue, runs of DML pipelined ({@link PipelinedBatch}). */
    private final boolean batch;

    ResultsPublisher(DqliteR2dbcConnection connection, List<Execution> executions) {
        this(connection, executions, false);
    }

    ResultsPublisher(DqliteR2dbcConnection connection, List<Execution> executions, boolean batch) {
        this.connection = connection;
        this.executions = List.copyOf(executions);
        this.batch = batch;
    }

    @Override
    public void subscribe(Subscriber<? super DqliteResult> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscriber must not be null (Reactive Streams §1.9)");
        }
        subscriber.onSubscribe(new Run(subscriber));
    }

    private final class Run implements Subscription {
        private final Subscriber<? super DqliteResult> downstream;
        private final int size = executions.size();
        private final AtomicReferenceArray<CompletableFuture<DqliteResult>> futures = new AtomicReferenceArray<>(size);
        private final AtomicReferenceArray<Object> outcomes = new AtomicReferenceArray<>(size);
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicInteger started = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile Throwable badRequest;
        // Drain-loop state.
        private int next;
        private long emitted;
        private boolean done;

        Run(Subscriber<? super DqliteResult> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("Reactive Streams §3.9: request(" + n + ") must be positive");
                cancelled = true;
            } else {
                long r;
                do {
                    r = requested.get();
                } while (r != Long.MAX_VALUE && !requested.compareAndSet(r, r + n < 0 ? Long.MAX_VALUE : r + n));
                if (started.compareAndSet(0, 1)) {
                    start();
                }
            }
            drain();
        }

        private void start() {
            if (batch) {
                List<CompletableFuture<DqliteResult>> all = PipelinedBatch.submit(connection, executions, () -> cancelled);
                for (int i = 0; i < size; i++) {
                    futures.set(i, all.get(i));
                }
            } else {
                for (int i = 0; i < size; i++) {
                    int index = i;
                    futures.set(i, connection.submit(executions.get(i), () -> cancelled || earlierFailed(index)));
                }
            }
            for (int i = 0; i < size; i++) {
                int index = i;
                futures.get(i).whenComplete((r, e) -> {
                    outcomes.set(index, e != null ? new Failure(R2dbcExceptions.map(e)) : r != null ? r : Skipped.INSTANCE);
                    drain();
                });
            }
        }

        private boolean earlierFailed(int index) {
            for (int i = 0; i < index; i++) {
                CompletableFuture<DqliteResult> f = futures.get(i);
                if (f != null && f.isCompletedExceptionally()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                step();
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void step() {
            while (next < size) {
                Object outcome = outcomes.get(next);
                if (cancelled || done) {
                    if (!done && badRequest != null) {
                        done = true;
                        downstream.onError(badRequest);
                    }
                    if (started.get() == 0 || outcome == null) {
                        return; // discarded when it completes (drain runs again then)
                    }
                    if (outcome instanceof DqliteResult r) {
                        r.discard();
                    }
                    next++;
                    continue;
                }
                if (outcome == null) {
                    return;
                }
                if (outcome instanceof Failure f) {
                    done = true;
                    next++;
                    downstream.onError(f.error);
                    continue; // discard the rest
                }
                if (outcome == Skipped.INSTANCE) {
                    next++;
                    continue;
                }
                if (emitted == requested.get()) {
                    return;
                }
                next++;
                emitted++;
                downstream.onNext((DqliteResult) outcome);
            }
            if (!done && !cancelled) {
                done = true;
                downstream.onComplete();
            } else if (!done && badRequest != null) {
                done = true;
                downstream.onError(badRequest);
            }
        }
    }

    private record Failure(Throwable error) {
    }

    private enum Skipped {
        INSTANCE
    }
}
