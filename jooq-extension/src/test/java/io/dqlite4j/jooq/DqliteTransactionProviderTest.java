package io.dqlite4j.jooq;

import static io.dqlite4j.jooq.FakeJdbc.sqlState;
import static io.dqlite4j.jooq.FakeJdbc.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.FetchTriggerValuesAfterReturning;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class DqliteTransactionProviderTest {
    private static final String BARE_ASCII = "[A-Za-z_][A-Za-z0-9_]*";

    private final FakeJdbc jdbc = new FakeJdbc();

    /** A context on a pool-like ConnectionProvider (one connection per acquire). */
    private DSLContext pooled() {
        return DSL.using(DqliteDSL.configuration(jdbc));
    }

    @Test
    void presetsAreApplied() {
        Configuration cfg = DqliteDSL.configuration(jdbc.connection());
        assertThat(cfg.dialect()).isEqualTo(SQLDialect.SQLITE);
        assertThat(cfg.settings().isFetchWarnings()).isFalse();
        assertThat(cfg.settings().getFetchTriggerValuesAfterReturning()).isEqualTo(FetchTriggerValuesAfterReturning.NEVER);
        assertThat(cfg.transactionProvider()).isInstanceOf(DqliteTransactionProvider.class);
        assertThat(cfg.executeListenerProviders()).extracting(p -> p.provide())
                .containsExactly(DqliteExecuteListener.create());
        assertThat(DqliteDSL.settings()).isNotSameAs(DqliteDSL.settings());
    }

    @Test
    void nativeReturningIsRendered() {
        DSLContext ctx = DqliteDSL.using(jdbc.connection());
        String sql = ctx.insertInto(DSL.table(DSL.name("t")), DSL.field(DSL.name("name")))
                .values("a").values("b")
                .returning(DSL.field(DSL.name("id")))
                .getSQL();
        assertThat(sql).startsWith("insert into t (name) values (?), (?) returning");
    }

    @Test
    void topLevelUsesAutoCommitCommitAndRestoresAutoCommit() {
        DSLContext ctx = DqliteDSL.using(jdbc.connection());
        ctx.transaction(cfg -> {
            assertThat(jdbc.autoCommit).isFalse();
            DSL.using(cfg).execute("insert into t values (1)");
        });
        assertThat(jdbc.logSnapshot()).containsExactly(
                "setAutoCommit(false)", "sql insert into t values (1)", "commit", "setAutoCommit(true)");
        assertThat(jdbc.autoCommit).isTrue();
    }

    @Test
    void transactionResultReturnsTheValue() {
        int r = DqliteDSL.using(jdbc.connection()).transactionResult(cfg -> 42);
        assertThat(r).isEqualTo(42);
        assertThat(jdbc.logSnapshot()).containsExactly("setAutoCommit(false)", "commit", "setAutoCommit(true)");
    }

    @Test
    void nestedBlocksUseBareAsciiSavepoints() {
        DSLContext ctx = DqliteDSL.using(jdbc.connection());
        RuntimeException boom = new IllegalStateException("inner failure");
        ctx.transaction(outer -> {
            DSL.using(outer).execute("insert into t values (1)");
            DSL.using(outer).transaction(nested -> {
                DSL.using(nested).execute("insert into t values (2)");
                DSL.using(nested).transaction(deeper -> DSL.using(deeper).execute("insert into t values (3)"));
            });
            Throwable t = catchThrowable(() -> DSL.using(outer).transaction(nested -> {
                DSL.using(nested).execute("insert into t values (4)");
                throw boom;
            }));
            assertThat(t).isSameAs(boom);
        });
        assertThat(jdbc.logSnapshot()).containsExactly(
                "setAutoCommit(false)",
                "sql insert into t values (1)",
                "sql SAVEPOINT jooq_sp_2",
                "sql insert into t values (2)",
                "sql SAVEPOINT jooq_sp_3",
                "sql insert into t values (3)",
                "sql RELEASE SAVEPOINT jooq_sp_3",
                "sql RELEASE SAVEPOINT jooq_sp_2",
                "sql SAVEPOINT jooq_sp_2",
                "sql insert into t values (4)",
                "sql ROLLBACK TO SAVEPOINT jooq_sp_2",
                "sql RELEASE SAVEPOINT jooq_sp_2",
                "commit",
                "setAutoCommit(true)");
        for (String sql : jdbc.sql()) {
            if (sql.contains("SAVEPOINT")) {
                assertThat(sql.substring(sql.lastIndexOf(' ') + 1)).matches(BARE_ASCII);
            }
        }
        // JDBC savepoint API is never used: the names are ours.
        assertThat(jdbc.log).doesNotContain("setSavepoint", "releaseSavepoint");
    }

    @Test
    void throwingBodyRollsBackAndRethrowsTheOriginal() {
        DSLContext ctx = DqliteDSL.using(jdbc.connection());
        RuntimeException boom = new IllegalArgumentException("boom");
        Throwable t = catchThrowable(() -> ctx.transaction(cfg -> {
            DSL.using(cfg).execute("insert into t values (1)");
            throw boom;
        }));
        assertThat(t).isSameAs(boom);
        assertThat(t.getSuppressed()).isEmpty();
        assertThat(jdbc.logSnapshot()).containsExactly(
                "setAutoCommit(false)", "sql insert into t values (1)", "rollback", "setAutoCommit(true)");
    }

    @Test
    void checkedExceptionIsWrappedByJooqWithTheOriginalAsCause() {
        IOException io = new IOException("io");
        Throwable t = catchThrowable(() -> DqliteDSL.using(jdbc.connection()).transaction(cfg -> {
            throw io;
        }));
        assertThat(t).isExactlyInstanceOf(DataAccessException.class).hasCause(io);
        assertThat(jdbc.log).contains("rollback").doesNotContain("commit");
    }

    @Test
    void rollbackFailureIsSuppressedNotMasking() {
        jdbc.rollbackFailures.add(sqlState("08006"));
        RuntimeException boom = new IllegalStateException("boom");
        Throwable t = catchThrowable(() -> DqliteDSL.using(jdbc.connection()).transaction(cfg -> {
            throw boom;
        }));
        assertThat(t).isSameAs(boom);
        assertThat(t.getSuppressed()).singleElement().isInstanceOf(DqliteConnectionLostException.class);
        // A failed ROLLBACK must not be followed by setAutoCommit(true), which would commit.
        assertThat(jdbc.logSnapshot()).containsExactly("setAutoCommit(false)", "rollback");
    }

    @Test
    void ambiguousCommitRaisesDistinctExceptionAndIsNotRetried() {
        SQLException unknown = sqlState("08007");
        jdbc.commitFailures.add(unknown);
        DSLContext ctx = pooled();
        Throwable t = catchThrowable(() -> ctx.transaction(cfg -> DSL.using(cfg).execute("insert into t values (1)")));
        assertThat(t).isInstanceOf(DqliteInDoubtException.class).hasCause(unknown)
                .isNotInstanceOf(DqliteConnectionLostException.class);
        assertThat(jdbc.logSnapshot()).containsExactly(
                "acquire", "setAutoCommit(false)", "sql insert into t values (1)", "commit", "rollback",
                "setAutoCommit(true)", "release");
        assertThat(jdbc.log.stream().filter("commit"::equals)).hasSize(1);
    }

    @Test
    void otherCommitFailuresAreTranslatedAndRolledBack() {
        jdbc.commitFailures.add(sqlState("40001", 5));
        jdbc.commitFailures.add(sqlState("23503", 787));
        DSLContext ctx = pooled();
        assertThatThrownBy(() -> ctx.transaction(cfg -> { })).isInstanceOf(DqliteBusyException.class);
        assertThatThrownBy(() -> ctx.transaction(cfg -> { }))
                .isInstanceOf(org.jooq.exception.IntegrityConstraintViolationException.class)
                .satisfies(e -> assertThat(DqliteExecuteListener.extendedCode((DataAccessException) e)).isEqualTo(787));
        assertThat(jdbc.log.stream().filter("rollback"::equals)).hasSize(2);
        assertThat(jdbc.acquired.get()).isEqualTo(2);
        assertThat(jdbc.released.get()).isEqualTo(2);
    }

    @Test
    void connectionIsPinnedForTheWholeBlockIncludingNestedOnes() {
        DSLContext ctx = pooled();
        AtomicReference<Connection> seen = new AtomicReference<>();
        ctx.transaction(cfg -> {
            DSL.using(cfg).execute("insert into t values (1)");
            DSL.using(cfg).execute("insert into t values (2)");
            seen.set(cfg.connectionProvider().acquire());
            DSL.using(cfg).transaction(nested -> {
                assertThat(nested.connectionProvider().acquire()).isSameAs(seen.get());
                DSL.using(nested).execute("insert into t values (3)");
            });
        });
        assertThat(jdbc.acquired.get()).isEqualTo(1);
        assertThat(jdbc.released.get()).isEqualTo(1);
        assertThat(jdbc.logSnapshot().get(0)).isEqualTo("acquire");
        assertThat(jdbc.logSnapshot()).endsWith("commit", "setAutoCommit(true)", "release");
        // Outside a block, jOOQ acquires per statement.
        ctx.execute("select 1");
        assertThat(jdbc.acquired.get()).isEqualTo(2);
    }

    @Test
    void configurationDataRecordsTheManagedTransaction() {
        DSLContext ctx = pooled();
        AtomicReference<Configuration> kept = new AtomicReference<>();
        assertThat(DqliteTransactionProvider.isInTransaction(ctx.configuration())).isFalse();
        ctx.transaction(cfg -> {
            assertThat(DqliteTransactionProvider.isInTransaction(cfg)).isTrue();
            assertThat(DqliteTransactionProvider.isInTransaction(cfg.derive())).isTrue();
            kept.set(cfg);
        });
        assertThat(DqliteTransactionProvider.isInTransaction(kept.get())).isFalse();
        assertThat(DqliteTransactionProvider.isInTransaction(ctx.configuration())).isFalse();
    }

    @Test
    void aConfigurationKeptFromAnEndedBlockStartsAFreshTopLevelBlock() {
        DSLContext ctx = pooled();
        AtomicReference<Configuration> kept = new AtomicReference<>();
        ctx.transaction(kept::set);
        jdbc.log.clear();
        DSL.using(kept.get()).transaction(cfg -> DSL.using(cfg).execute("insert into t values (1)"));
        assertThat(jdbc.logSnapshot()).containsExactly(
                "acquire", "setAutoCommit(false)", "sql insert into t values (1)", "commit", "setAutoCommit(true)",
                "release");
    }

    @Test
    void callerManagedAutoCommitOffIsJoinedAndLeftOff() {
        jdbc.autoCommit = false;
        DqliteDSL.using(jdbc.connection()).transaction(cfg -> DSL.using(cfg).execute("insert into t values (1)"));
        assertThat(jdbc.logSnapshot()).containsExactly("sql insert into t values (1)", "commit");
        assertThat(jdbc.autoCommit).isFalse();
    }

    @Test
    void beginFailureReleasesTheConnectionAndDoesNotRollBack() {
        jdbc.setAutoCommitFalseFailures.add(sqlState("08001"));
        Throwable t = catchThrowable(() -> pooled().transaction(cfg -> {
            throw new AssertionError("body must not run");
        }));
        assertThat(t).isInstanceOf(DqliteConnectionLostException.class);
        assertThat(jdbc.logSnapshot()).containsExactly("acquire", "setAutoCommit(false)", "release");
    }

    @Test
    void failedNestedBeginLeavesTheOuterBlockIntact() {
        jdbc.failOnce(startsWith("SAVEPOINT"), sqlState("08006"));
        DSLContext ctx = pooled();
        ctx.transaction(outer -> {
            Throwable t = catchThrowable(() -> DSL.using(outer).transaction(nested -> {
                throw new AssertionError("nested body must not run");
            }));
            assertThat(t).isInstanceOf(DqliteConnectionLostException.class);
            assertThat(DqliteTransactionProvider.isInTransaction(outer)).isTrue();
            DSL.using(outer).execute("insert into t values (1)");
        });
        assertThat(jdbc.logSnapshot()).containsExactly(
                "acquire", "setAutoCommit(false)", "sql SAVEPOINT jooq_sp_2", "sql insert into t values (1)",
                "commit", "setAutoCommit(true)", "release");
    }

    @Test
    void failedReleaseRollsBackToTheSavepoint() {
        jdbc.failOnce(startsWith("RELEASE"), sqlState("40001"));
        DSLContext ctx = DqliteDSL.using(jdbc.connection());
        ctx.transaction(outer -> {
            Throwable t = catchThrowable(() -> DSL.using(outer).transaction(nested -> { }));
            assertThat(t).isInstanceOf(DqliteBusyException.class);
        });
        assertThat(jdbc.sql()).containsExactly("SAVEPOINT jooq_sp_2", "RELEASE SAVEPOINT jooq_sp_2",
                "ROLLBACK TO SAVEPOINT jooq_sp_2", "RELEASE SAVEPOINT jooq_sp_2");
        assertThat(jdbc.log).contains("commit");
    }

    @Test
    void failedRollbackToSavepointIsNotFollowedByRelease() {
        jdbc.failOnce(startsWith("ROLLBACK TO"), sqlState("08006"));
        RuntimeException boom = new IllegalStateException("boom");
        DSLContext ctx = DqliteDSL.using(jdbc.connection());
        Throwable outerFailure = catchThrowable(() -> ctx.transaction(outer -> {
            Throwable t = catchThrowable(() -> DSL.using(outer).transaction(nested -> {
                throw boom;
            }));
            assertThat(t).isSameAs(boom);
            assertThat(t.getSuppressed()).singleElement().isInstanceOf(DqliteConnectionLostException.class);
            throw (RuntimeException) t;
        }));
        assertThat(outerFailure).isSameAs(boom);
        assertThat(jdbc.sql()).containsExactly("SAVEPOINT jooq_sp_2", "ROLLBACK TO SAVEPOINT jooq_sp_2");
        assertThat(jdbc.log).contains("rollback").doesNotContain("commit");
    }

    @Test
    void asyncFormsUseTheProvider() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            DSLContext ctx = pooled();
            Integer r = ctx.transactionResultAsync(executor, cfg -> {
                DSL.using(cfg).execute("insert into t values (1)");
                return 7;
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(r).isEqualTo(7);
            ctx.transactionAsync(executor, cfg -> DSL.using(cfg).execute("insert into t values (2)"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
        assertThat(jdbc.log.stream().filter("commit"::equals)).hasSize(2);
        assertThat(jdbc.acquired.get()).isEqualTo(2);
        assertThat(jdbc.released.get()).isEqualTo(2);
    }

    @Test
    void explicitConnectionProviderIsUsed() {
        FakeJdbc other = new FakeJdbc();
        Configuration cfg = DqliteDSL.configuration(jdbc).set(new DqliteTransactionProvider(other));
        DSL.using(cfg).transaction(c -> DSL.using(c).execute("insert into t values (1)"));
        assertThat(other.acquired.get()).isEqualTo(1);
        assertThat(other.sql()).containsExactly("insert into t values (1)");
        assertThat(jdbc.acquired.get()).isZero();
    }

    @Test
    void usingUrlOpensAPresetContextAndClosingItClosesTheConnection() throws SQLException {
        java.sql.Driver driver = new java.sql.Driver() {
            @Override public Connection connect(String url, java.util.Properties info) {
                return acceptsURL(url) ? jdbc.connection() : null;
            }
            @Override public boolean acceptsURL(String url) {
                return url.startsWith("jdbc:fake-dqlite:");
            }
            @Override public java.sql.DriverPropertyInfo[] getPropertyInfo(String url, java.util.Properties info) {
                return new java.sql.DriverPropertyInfo[0];
            }
            @Override public int getMajorVersion() {
                return 0;
            }
            @Override public int getMinorVersion() {
                return 1;
            }
            @Override public boolean jdbcCompliant() {
                return false;
            }
            @Override public java.util.logging.Logger getParentLogger() {
                return java.util.logging.Logger.getLogger("fake");
            }
        };
        java.sql.DriverManager.registerDriver(driver);
        try {
            try (org.jooq.CloseableDSLContext ctx = DqliteDSL.using("jdbc:fake-dqlite://127.0.0.1:9001/db")) {
                assertThat(ctx.dialect()).isEqualTo(SQLDialect.SQLITE);
                assertThat(ctx.configuration().transactionProvider()).isInstanceOf(DqliteTransactionProvider.class);
                ctx.transaction(cfg -> DSL.using(cfg).execute("insert into t values (1)"));
                assertThat(jdbc.log).doesNotContain("close");
            }
            assertThat(jdbc.logSnapshot()).endsWith("close");
        } finally {
            java.sql.DriverManager.deregisterDriver(driver);
        }
        assertThatThrownBy(() -> DqliteDSL.using("jdbc:nothing-here://127.0.0.1:1/db"))
                .isInstanceOf(DataAccessException.class)
                .hasCauseInstanceOf(SQLException.class);
    }
}
