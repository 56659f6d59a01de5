package io.dqlite4j.it.r2dbc;

import static io.dqlite4j.it.r2dbc.Rx.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.r2dbc.DqliteR2dbcConnection;
import io.dqlite4j.r2dbc.DqliteResult;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Real backpressure on a 1,000,000-row query: a slow subscriber holds a bounded number of ROWS
 * batches in memory while the server is held back by TCP flow control, and a cancelled
 * subscription leaves the connection usable.
 */
@DqliteCluster(nodes = 1)
@Timeout(180)
class R2dbcBackpressureIT {
    private static final int ROWS = 1_000_000;
    /** Generated on the fly by the server: a million rows, about ten thousand ROWS batches. */
    private static final String MILLION = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < "
            + ROWS + ") SELECT x, 'row number ' || x AS label FROM n";
    /**
     * Batches a slow subscriber may cause to be held: the connection's read-ahead (it stops
     * reading the socket at 32 queued batches), the frames already read from the socket when
     * reading stops (one read of at most 64 KiB, about 16 batches of 4 KiB), and the two the
     * publisher holds.
     */
    private static final int BATCH_BOUND = 32 + 16 + 2;

    private DqliteR2dbcConnection c;

    @BeforeEach
    void open(LocalCluster cluster) {
        c = Rx.connect(cluster.r2dbcUrl("backpressure"));
    }

    @AfterEach
    void close() {
        Rx.close(c);
    }

    /** Requests rows one at a time from the test thread and counts them; checks their order. */
    static final class SlowSubscriber implements Subscriber<Long> {
        final AtomicLong received = new AtomicLong();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Subscription subscription;
        volatile boolean outOfOrder;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Long value) {
            if (value != received.get() + 1) {
                outOfOrder = true;
            }
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }

        void awaitReceived(long n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < n) {
                if (error.get() != null) {
                    throw new AssertionError("stream failed", error.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + received.get() + " of " + n + " rows arrived within 30 s");
                }
                Thread.sleep(0, 200_000);
            }
        }
    }

    @Test
    void aSlowSubscriberOnAMillionRowsHoldsABoundedNumberOfBatches() throws Exception {
        DqliteResult result = (DqliteResult) Mono.from(c.createStatement(MILLION).execute()).block(WAIT);
        SlowSubscriber s = new SlowSubscriber();
        result.map(row -> row.get(0, Long.class)).subscribe(s);

        // Slow phase: one row at a time, with pauses, sampling what is held in memory.
        int maxBuffered = 0;
        for (int i = 1; i <= 3000; i++) {
            s.subscription.request(1);
            s.awaitReceived(i);
            maxBuffered = Math.max(maxBuffered, result.bufferedBatches());
            if (i % 100 == 0) {
                Thread.sleep(10);
                maxBuffered = Math.max(maxBuffered, result.bufferedBatches());
            }
        }
        assertThat(s.received.get()).isEqualTo(3000);

        // No demand at all: the connection stops reading, so the server cannot push more.
        Thread.sleep(500);
        long receivedFromServer = result.rowsReceived();
        int buffered = result.bufferedBatches();
        Thread.sleep(1000);
        assertThat(result.rowsReceived()).as("rows read from the socket while demand is zero").isEqualTo(receivedFromServer);
        assertThat(result.bufferedBatches()).isEqualTo(buffered);
        maxBuffered = Math.max(maxBuffered, buffered);
        System.out.printf("slow subscriber: max %d batches buffered, %d rows read from the server for 3000 consumed%n",
                maxBuffered, receivedFromServer);
        assertThat(maxBuffered).as("batches held for a slow subscriber").isBetween(1, BATCH_BOUND);
        assertThat(receivedFromServer).as("rows read from the server").isLessThan(50_000);

        // Fast phase: everything else arrives, in order.
        s.subscription.request(Long.MAX_VALUE);
        assertThat(s.done.await(120, TimeUnit.SECONDS)).isTrue();
        assertThat(s.error.get()).isNull();
        assertThat(s.received.get()).isEqualTo(ROWS);
        assertThat(s.outOfOrder).isFalse();
        assertThat(result.rowsReceived()).isEqualTo(ROWS);
        assertThat(result.bufferedBatches()).isZero();
    }

    @Test
    void takeTenCancelsAndTheSameConnectionRunsTheNextQuery() {
        long start = System.nanoTime();
        List<Long> first = Flux.from(c.createStatement(MILLION).execute())
                .concatMap(r -> r.map(row -> row.get(0, Long.class)))
                .take(10)
                .collectList()
                .block(WAIT);
        assertThat(first).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());

        // The server cannot stop the query: the connection drains the rest, then answers this one.
        assertThat(Rx.single(c, "SELECT 42")).isEqualTo(42L);
        assertThat(Rx.rows(c, "SELECT x, label FROM (" + MILLION + ") WHERE x = 999999"))
                .containsExactly(List.of(999_999L, "row number 999999"));
        System.out.printf("take(10) + drain + two queries: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Test
    void cancellingASlowConsumerMidStreamLeavesTheConnectionUsable() throws Exception {
        DqliteResult result = (DqliteResult) Mono.from(c.createStatement(MILLION).execute()).block(WAIT);
        SlowSubscriber s = new SlowSubscriber();
        result.map(row -> row.get(0, Long.class)).subscribe(s);
        s.subscription.request(500);
        s.awaitReceived(500);
        Thread.sleep(200); // let the read-ahead fill and reading pause
        s.subscription.cancel();
        s.subscription.request(1000); // ignored after cancel
        assertThat(Rx.single(c, "SELECT count(*) FROM (" + MILLION + ")")).isEqualTo((long) ROWS);
        assertThat(s.received.get()).isEqualTo(500);
        assertThat(s.done.getCount()).as("a cancelled subscriber gets no terminal signal").isEqualTo(1);
    }
}
