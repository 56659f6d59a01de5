package io.dqlite4j.jooq;

import static io.dqlite4j.jooq.FakeJdbc.sqlState;
import static io.dqlite4j.jooq.FakeJdbc.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class DqliteTransactionsTest {
    private final FakeJdbc jdbc = new FakeJdbc();
    private final DSLContext ctx = DSL.using(DqliteDSL.configuration(jdbc));
    private final AtomicInteger runs = new AtomicInteger();

    private <T> T retry(int attempts, TransactionalCallable<T> body) {
        return DqliteTransactions.retrying(ctx, attempts, Duration.ZERO, Duration.ZERO, body);
    }

    private TransactionalCallable<Integer> insert() {
        return cfg -> {
            runs.incrementAndGet();
            return DSL.using(cfg).execute("insert into t values (1)");
        };
    }

    @Test
    void retriesBusyInTheBody() {
        jdbc.failOnce(startsWith("insert"), sqlState("40001", 5), sqlState("40001", 6));
        assertThat(retry(5, insert())).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(3);
        assertThat(jdbc.log.stream().filter("rollback"::equals)).hasSize(2);
        assertThat(jdbc.log.stream().filter("commit"::equals)).hasSize(1);
        assertThat(jdbc.acquired.get()).isEqualTo(3);
    }

    @Test
    void retriesConnectionLossBeforeTheCommit() {
        jdbc.failOnce(startsWith("insert"), sqlState("08006"), sqlState("08001"));
        assertThat(retry(3, insert())).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void retriesConnectionLossWhileBeginning() {
        jdbc.setAutoCommitFalseFailures.add(sqlState("08006"));
        assertThat(retry(2, insert())).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(jdbc.acquired.get()).isEqualTo(2);
    }

    @Test
    void retriesBusyAtCommit() {
        jdbc.commitFailures.add(sqlState("40001", 5));
        assertThat(retry(2, insert())).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void neverRetriesAnAmbiguousCommit() {
        jdbc.commitFailures.add(sqlState("08007", 10506));
        Throwable t = catchThrowable(() -> retry(5, insert()));
        assertThat(t).isInstanceOf(DqliteInDoubtException.class);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(jdbc.log.stream().filter("commit"::equals)).hasSize(1);
    }

    @Test
    void neverRetriesAmbiguityEvenIfItShowsUpInTheBody() {
        jdbc.failOnce(startsWith("insert"), sqlState("08007"));
        assertThatThrownBy(() -> retry(5, insert())).isInstanceOf(DqliteInDoubtException.class);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void doesNotRetryConnectionLossDuringTheCommit() {
        jdbc.commitFailures.add(sqlState("08006"));
        assertThatThrownBy(() -> retry(5, insert())).isInstanceOf(DqliteConnectionLostException.class);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void doesNotRetryOtherErrors() {
        jdbc.failOnce(startsWith("insert"), sqlState("23505", 2067));
        assertThatThrownBy(() -> retry(5, insert())).isInstanceOf(IntegrityConstraintViolationException.class);
        assertThat(runs.get()).isEqualTo(1);

        RuntimeException app = new IllegalStateException("application failure");
        assertThat(catchThrowable(() -> retry(5, cfg -> {
            runs.incrementAndGet();
            throw app;
        }))).isSameAs(app);
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void rethrowsTheLastFailureWithEarlierOnesSuppressed() {
        jdbc.failAlways(startsWith("insert"), sqlState("40001", 5));
        Throwable t = catchThrowable(() -> retry(3, insert()));
        assertThat(t).isInstanceOf(DqliteBusyException.class);
        assertThat(t.getSuppressed()).hasSize(2).allSatisfy(s -> assertThat(s).isInstanceOf(DqliteBusyException.class));
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void insideAManagedTransactionRunsOnceAsANestedBlock() {
        jdbc.failOnce(startsWith("insert"), sqlState("40001"));
        Throwable t = catchThrowable(() -> ctx.transaction(cfg ->
                DqliteTransactions.retrying(DSL.using(cfg), 5, insert())));
        assertThat(t).isInstanceOf(DqliteBusyException.class);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(jdbc.sql()).contains("SAVEPOINT jooq_sp_2");

        // The outermost retrying() retries the whole thing.
        runs.set(0);
        jdbc.failOnce(startsWith("insert"), sqlState("40001"));
        int r = retry(3, cfg -> DqliteTransactions.retrying(DSL.using(cfg), 5, insert()));
        assertThat(r).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void usesDefaultBackoffWithoutFailing() {
        jdbc.failOnce(startsWith("insert"), sqlState("40001"));
        assertThat(DqliteTransactions.retrying(ctx, 2, insert())).isEqualTo(1);
    }

    @Test
    void interruptStopsRetrying() {
        jdbc.failAlways(startsWith("insert"), sqlState("40001"));
        Thread.currentThread().interrupt();
        try {
            Throwable t = catchThrowable(() -> DqliteTransactions.retrying(ctx, 5, Duration.ofSeconds(10),
                    Duration.ofSeconds(10), insert()));
            assertThat(t).isInstanceOf(DqliteBusyException.class);
            assertThat(t.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(runs.get()).isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void validatesArguments() {
        assertThatThrownBy(() -> DqliteTransactions.retrying(ctx, 0, insert()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DqliteTransactions.retrying(ctx, 1, Duration.ofMillis(-1), Duration.ZERO, insert()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffIsJitteredCappedAndExponential() {
        long ms = 1_000_000;
        for (int i = 0; i < 200; i++) {
            assertThat(DqliteTransactions.backoffNanos(1, 20 * ms, 1000 * ms)).isBetween(10 * ms, 20 * ms);
            assertThat(DqliteTransactions.backoffNanos(3, 20 * ms, 1000 * ms)).isBetween(40 * ms, 80 * ms);
            assertThat(DqliteTransactions.backoffNanos(40, 20 * ms, 1000 * ms)).isBetween(500 * ms, 1000 * ms);
            assertThat(DqliteTransactions.backoffNanos(Integer.MAX_VALUE, Long.MAX_VALUE / 3, Long.MAX_VALUE))
                    .isPositive();
        }
        assertThat(DqliteTransactions.backoffNanos(5, 0, 0)).isZero();
    }

    @Test
    void classification() {
        DataAccessException busy = new DqliteBusyException("x", sqlState("40001"));
        DataAccessException lost = new DqliteConnectionLostException("x", sqlState("08006"));
        assertThat(DqliteTransactions.isRetryable(busy, true)).isTrue();
        assertThat(DqliteTransactions.isRetryable(lost, false)).isTrue();
        assertThat(DqliteTransactions.isRetryable(lost, true)).isFalse();
        assertThat(DqliteTransactions.isRetryable(new DqliteInDoubtException("x", sqlState("08006")), false))
                .isFalse();
        assertThat(DqliteTransactions.isRetryable(new DataAccessException("x", sqlState("08S01")), false)).isFalse();
        assertThat(DqliteTransactions.isRetryable(new DataAccessException("no state"), false)).isFalse();
    }
}
