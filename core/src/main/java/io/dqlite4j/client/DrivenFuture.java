package io.dqlite4j.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future for an answer on a {@link DirectLink}: a thread that waits for it reads the socket
 * until it completes. Stages derived from it ({@code thenApply}, {@code handle}, ...) are driven
 * futures too, so waiting on any of them makes progress.
 */
final class DrivenFuture<T> extends CompletableFuture<T> {
    /*
     * The reader stops as soon as the connection is marked closed; the thread that closed it
     * fails the in-flight requests right after, so a wait that ends unanswered gives it a moment
     * to deliver the real cause.
     */
    private static final long CLOSE_GRACE_MILLIS = 1000;

    private final Link link;

    DrivenFuture(Link link) {
        this.link = link;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new DrivenFuture<>(link);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        link.pumpUntil(this::isDone, Long.MAX_VALUE);
        try {
            return super.get(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(closedUnanswered());
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        link.pumpUntil(this::isDone, deadline);
        return super.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        try {
            return get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(new DqliteException("interrupted while waiting for the server", e));
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    private static DqliteConnectionException closedUnanswered() {
        return new DqliteConnectionException("the connection closed before answering", null);
    }
}
