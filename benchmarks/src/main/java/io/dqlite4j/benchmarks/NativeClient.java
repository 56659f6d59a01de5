package io.dqlite4j.benchmarks;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The native client ({@link DqliteClient} / {@link DqliteConnection}) used directly: statements
 * prepared once per connection, waits with {@code join()}, rows read from the decoded
 * {@link RowBatch} arrays. The bulk insert keeps up to {@code --pipeline} EXECs in flight (a
 * sliding window of chunks) between an explicit BEGIN and COMMIT.
 *
 * <p>This harness is a blocking caller, so {@code native} uses the connections meant for one,
 * {@link DqliteClient#openDirectConnection(long)}: the waiting thread reads the socket, no thread
 * hand-off per round trip. {@code native-netty} runs the same code on {@code openConnection()}
 * (the shared Netty event loop, two hand-offs per round trip) for comparison.
 */
final class NativeClient implements BenchClient {
    private static final long WAIT_SECONDS = 60;
    private static final int CHUNK = 128;

    private final DqliteClient client;
    private final DqliteConnection conn;
    private final int pipeline;
    private long sink;

    private final boolean direct;

    NativeClient(String url, int pipeline, boolean direct) throws Exception {
        this.client = DqliteClient.create(url);
        this.direct = direct;
        this.conn = open();
        this.pipeline = Math.max(CHUNK, pipeline);
    }

    private DqliteConnection open() throws Exception {
        return direct ? client.openDirectConnection(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)) : client.openConnection().join();
    }

    @Override
    public String name() {
        return direct ? "dqlite4j-native" : "dqlite4j-native-netty";
    }

    @Override
    public void execDdl(String sql) {
        conn.execSql(sql, Params.NONE).join();
    }

    @Override
    public void insertAutocommit(int n) {
        PreparedStatementHandle h = conn.prepare(INSERT_KV).join();
        Params p = new Params(2);
        for (int i = 0; i < n; i++) {
            p.setLong(0, i).setText(1, BenchClient.value(i));
            conn.exec(h, p).join(); // the request is encoded by exec(), so p can be reused at once
        }
        conn.finalizeStatement(h).join();
    }

    @Override
    public void insertTxBatch(int rows) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        pipelinedInTransaction(INSERT_SCAN, rows, i -> new Params(4).setLong(0, i).setText(1, BenchClient.name(i))
                .setDouble(2, i * 0.5).setBlob(3, payload));
    }

    @Override
    public void insertAutocommitBatch(int rows) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        PreparedStatementHandle h = conn.prepare(INSERT_AB).join();
        for (int from = 0; from < rows; from += AUTOCOMMIT_BATCH) {
            List<Params> batch = new ArrayList<>(AUTOCOMMIT_BATCH);
            for (int i = from; i < Math.min(rows, from + AUTOCOMMIT_BATCH); i++) {
                batch.add(new Params(4).setLong(0, i).setText(1, BenchClient.name(i)).setDouble(2, i * 0.5)
                        .setBlob(3, payload));
            }
            awaitAll(conn.execPipelined(h, batch));
        }
        conn.finalizeStatement(h).join();
    }

    @Override
    public void insertWide(int rows) {
        pipelinedInTransaction(INSERT_WIDE, rows, i -> {
            Params p = new Params(WIDE_COLUMNS).setLong(0, i);
            for (int k = 1; k < WIDE_COLUMNS; k++) {
                p.setObject(k, BenchClient.wideValue(i, k));
            }
            return p;
        });
    }

    /** rows EXECs between BEGIN and COMMIT, a sliding window of up to {@code --pipeline} in flight. */
    private void pipelinedInTransaction(String sql, int rows, java.util.function.IntFunction<Params> row) {
        conn.execSql("BEGIN", Params.NONE).join();
        boolean committed = false;
        try {
            PreparedStatementHandle h = conn.prepare(sql).join();
            ArrayDeque<List<CompletableFuture<ExecResult>>> inflight = new ArrayDeque<>();
            int inflightCount = 0;
            for (int from = 0; from < rows; from += CHUNK) {
                int to = Math.min(rows, from + CHUNK);
                List<Params> chunk = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    chunk.add(row.apply(i));
                }
                while (inflightCount + chunk.size() > pipeline) {
                    inflightCount -= awaitAll(inflight.poll());
                }
                inflight.add(conn.execPipelined(h, chunk));
                inflightCount += chunk.size();
            }
            while (!inflight.isEmpty()) {
                awaitAll(inflight.poll());
            }
            conn.finalizeStatement(h).join();
            conn.execSql("COMMIT", Params.NONE).join();
            committed = true;
        } finally {
            if (!committed && !conn.isClosed()) {
                conn.execSql("ROLLBACK", Params.NONE).exceptionally(e -> null).join();
            }
        }
    }

    private static int awaitAll(List<CompletableFuture<ExecResult>> futures) {
        for (CompletableFuture<ExecResult> f : futures) {
            f.join();
        }
        return futures.size();
    }

    @Override
    public int pointSelect(int n, int rows) {
        return pointSelects(conn, 0, n, Math.max(rows, 1));
    }

    private int pointSelects(DqliteConnection c, int from, int count, int modulo) {
        PreparedStatementHandle h = c.prepare(SELECT_KV).join();
        Params p = new Params(1);
        int found = 0;
        long s = 0;
        for (int i = 0; i < count; i++) {
            p.setLong(0, (from + i) % modulo);
            RowStream stream = c.query(h, p);
            RowBatch batch;
            while ((batch = stream.next(WAIT_SECONDS, TimeUnit.SECONDS)) != null) {
                if (batch.rowCount() > 0) {
                    s += ((String) batch.getRef(0, 0)).length();
                    found++;
                }
                if (batch.isLast()) {
                    break;
                }
            }
        }
        c.finalizeStatement(h).join();
        addSink(s);
        return found;
    }

    @Override
    public long scan() {
        RowStream stream = conn.querySql(SELECT_SCAN, Params.NONE);
        long count = 0;
        long s = 0;
        RowBatch batch;
        while ((batch = stream.next(WAIT_SECONDS, TimeUnit.SECONDS)) != null) {
            int n = batch.rowCount();
            for (int r = 0; r < n; r++) {
                long id = batch.getLong(r, 0);
                String name = (String) batch.getRef(r, 1);
                double score = batch.getDouble(r, 2);
                byte[] payload = (byte[]) batch.getRef(r, 3);
                s += id + name.length() + (long) score + payload.length;
            }
            count += n;
            if (batch.isLast()) {
                break;
            }
        }
        addSink(s);
        return count;
    }

    @Override
    public int pointSelectConcurrent(int n, int workers) throws Exception {
        int per = n / workers;
        return Workers.runAll(workers, w -> {
            if (w == 0) {
                return pointSelects(conn, 0, per, n);
            }
            try (DqliteConnection c = open()) {
                return pointSelects(c, w * per, per, n);
            }
        });
    }

    private synchronized void addSink(long s) {
        sink += s;
    }

    @Override
    public synchronized long sink() {
        return sink;
    }

    @Override
    public void close() {
        conn.close();
        client.close();
    }
}
