package io.dqlite4j.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

class PublishersTest {

    @Test
    void futurePublisherStartsOnlyOnRequest() {
        AtomicInteger starts = new AtomicInteger();
        FuturePublisher<String> p = FuturePublisher.of(() -> {
            starts.incrementAndGet();
            return CompletableFuture.completedFuture("x");
        });
        TestSubscriber<String> s = new TestSubscriber<>(0);
        p.subscribe(s);
        assertThat(starts.get()).isZero();
        s.request(1);
        s.request(1);
        assertThat(starts.get()).isEqualTo(1);
        assertThat(s.items).containsExactly("x");
        assertThat(s.completions.get()).isEqualTo(1);
        // Cold: a second subscriber runs the work again.
        p.subscribe(new TestSubscriber<>(1));
        assertThat(starts.get()).isEqualTo(2);
    }

    @Test
    void futurePublisherHandsALateValueToDiscardAfterCancel() {
        CompletableFuture<String> future = new CompletableFuture<>();
        AtomicReference<String> discarded = new AtomicReference<>();
        FuturePublisher<String> p = new FuturePublisher<>(() -> future, discarded::set, e -> e);
        TestSubscriber<String> s = new TestSubscriber<>(1);
        p.subscribe(s);
        s.subscription.cancel();
        future.complete("connection");
        assertThat(discarded.get()).isEqualTo("connection");
        assertThat(s.items).isEmpty();
        assertThat(s.completions.get()).isZero();
    }

    @Test
    void futurePublisherMapsFailuresAndRejectsNonPositiveRequests() {
        FuturePublisher<String> p = FuturePublisher.of(() -> CompletableFuture.failedFuture(
                new io.dqlite4j.client.DqliteServerException(2067, "UNIQUE constraint failed: t.id")));
        TestSubscriber<String> s = new TestSubscriber<>(1);
        p.subscribe(s);
        assertThat(s.errors).singleElement().isInstanceOf(io.r2dbc.spi.R2dbcDataIntegrityViolationException.class);
        assertThat(((R2dbcException) s.errors.get(0)).getSqlState()).isEqualTo("23505");

        TestSubscriber<String> bad = new TestSubscriber<>(-1);
        p.subscribe(bad);
        bad.request(-1);
        assertThat(bad.errors).singleElement().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void voidFutureOnlyCompletes() {
        FuturePublisher<Void> p = FuturePublisher.of(() -> CompletableFuture.completedFuture(null));
        TestSubscriber<Void> s = new TestSubscriber<>(1);
        p.subscribe(s);
        assertThat(s.items).isEmpty();
        assertThat(s.completions.get()).isEqualTo(1);
    }

    @Test
    void concatMapKeepsOrderAndHonoursDemand() {
        Publisher<Publisher<Integer>> outer = listOf(List.of(listOf(List.of(1, 2)), listOf(List.of()), listOf(List.of(3, 4, 5))));
        TestSubscriber<Integer> s = new TestSubscriber<>(0);
        new ConcatMapPublisher<>(outer).subscribe(s);
        assertThat(s.items).isEmpty();
        s.request(3);
        assertThat(s.items).containsExactly(1, 2, 3);
        assertThat(s.completions.get()).isZero();
        s.request(5);
        assertThat(s.items).containsExactly(1, 2, 3, 4, 5);
        assertThat(s.completions.get()).isEqualTo(1);
    }

    @Test
    void concatMapPropagatesInnerErrors() {
        Publisher<Integer> failing = FuturePublisher.of(() -> CompletableFuture.failedFuture(new IllegalStateException("x")));
        Publisher<Publisher<Integer>> outer = listOf(List.of(listOf(List.of(1)), failing, listOf(List.of(2))));
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        new ConcatMapPublisher<>(outer).subscribe(s);
        assertThat(s.items).containsExactly(1);
        assertThat(s.errors).hasSize(1);
    }

    /** A synchronous publisher of a list, honouring demand, built on BatchPublisher for the test. */
    private static <T> Publisher<T> listOf(List<T> items) {
        return subscriber -> {
            java.util.Iterator<T> it = items.iterator();
            subscriber.onSubscribe(new org.reactivestreams.Subscription() {
                boolean done;
                long requested;
                boolean emitting;

                @Override
                public void request(long n) {
                    requested += n;
                    if (emitting) {
                        return;
                    }
                    emitting = true;
                    while (requested > 0 && it.hasNext() && !done) {
                        requested--;
                        subscriber.onNext(it.next());
                    }
                    if (!it.hasNext() && !done) {
                        done = true;
                        subscriber.onComplete();
                    }
                    emitting = false;
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        };
    }
}
