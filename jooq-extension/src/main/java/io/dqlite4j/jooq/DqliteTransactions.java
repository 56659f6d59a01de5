package io.dqlite4j.jooq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;

/**
 * Opt-in retries of whole transactions, for failures that certainly did not commit.
 *
 * <pre>{@code
 * long id = DqliteTransactions.retrying(ctx, 5, cfg -> {
 *     DSLContext tx = DSL.using(cfg);
 *     return tx.insertInto(T).set(T.NAME, "a").returning(T.ID).fetchOne(T.ID);
 * });
 * }</pre>
 *
 * <h2>What is retried</h2>
 * The <em>whole</em> transaction lambda runs again (in a new {@code transactionResult}) only when
 * the failure's cause chain holds an {@link java.sql.SQLException} with SQLState
 * <ul>
 *   <li>{@code 40001} (busy / locked: the transaction did not happen, whenever it failed), or</li>
 *   <li>{@code 08006} / {@code 08001} (connection failure / unable to connect), and the failure
 *       happened while beginning or while the lambda ran, i.e. before the commit was sent.</li>
 * </ul>
 * Nothing else is retried: not {@code 08007} / {@link DqliteInDoubtException} (the commit may
 * have been applied), not a connection failure during the commit, not constraint violations or
 * SQL errors, not {@link Error}s. The lambda must therefore be safe to run more than once, apart
 * from its database work (which a failed attempt rolled back): avoid side effects such as sending
 * messages inside it.
 *
 * <h2>Backoff and result</h2>
 * Before attempt {@code k + 1} the helper sleeps a random time between half and all of
 * {@code min(maxBackoff, initialBackoff * 2^(k-1))} (equal jitter, capped exponential; defaults
 * {@value #DEFAULT_INITIAL_BACKOFF_MILLIS} ms and {@value #DEFAULT_MAX_BACKOFF_MILLIS} ms). When
 * all attempts fail, or a failure is not retryable, the last failure is thrown with the earlier
 * ones attached as {@linkplain Throwable#getSuppressed() suppressed}. An interrupt during the
 * backoff stops the retries: the last failure is thrown and the interrupt flag stays set.
 *
 * <h2>Nesting</h2>
 * Called with a {@link DSLContext} whose configuration is already inside a transaction managed by
 * {@link DqliteTransactionProvider}, the helper runs the lambda once as a nested transaction
 * (a savepoint) and lets every failure propagate: only the outermost transaction can be retried
 * as a whole, and an outer {@code retrying} call does exactly that.
 */
public final class DqliteTransactions {
    /** Default first backoff, in milliseconds. */
    public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 20;
    /** Default backoff cap, in milliseconds. */
    public static final long DEFAULT_MAX_BACKOFF_MILLIS = 1000;

    private DqliteTransactions() {
    }

    /**
     * Runs {@code body} in {@code ctx.transactionResult(body)}, retrying the whole transaction up
     * to {@code maxAttempts} attempts in total on failures that certainly did not commit, with the
     * default backoff.
     *
     * @param ctx the context, normally made by {@link DqliteDSL}
     * @param maxAttempts the number of attempts in total, at least 1
     * @param body the transaction lambda; it may run several times
     * @return the lambda's result
     * @throws IllegalArgumentException if {@code maxAttempts < 1}
     */
    public static <T> T retrying(DSLContext ctx, int maxAttempts, TransactionalCallable<T> body) {
        return retrying(ctx, maxAttempts, Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS),
                Duration.ofMillis(DEFAULT_MAX_BACKOFF_MILLIS), body);
    }

    /**
     * As {@link #retrying(DSLContext, int, TransactionalCallable)}, with the given backoff.
     *
     * @param initialBackoff the backoff bound before the second attempt, not negative
     * @param maxBackoff the cap of the backoff bound, not negative
     * @throws IllegalArgumentException if {@code maxAttempts < 1} or a backoff is negative
     */
    public static <T> T retrying(DSLContext ctx, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
            TransactionalCallable<T> body) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + initialBackoff + ", " + maxBackoff);
        }
        if (DqliteTransactionProvider.isInTransaction(ctx.configuration())) {
            return ctx.transactionResult(body);
        }

        List<RuntimeException> failures = new ArrayList<>();
        long initialNanos = initialBackoff.toNanos();
        long maxNanos = maxBackoff.toNanos();
        for (int attempt = 1; ; attempt++) {
            boolean[] bodyReturned = {false};
            try {
                return ctx.transactionResult(cfg -> {
                    T result = body.run(cfg);
                    bodyReturned[0] = true;
                    return result;
                });
            } catch (RuntimeException e) {
                failures.add(e);
                if (attempt >= maxAttempts || !isRetryable(e, bodyReturned[0])) {
                    throw withEarlier(failures);
                }
            }
            if (!sleep(backoffNanos(attempt, initialNanos, maxNanos))) {
                RuntimeException last = withEarlier(failures);
                last.addSuppressed(new InterruptedException("interrupted during the backoff before attempt "
                        + (attempt + 1)));
                throw last;
            }
        }
    }

    /**
     * Whether a failed attempt certainly did not commit.
     *
     * @param e the failure of {@code transactionResult}
     * @param commitMayHaveBeenSent whether the lambda had returned, i.e. jOOQ went on to commit
     */
    static boolean isRetryable(Throwable e, boolean commitMayHaveBeenSent) {
        if (Errors.isAmbiguousCommit(e)) {
            return false;
        }
        String state = Errors.sqlState(e);
        if (Errors.BUSY.equals(state)) {
            return true;
        }
        if (Errors.CONNECTION_FAILURE.equals(state) || Errors.UNABLE_TO_CONNECT.equals(state)) {
            return !commitMayHaveBeenSent;
        }
        return false;
    }

    /** Equal jitter on a capped exponential bound: a value in [bound/2, bound]. */
    static long backoffNanos(int failedAttempts, long initialNanos, long maxNanos) {
        long bound = initialNanos;
        for (int i = 1; i < failedAttempts && bound < maxNanos; i++) {
            bound = bound > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : bound * 2;
        }
        bound = Math.min(bound, maxNanos);
        if (bound <= 0) {
            return 0;
        }
        long half = bound / 2;
        return half + ThreadLocalRandom.current().nextLong(bound - half + 1);
    }

    /** Sleeps; false when interrupted (the flag is set again). */
    private static boolean sleep(long nanos) {
        if (nanos <= 0) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RuntimeException withEarlier(List<RuntimeException> failures) {
        RuntimeException last = failures.get(failures.size() - 1);
        for (int i = 0; i < failures.size() - 1; i++) {
            RuntimeException earlier = failures.get(i);
            if (earlier != last) {
                last.addSuppressed(earlier);
            }
        }
        return last;
    }
}
