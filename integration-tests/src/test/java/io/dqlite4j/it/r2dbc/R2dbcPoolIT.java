package io.dqlite4j.it.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 1,000 concurrent point queries through r2dbc-pool (8 connections) on the driver's 2-thread
 * event loop, with BlockHound watching every non-blocking thread (the driver's Netty event loop
 * and Reactor's parallel scheduler) for blocking calls.
 *
 * <p>BlockHound instruments the JVM for good once installed, so its callback only records while
 * this test's window is open and never throws: other tests in the same JVM are not affected.
 */
@DqliteCluster(nodes = 3)
@Timeout(180)
class R2dbcPoolIT {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static volatile boolean watching;
    private static final List<String> BLOCKING_CALLS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void installBlockHound() {
        if (INSTALLED.compareAndSet(false, true)) {
            BlockHound.builder()
                    .loadIntegrations() // Netty's (event-loop threads are non-blocking) and Reactor's
                    .blockingMethodCallback(method -> {
                        if (watching) {
                            BLOCKING_CALLS.add(Thread.currentThread().getName() + ": " + method + "\n    "
                                    + Arrays.stream(new Throwable().getStackTrace()).limit(25)
                                            .map(StackTraceElement::toString).collect(Collectors.joining("\n    ")));
                        }
                    })
                    .install();
        }
    }

    @Test
    void thousandConcurrentPointQueriesOnEightPooledConnectionsNeverBlock(LocalCluster cluster) {
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration
                .builder(ConnectionFactories.get(cluster.r2dbcUrl("pool")))
                .initialSize(8)
                .maxSize(8)
                .maxAcquireTime(Duration.ofSeconds(30))
                .build());
        try {
            Mono.usingWhen(pool.create(), c -> Flux.concat(
                            Mono.from(c.createStatement("CREATE TABLE kv (id INTEGER PRIMARY KEY, v INTEGER)").execute()),
                            Mono.from(c.createStatement("INSERT INTO kv SELECT value, value * 7 FROM "
                                    + "(WITH RECURSIVE n(value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM n WHERE value < 99) "
                                    + "SELECT value FROM n)").execute()))
                            .concatMap(r -> r.getRowsUpdated()).then(), Connection::close)
                    .block(Rx.WAIT);
            assertThat(pool.warmup().block(Rx.WAIT)).isGreaterThanOrEqualTo(0);

            // Prove that the watch works: a deliberate sleep in a mapping function, which runs on the
            // driver's event loop or on the parallel thread that requested the rows.
            // BlockHound once missed a single canary on an event-loop thread (seen 1 run in 6), so the
            // canary may run up to three times; the real check below is unchanged.
            java.util.concurrent.atomic.AtomicReference<String> canaryThread = new java.util.concurrent.atomic.AtomicReference<>();
            for (int attempt = 0; attempt < 3 && BLOCKING_CALLS.isEmpty(); attempt++) {
                watching = true;
                Mono.usingWhen(pool.create(), c -> Mono.from(c.createStatement("SELECT 1").execute())
                        .flatMap(r -> Mono.from(r.map(row -> {
                            canaryThread.set(Thread.currentThread().getName());
                            sleep();
                            return row.get(0);
                        }))), Connection::close).subscribeOn(Schedulers.parallel()).block(Rx.WAIT);
                watching = false;
            }
            // BlockHound misses the canary in some JVMs (seen in full CI runs, with the suite alone in
            // its JVM too, never when run by itself): the check below would then prove nothing, so
            // the test is skipped with that reason instead of passing blind.
            assumeTrue(
                    BLOCKING_CALLS.stream().anyMatch(call -> call.matches("(?s)(dqlite4j-io|parallel-).*sleep.*")),
                    "BlockHound did not see a deliberate Thread.sleep on " + canaryThread.get()
                            + " in this JVM, so it cannot vouch that nothing blocks");
            BLOCKING_CALLS.clear();

            Set<String> threads = ConcurrentHashMap.newKeySet();
            watching = true;
            List<long[]> results = Flux.range(0, 1000)
                    .flatMap(i -> Mono.usingWhen(pool.create(),
                            c -> Mono.from(c.createStatement("SELECT id, v FROM kv WHERE id = $1").bind(0, i % 100).execute())
                                    .flatMap(r -> Mono.from(r.map(row -> {
                                        threads.add(Thread.currentThread().getName());
                                        return new long[] {i, row.get(0, Long.class), row.get(1, Long.class)};
                                    }))),
                            Connection::close), 1000)
                    .subscribeOn(Schedulers.parallel()) // a non-blocking thread starts it, too
                    .collectList()
                    .block(Duration.ofSeconds(120));
            watching = false;

            assertThat(results).hasSize(1000);
            for (long[] r : results) {
                assertThat(r[1]).isEqualTo(r[0] % 100);
                assertThat(r[2]).isEqualTo(7 * (r[0] % 100));
            }
            assertThat(results.stream().mapToLong(r -> r[0]).distinct().count()).isEqualTo(1000);
            assertThat(BLOCKING_CALLS).as("blocking calls on non-blocking threads").isEmpty();
            // Rows arrive on the driver's event loop, or on the (non-blocking) thread that requested them.
            assertThat(threads).as("threads that ran the mapping functions")
                    .allMatch(t -> t.startsWith("dqlite4j-io") || t.startsWith("parallel-"));
            assertThat(threads.stream().filter(t -> t.startsWith("dqlite4j-io")).count()).as("event-loop threads")
                    .isBetween(1L, 2L);
            assertThat(pool.getMetrics().orElseThrow().getMaxAllocatedSize()).isEqualTo(8);
        } finally {
            watching = false;
            pool.disposeLater().block(Rx.WAIT);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
