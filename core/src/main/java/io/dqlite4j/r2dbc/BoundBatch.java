package io.dqlite4j.r2dbc;

import io.dqlite4j.client.DqliteProperty;
import io.dqlite4j.sql.MultiRowInsert;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Protocol;
import io.r2dbc.spi.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The execution of a statement bound several times ({@code add()}). A single-row INSERT that
 * {@link MultiRowInsert} recognises, whose change count splits one per item (plain INSERT,
 * {@code OR ABORT}, {@code REPLACE}, no generated values, a table without IGNORE/FAIL/ROLLBACK
 * clauses or triggers — asked of {@code sqlite_master} when the batch starts), runs as multi-row
 * INSERTs of consecutive items; everything else runs item by item ({@link ResultsPublisher}).
 *
 * <p>Each multi-row statement is bounded by 255 parameters (the limit every server generation
 * reads, so no probe is needed), 100 rows and {@code max_message_size}; it yields one result with
 * an update count of 1 per item. When one fails it applied nothing (SQLite rolls the statement
 * back), so its items run one by one and, as item-by-item execution does, the first failure ends
 * the batch: the items before it are applied, the error is emitted after their results, and
 * nothing after it runs. Statements run one after another on the connection, each with the
 * connection's transaction and SQLITE_BUSY rules; in autocommit each commits on its own.
 */
final class BoundBatch {
    private static final int MAX_ROWS = 100;

    private BoundBatch() {
    }

    /** The publisher of {@code execute()} for these parameter sets. */
    static Publisher<? extends Result> execute(DqliteR2dbcConnection connection, SqlStatement sent, String text,
            List<Bindings.Binding> sets, boolean generatedValues) {
        MultiRowInsert shape = sets.size() > 1 && !generatedValues
                && Boolean.parseBoolean(connection.config().valueText(DqliteProperty.BATCH_REWRITE))
                ? MultiRowInsert.recognise(text) : null;
        if (shape != null && shape.countsPerRow() && shape.schemaVisible()
                && sets.stream().allMatch(s -> s.lobs == null || s.lobs.isEmpty())) {
            return new Rewritten(connection, sent, text, sets, shape);
        }
        return new ResultsPublisher(connection, perItem(sent, text, sets));
    }

    private static List<Execution> perItem(SqlStatement sent, String text, List<Bindings.Binding> sets) {
        List<Execution> executions = new ArrayList<>(sets.size());
        for (Bindings.Binding set : sets) {
            executions.add(new Execution(sent, text, set.params, set.lobs, true));
        }
        return executions;
    }

    /** A rewritten batch: runs on the first request, buffers the (small) update-count results, emits them on demand. */
    private static final class Rewritten implements Publisher<DqliteResult> {
        private final DqliteR2dbcConnection connection;
        private final SqlStatement sent;
        private final String text;
        private final List<Params> items;
        private final MultiRowInsert shape;

        Rewritten(DqliteR2dbcConnection connection, SqlStatement sent, String text, List<Bindings.Binding> sets,
                MultiRowInsert shape) {
            this.connection = connection;
            this.sent = sent;
            this.text = text;
            this.items = new ArrayList<>(sets.size());
            for (Bindings.Binding set : sets) {
                items.add(set.params);
            }
            this.shape = shape;
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
            private final ArrayDeque<DqliteResult> ready = new ArrayDeque<>(); // guarded by this
            private final AtomicLong requested = new AtomicLong();
            private final AtomicInteger wip = new AtomicInteger();
            private final MultiRowInsert.Limits limits = new MultiRowInsert.Limits(Protocol.MAX_NARROW_PARAMS, MAX_ROWS,
                    Math.max(64, connection.config().maxMessageSize() - 64L));
            private volatile boolean started;
            private volatile boolean cancelled;
            private volatile boolean finished;
            private volatile Throwable error;
            private boolean done;

            Run(Subscriber<? super DqliteResult> downstream) {
                this.downstream = downstream;
            }

            @Override
            public void request(long n) {
                if (n <= 0) {
                    error = new IllegalArgumentException("Reactive Streams §3.9: request(" + n + ") must be positive");
                    cancelled = true;
                    finished = true;
                    drain();
                    return;
                }
                long r;
                do {
                    r = requested.get();
                } while (r != Long.MAX_VALUE && !requested.compareAndSet(r, r + n < 0 ? Long.MAX_VALUE : r + n));
                if (!started) {
                    synchronized (this) {
                        if (!started) {
                            started = true;
                            start();
                        }
                    }
                }
                drain();
            }

            @Override
            public void cancel() {
                cancelled = true;
            }

            private void start() {
                String query = MultiRowInsert.SCHEMA_QUERY;
                Execution check = new Execution(SqlStatement.analyze(query), query, Params.of(shape.table()), null, true);
                connection.submit(check, () -> cancelled)
                        .thenCompose(this::schemaAllows)
                        .whenComplete((allows, e) -> {
                            if (e != null) {
                                finish(e);
                            } else if (Boolean.TRUE.equals(allows)) {
                                chunk(0);
                            } else {
                                items(0, items.size(), true);
                            }
                        });
            }

            /** Reads the schema rows and decides; a cancelled or empty answer means item by item. */
            private CompletableFuture<Boolean> schemaAllows(DqliteResult result) {
                CompletableFuture<Boolean> verdict = new CompletableFuture<>();
                if (result == null) {
                    verdict.complete(false);
                    return verdict;
                }
                boolean[] state = {true, false}; // allows, any row
                result.map((row, md) -> {
                    state[1] = true;
                    state[0] &= MultiRowInsert.schemaKeepsCountsExact(row.get(0, String.class), row.get(1, String.class));
                    return 1;
                }).subscribe(new Subscriber<Integer>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(Integer ignored) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        verdict.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                        verdict.complete(state[0] && state[1]);
                    }
                });
                return verdict;
            }

            /** Runs the multi-row statement that starts at item {@code from}, then the next. */
            private void chunk(int from) {
                if (from >= items.size()) {
                    finish(null);
                    return;
                }
                int to = shape.chunkEnd(items, from, limits);
                if (to - from == 1) {
                    items(from, to, false);
                    return;
                }
                String multi = shape.sql(to - from);
                Execution ex = new Execution(SqlStatement.analyze(multi), multi, MultiRowInsert.concat(items, from, to),
                        null, true);
                connection.submit(ex, () -> cancelled).whenComplete((r, e) -> {
                    if (e != null) {
                        items(from, to, false); // it applied nothing: item by item finds the failing one
                    } else if (r == null) {
                        finish(null);
                    } else {
                        // A total other than one per item (the schema changed since the check) cannot be split.
                        long each = countOf(r, to - from);
                        r.discard();
                        for (int i = from; i < to; i++) {
                            emit(DqliteResult.ofUpdateCount(each));
                        }
                        chunk(to);
                    }
                });
            }

            /** Runs items {@code [from, to)} one by one; then continues with multi-row statements unless {@code toEnd}. */
            private void items(int from, int to, boolean toEnd) {
                if (from >= to) {
                    if (toEnd) {
                        finish(null);
                    } else {
                        chunk(to);
                    }
                    return;
                }
                connection.submit(new Execution(sent, text, items.get(from), null, true), () -> cancelled)
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                finish(e);
                            } else if (r == null) {
                                finish(null);
                            } else {
                                emit(r);
                                items(from + 1, to, toEnd);
                            }
                        });
            }

            private long countOf(DqliteResult r, int rows) {
                return r.updateCount() == rows ? 1 : -1;
            }

            private void emit(DqliteResult r) {
                synchronized (this) {
                    ready.add(r);
                }
                drain();
            }

            private void finish(Throwable e) {
                error = e == null ? null : R2dbcExceptions.map(io.dqlite4j.client.DqliteConnection.unwrap(e));
                finished = true;
                drain();
            }

            private void drain() {
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                int missed = 1;
                while (true) {
                    while (!done) {
                        if (cancelled && error == null) {
                            done = true;
                            break;
                        }
                        DqliteResult next;
                        synchronized (this) {
                            next = requested.get() > 0 && !cancelled ? ready.poll() : null;
                        }
                        if (next != null) {
                            if (requested.get() != Long.MAX_VALUE) {
                                requested.decrementAndGet();
                            }
                            downstream.onNext(next);
                            continue;
                        }
                        boolean empty;
                        synchronized (this) {
                            empty = ready.isEmpty();
                        }
                        if (finished && (empty || cancelled)) {
                            done = true;
                            if (error != null) {
                                downstream.onError(error);
                            } else {
                                downstream.onComplete();
                            }
                        }
                        break;
                    }
                    missed = wip.addAndGet(-missed);
                    if (missed == 0) {
                        return;
                    }
                }
            }
        }
    }
}
