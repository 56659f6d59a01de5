package io.dqlite4j.r2dbc;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Concatenates the publishers that an outer publisher emits ({@code Result.flatMap}): one outer
 * item (one segment's publisher) is requested at a time, and the next only after the current
 * inner publisher completed and everything it emitted was delivered. Each inner publisher is
 * read eagerly into a small queue (an inner publisher belongs to one row, so it is small), while
 * the outer side — the rows — moves only as downstream demand allows.
 *
 * @param <T> the item type
 */
final class ConcatMapPublisher<T> implements Publisher<T> {
    private final Publisher<? extends Publisher<? extends T>> outer;

    ConcatMapPublisher(Publisher<? extends Publisher<? extends T>> outer) {
        this.outer = outer;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscriber must not be null (Reactive Streams §1.9)");
        }
        outer.subscribe(new Main<>(subscriber));
    }

    private static final class Main<T> implements Subscriber<Publisher<? extends T>>, Subscription {
        private final Subscriber<? super T> downstream;
        private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile Subscription outerSubscription;
        private volatile Subscription innerSubscription;
        private volatile boolean innerActive;
        private volatile boolean outerDone;
        private volatile Throwable error;
        private volatile boolean cancelled;
        /** One outer item asked for and not yet arrived; set by the drain loop, cleared by onNext. */
        private volatile boolean outerRequested;
        // Drain-loop state.
        private boolean done;
        private long emitted;

        Main(Subscriber<? super T> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Subscription s) {
            outerSubscription = s;
            downstream.onSubscribe(this);
            drain();
        }

        @Override
        public void onNext(Publisher<? extends T> inner) {
            innerActive = true; // before clearing outerRequested: the loop never sees both false
            outerRequested = false;
            inner.subscribe(new Inner());
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            outerDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            outerDone = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (error == null) {
                    error = new IllegalArgumentException("Reactive Streams §3.9: request(" + n + ") must be positive");
                }
            } else {
                long r;
                do {
                    r = requested.get();
                } while (r != Long.MAX_VALUE && !requested.compareAndSet(r, r + n < 0 ? Long.MAX_VALUE : r + n));
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

        private void cancelAll() {
            Subscription o = outerSubscription;
            if (o != null) {
                o.cancel();
            }
            Subscription i = innerSubscription;
            if (i != null) {
                i.cancel();
            }
            queue.clear();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                if (!done && outerSubscription != null) {
                    step();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void step() {
            while (true) {
                if (cancelled) {
                    done = true;
                    cancelAll();
                    return;
                }
                Throwable e = error;
                if (e != null) {
                    done = true;
                    cancelAll();
                    downstream.onError(e);
                    return;
                }
                if (emitted != requested.get()) {
                    T item = queue.poll();
                    if (item != null) {
                        emitted++;
                        downstream.onNext(item);
                        continue;
                    }
                }
                if (!queue.isEmpty() || innerActive) {
                    return;
                }
                if (outerDone) {
                    done = true;
                    downstream.onComplete();
                    return;
                }
                if (!outerRequested) {
                    outerRequested = true;
                    outerSubscription.request(1);
                    continue; // the outer may have emitted synchronously
                }
                return;
            }
        }

        private final class Inner implements Subscriber<T> {
            @Override
            public void onSubscribe(Subscription s) {
                innerSubscription = s;
                if (cancelled) {
                    s.cancel();
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(T item) {
                if (item == null) {
                    onError(new NullPointerException("an inner publisher emitted null (Reactive Streams §2.13)"));
                    return;
                }
                queue.offer(item);
                drain();
            }

            @Override
            public void onError(Throwable t) {
                if (error == null) {
                    error = t;
                }
                innerActive = false;
                drain();
            }

            @Override
            public void onComplete() {
                innerSubscription = null;
                innerActive = false;
                drain();
            }
        }
    }
}
