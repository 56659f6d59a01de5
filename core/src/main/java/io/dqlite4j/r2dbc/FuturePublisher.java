package io.dqlite4j.r2dbc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A cold publisher of at most one item: each subscriber's first positive {@code request} starts
 * the work ({@code supplier}), and its future's outcome becomes {@code onNext} + {@code onComplete}
 * (a null value only completes) or {@code onError}. Nothing runs before that request. When the
 * subscriber cancels before the future completes, a value that still arrives is handed to
 * {@code discard} (for example a connection to close), so cancellation leaks nothing.
 *
 * @param <T> the item type
 */
final class FuturePublisher<T> implements Publisher<T> {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    private final Supplier<? extends CompletableFuture<? extends T>> supplier;
    private final Consumer<? super T> discard;
    private final Function<Throwable, Throwable> errors;

    FuturePublisher(Supplier<? extends CompletableFuture<? extends T>> supplier, Consumer<? super T> discard,
            Function<Throwable, Throwable> errors) {
        this.supplier = supplier;
        this.discard = discard;
        this.errors = errors;
    }

    /** A publisher of one value (for Blob/Clob contents and tests). */
    static <T> FuturePublisher<T> just(T value) {
        return new FuturePublisher<>(() -> CompletableFuture.completedFuture(value), v -> { }, e -> e);
    }

    /** Runs {@code work} per subscription and maps its failure to an {@code R2dbcException}. */
    static <T> FuturePublisher<T> of(Supplier<? extends CompletableFuture<? extends T>> work) {
        return new FuturePublisher<>(work, v -> { }, R2dbcExceptions::map);
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscriber must not be null (Reactive Streams §1.9)");
        }
        subscriber.onSubscribe(new One<>(subscriber, this));
    }

    private static final class One<T> extends AtomicInteger implements Subscription {
        private static final long serialVersionUID = 1L;
        private final transient Subscriber<? super T> downstream;
        private final transient FuturePublisher<T> parent;

        One(Subscriber<? super T> downstream, FuturePublisher<T> parent) {
            this.downstream = downstream;
            this.parent = parent;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (getAndSet(DONE) != DONE) {
                    downstream.onError(new IllegalArgumentException("Reactive Streams §3.9: request(" + n
                            + ") must be positive"));
                }
                return;
            }
            if (!compareAndSet(IDLE, RUNNING)) {
                return;
            }
            CompletableFuture<? extends T> future;
            try {
                future = parent.supplier.get();
            } catch (Throwable t) {
                future = CompletableFuture.failedFuture(t);
            }
            future.whenComplete(this::complete);
        }

        private void complete(T value, Throwable error) {
            if (!compareAndSet(RUNNING, DONE)) {
                if (value != null) {
                    parent.discard.accept(value);
                }
                return;
            }
            if (error != null) {
                downstream.onError(parent.errors.apply(error));
                return;
            }
            if (value != null) {
                downstream.onNext(value);
            }
            downstream.onComplete();
        }

        @Override
        public void cancel() {
            set(DONE);
        }
    }
}
