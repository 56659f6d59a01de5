package io.dqlite4j.benchmarks;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The R2DBC driver through Project Reactor, written as reactive application code: each workload is
 * one pipeline blocked on once at its end (never a block() per statement). Sequential workloads use
 * {@code concatMap} on one connection; the concurrent one runs {@code workers} such chains at once,
 * each on its own connection (worker 0 on the open one, the others created inside the timed run).
 * The bulk insert binds up to {@code --batch-size} parameter sets per {@code Statement.execute()}
 * between beginTransaction and commitTransaction.
 */
final class R2dbcClient implements BenchClient {
    private static final Duration WAIT = Duration.ofMinutes(10);

    private final ConnectionFactory factory;
    private final Connection conn;
    private final int batchSize;
    private final AtomicLong sink = new AtomicLong();

    R2dbcClient(String url, int batchSize) {
        this.factory = ConnectionFactories.get(url);
        this.conn = Mono.from(factory.create()).block(WAIT);
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "dqlite4j-r2dbc";
    }

    @Override
    public void execDdl(String sql) {
        Flux.from(conn.createStatement(sql).execute()).concatMap(Result::getRowsUpdated).then().block(WAIT);
    }

    @Override
    public void insertAutocommit(int n) {
        Flux.range(0, n)
                .concatMap(i -> Flux.from(conn.createStatement(INSERT_KV).bind(0, (long) i)
                        .bind(1, BenchClient.value(i)).execute()).concatMap(Result::getRowsUpdated))
                .then().block(WAIT);
    }

    @Override
    public void insertTxBatch(int rows) {
        ByteBuffer payload = ByteBuffer.wrap(new byte[PAYLOAD_BYTES]);
        int chunks = (rows + batchSize - 1) / batchSize;
        Mono.from(conn.beginTransaction())
                .thenMany(Flux.range(0, chunks).concatMap(chunk -> {
                    Statement st = conn.createStatement(INSERT_SCAN);
                    int from = chunk * batchSize;
                    int to = Math.min(rows, from + batchSize);
                    for (int i = from; i < to; i++) {
                        if (i > from) {
                            st.add();
                        }
                        st.bind(0, (long) i).bind(1, BenchClient.name(i)).bind(2, i * 0.5)
                                .bind(3, payload.duplicate());
                    }
                    return Flux.from(st.execute()).concatMap(Result::getRowsUpdated);
                }))
                .then(Mono.from(conn.commitTransaction()))
                .onErrorResume(e -> Mono.from(conn.rollbackTransaction()).then(Mono.error(e)))
                .block(WAIT);
    }

    @Override
    public void insertAutocommitBatch(int rows) {
        ByteBuffer payload = ByteBuffer.wrap(new byte[PAYLOAD_BYTES]);
        int batches = (rows + AUTOCOMMIT_BATCH - 1) / AUTOCOMMIT_BATCH;
        Flux.range(0, batches).concatMap(b -> {
            Statement st = conn.createStatement(INSERT_AB);
            int from = b * AUTOCOMMIT_BATCH;
            for (int i = from; i < Math.min(rows, from + AUTOCOMMIT_BATCH); i++) {
                if (i > from) {
                    st.add();
                }
                st.bind(0, (long) i).bind(1, BenchClient.name(i)).bind(2, i * 0.5).bind(3, payload.duplicate());
            }
            return Flux.from(st.execute()).concatMap(Result::getRowsUpdated);
        }).then().block(WAIT);
    }

    @Override
    public void insertWide(int rows) {
        int chunks = (rows + batchSize - 1) / batchSize;
        Mono.from(conn.beginTransaction())
                .thenMany(Flux.range(0, chunks).concatMap(chunk -> {
                    Statement st = conn.createStatement(INSERT_WIDE);
                    int from = chunk * batchSize;
                    for (int i = from; i < Math.min(rows, from + batchSize); i++) {
                        if (i > from) {
                            st.add();
                        }
                        st.bind(0, (long) i);
                        for (int k = 1; k < WIDE_COLUMNS; k++) {
                            Object v = BenchClient.wideValue(i, k);
                            st.bind(k, v instanceof byte[] b ? ByteBuffer.wrap(b) : v);
                        }
                    }
                    return Flux.from(st.execute()).concatMap(Result::getRowsUpdated);
                }))
                .then(Mono.from(conn.commitTransaction()))
                .onErrorResume(e -> Mono.from(conn.rollbackTransaction()).then(Mono.error(e)))
                .block(WAIT);
    }

    @Override
    public int pointSelect(int n, int rows) {
        return pointSelects(conn, 0, n, Math.max(rows, 1)).block(WAIT);
    }

    private Mono<Integer> pointSelects(Connection c, int from, int count, int modulo) {
        return Flux.range(0, count)
                .concatMap(i -> Flux.from(c.createStatement(SELECT_KV).bind(0, (long) ((from + i) % modulo)).execute())
                        .concatMap(r -> r.map((row, md) -> row.get(0, String.class))))
                .reduce(new long[2], (acc, v) -> {
                    acc[0] += v.length();
                    acc[1]++;
                    return acc;
                })
                .map(acc -> {
                    sink.addAndGet(acc[0]);
                    return (int) acc[1];
                });
    }

    @Override
    public long scan() {
        long[] acc = Flux.from(conn.createStatement(SELECT_SCAN).execute())
                .concatMap(r -> r.map((row, md) -> {
                    long id = row.get(0, Long.class);
                    String name = row.get(1, String.class);
                    double score = row.get(2, Double.class);
                    ByteBuffer payload = row.get(3, ByteBuffer.class);
                    return id + name.length() + (long) score + payload.remaining();
                }))
                .reduce(new long[2], (a, v) -> {
                    a[0] += v;
                    a[1]++;
                    return a;
                })
                .block(WAIT);
        sink.addAndGet(acc[0]);
        return acc[1];
    }

    @Override
    public int pointSelectConcurrent(int n, int workers) {
        int per = n / workers;
        return Flux.range(0, workers)
                .flatMap(w -> w == 0
                        ? pointSelects(conn, 0, per, n)
                        : Mono.usingWhen(factory.create(), c -> pointSelects(c, w * per, per, n), Connection::close),
                        workers)
                .reduce(0, Integer::sum)
                .block(WAIT);
    }

    @Override
    public long sink() {
        return sink.get();
    }

    @Override
    public void close() {
        Mono.from(conn.close()).block(WAIT);
    }
}
