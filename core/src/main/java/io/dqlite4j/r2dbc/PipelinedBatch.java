package io.dqlite4j.r2dbc;

import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The executions of a {@link DqliteBatch}, run as one operation of the connection's queue, with
 * runs of plain DML texts pipelined inside a transaction (docs/batches.md, "R2DBC Batch").
 *
 * <p>Outside a transaction every text is its own replicated transaction: they run one after the
 * other, each with its SQLITE_BUSY retries, as separate statements would. Inside a transaction
 * that already did work, a run of at least {@value #MIN_RUN} consecutive DML texts without
 * RETURNING is written back to back under a savepoint, so the server works through them without
 * waiting for the client between them. The Batch keeps its contract either way: results in
 * order, and after the first failure nothing later is applied. Pipelined texts behind a failed
 * one have already run, so the batch rolls back to the savepoint and runs again, one at a time,
 * the texts before the failure; then the failure is reported.
 *
 * <p>A failure that ends the whole transaction (an {@code OR ROLLBACK} conflict, or a trigger's
 * {@code RAISE(ROLLBACK, …)}) would let the texts behind it run in autocommit mode, outside the
 * transaction: no run is pipelined when a text or the schema mentions ROLLBACK, which the batch
 * asks of {@code sqlite_master} once before its first pipelined run.
 */
final class PipelinedBatch {
    /** The shortest run worth a savepoint, its release and the schema question. */
    static final int MIN_RUN = 4;
    private static final String SAVEPOINT = "dqlite4j_batch";
    private static final String GUARD_SQL = "SELECT (SELECT count(*) FROM sqlite_master WHERE sql LIKE '%rollback%')"
            + " + (SELECT count(*) FROM sqlite_temp_master WHERE sql LIKE '%rollback%')";

    private final DqliteR2dbcConnection connection;
    private final List<Execution> executions;
    private final List<CompletableFuture<DqliteResult>> outcomes;
    private final BooleanSupplier cancelled;
    /** Null until asked: whether the schema lets a failure end the transaction. */
    private Boolean schemaCanRollBack;

    private PipelinedBatch(DqliteR2dbcConnection connection, List<Execution> executions, BooleanSupplier cancelled) {
        this.connection = connection;
        this.executions = executions;
        this.cancelled = cancelled;
        this.outcomes = new ArrayList<>(executions.size());
        for (int i = 0; i < executions.size(); i++) {
            outcomes.add(new CompletableFuture<>());
        }
    }

    /**
     * Queues the batch; one future per execution, in order, completing with its result, with
     * null when it was skipped (after a failure, or cancelled), or with its failure.
     */
    static List<CompletableFuture<DqliteResult>> submit(DqliteR2dbcConnection connection, List<Execution> executions,
            BooleanSupplier cancelled) {
        PipelinedBatch batch = new PipelinedBatch(connection, executions, cancelled);
        connection.enqueue(() -> batch.from(0)).whenComplete((v, e) -> {
            // A closed connection never runs the operation; a bug must not leave a subscriber waiting.
            for (CompletableFuture<DqliteResult> f : batch.outcomes) {
                if (e != null) {
                    f.completeExceptionally(e);
                } else {
                    f.complete(null);
                }
            }
        });
        return batch.outcomes;
    }

    /** Whether a text may go out behind others: one DML statement, no RETURNING, nothing to bind. */
    static boolean pipelinable(Execution ex) {
        SqlStatement a = ex.analysis;
        return a.isDml() && !a.hasReturning() && !a.hasMultipleStatements() && !ex.returning()
                && ex.params.size() == 0 && (ex.lobs == null || ex.lobs.isEmpty())
                && !ex.sql.toLowerCase(Locale.ROOT).contains("rollback");
    }

    /** Runs the executions from {@code i} on; completes when every outcome is known. */
    private CompletableFuture<Void> from(int i) {
        if (i >= executions.size()) {
            return CompletableFuture.completedFuture(null);
        }
        if (cancelled.getAsBoolean()) {
            skipFrom(i);
            return CompletableFuture.completedFuture(null);
        }
        int end = i;
        while (end < executions.size() && pipelinable(executions.get(end))) {
            end++;
        }
        if (end - i >= MIN_RUN && connection.session().inTransaction() && schemaCanRollBack != Boolean.TRUE) {
            int runEnd = end;
            return schemaAllowsPipelining().thenCompose(ok -> ok ? pipelined(i, runEnd) : one(i));
        }
        return one(i);
    }

    /** Runs execution {@code i} alone, then the rest. */
    private CompletableFuture<Void> one(int i) {
        return alone(i, () -> from(i + 1));
    }

    /**
     * Runs execution {@code i} with every rule of a single statement and records its outcome;
     * then {@code next}, unless it failed (everything after it is skipped then).
     */
    private CompletableFuture<Void> alone(int i, java.util.function.Supplier<CompletableFuture<Void>> next) {
        return connection.execute(executions.get(i)).handle((r, e) -> {
            if (e != null) {
                outcomes.get(i).completeExceptionally(e);
                skipFrom(i + 1);
                return CompletableFuture.<Void>completedFuture(null);
            }
            outcomes.get(i).complete(r);
            return next.get();
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Boolean> schemaAllowsPipelining() {
        if (schemaCanRollBack != null) {
            return CompletableFuture.completedFuture(!schemaCanRollBack);
        }
        return connection.step(GUARD_SQL, Params.NONE).handle((r, e) -> {
            schemaCanRollBack = e != null || mentions(r.batches());
            return !schemaCanRollBack;
        });
    }

    private static boolean mentions(List<RowBatch> batches) {
        for (RowBatch b : batches) {
            if (b.rowCount() > 0) {
                return b.typeCode(0, 0) != 1 || b.getLong(0, 0) != 0;
            }
        }
        return true;
    }

    /** Executions {@code [from, to)} written back to back under the savepoint, then the rest. */
    private CompletableFuture<Void> pipelined(int from, int to) {
        return connection.step("SAVEPOINT " + SAVEPOINT, Params.NONE).handle((v, e) -> {
            if (e != null) {
                return one(from); // nothing was pipelined: run the texts as usual
            }
            List<CompletableFuture<DqliteResult>> answers = new ArrayList<>(to - from);
            for (int j = from; j < to; j++) {
                answers.add(connection.sendNow(executions.get(j)));
            }
            return CompletableFuture.allOf(answers.stream().map(f -> f.handle((r, x) -> null))
                    .toArray(CompletableFuture[]::new)).thenCompose(x -> settle(from, to, answers));
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> settle(int from, int to, List<CompletableFuture<DqliteResult>> answers) {
        int failed = -1;
        for (int j = 0; j < answers.size(); j++) {
            if (answers.get(j).isCompletedExceptionally()) {
                failed = j;
                break;
            }
        }
        if (failed < 0) {
            return connection.step("RELEASE " + SAVEPOINT, Params.NONE).handle((v, e) -> {
                if (e != null) {
                    outcomes.get(to - 1).completeExceptionally(e);
                    skipFrom(to);
                    return CompletableFuture.<Void>completedFuture(null);
                }
                for (int j = from; j < to; j++) {
                    outcomes.get(j).complete(answers.get(j - from).join());
                }
                return from(to);
            }).thenCompose(f -> f);
        }
        int k = from + failed;
        Throwable failure = answers.get(failed).handle((r, e) -> e).join();
        if (!connection.session().inTransaction()) {
            // The transaction is gone (connection lost, or the server rolled it back): nothing to undo.
            for (int j = from; j < k; j++) {
                outcomes.get(j).complete(answers.get(j - from).join());
            }
            outcomes.get(k).completeExceptionally(failure);
            skipFrom(k + 1);
            return CompletableFuture.completedFuture(null);
        }
        // Undo the texts that ran behind the failure, then run the ones before it again, one by one.
        return connection.step("ROLLBACK TO " + SAVEPOINT, Params.NONE)
                .thenCompose(v -> connection.step("RELEASE " + SAVEPOINT, Params.NONE))
                .handle((v, e) -> {
                    if (e != null) {
                        failure.addSuppressed(e);
                        outcomes.get(k).completeExceptionally(failure);
                        skipFrom(from);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return again(from, k, failure);
                }).thenCompose(f -> f);
    }

    /** Runs {@code [j, k)} one at a time; if all succeed, execution {@code k} failed as before. */
    private CompletableFuture<Void> again(int j, int k, Throwable failure) {
        if (j == k) {
            outcomes.get(k).completeExceptionally(failure);
            skipFrom(k + 1);
            return CompletableFuture.completedFuture(null);
        }
        return alone(j, () -> again(j + 1, k, failure));
    }

    private void skipFrom(int i) {
        for (int j = i; j < outcomes.size(); j++) {
            outcomes.get(j).complete(null);
        }
    }
}
