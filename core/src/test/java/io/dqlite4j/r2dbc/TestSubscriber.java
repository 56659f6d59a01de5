package io.dqlite4j.r2dbc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Records signals and checks that they are never concurrent (Reactive Streams §1.3). */
final class TestSubscriber<T> implements Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger completions = new AtomicInteger();
    final AtomicInteger concurrent = new AtomicInteger();
    final CountDownLatch terminated = new CountDownLatch(1);
    volatile boolean overlapSeen;
    volatile Subscription subscription;
    private final long initialRequest;

    TestSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (initialRequest > 0) {
            s.request(initialRequest);
        }
    }

    @Override
    public void onNext(T item) {
        enter();
        items.add(item);
        leave();
    }

    @Override
    public void onError(Throwable t) {
        enter();
        errors.add(t);
        leave();
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        enter();
        completions.incrementAndGet();
        leave();
        terminated.countDown();
    }

    private void enter() {
        if (concurrent.incrementAndGet() != 1) {
            overlapSeen = true;
        }
    }

    private void leave() {
        concurrent.decrementAndGet();
    }

    void request(long n) {
        subscription.request(n);
    }

    boolean await() throws InterruptedException {
        return terminated.await(10, TimeUnit.SECONDS);
    }
}
