package io.dqlite4j.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionTrackerTest {

    private final TransactionTracker tracker = new TransactionTracker();

    private void ok(String... sqls) {
        for (String sql : sqls) {
            tracker.onSuccess(SqlStatement.analyze(sql));
        }
    }

    private void fail(String sql, long code, String message) {
        tracker.onFailure(SqlStatement.analyze(sql), code, message);
    }

    private void assertClean() {
        assertThat(tracker.inTransaction()).isFalse();
        assertThat(tracker.trackedTransactionOpen()).isFalse();
        assertThat(tracker.hasUntrackedSavepoint()).isFalse();
        assertThat(tracker.activeSavepoints()).isEmpty();
        assertThat(tracker.needsRollbackOnReturn()).isFalse();
    }

    @Test
    void startsClean() {
        assertClean();
        assertThat(tracker.toString()).contains("inTransaction=false");
    }

    @Test
    void ordinaryStatementsChangeNothing() {
        ok("SELECT 1", "INSERT INTO t VALUES (1)", "CREATE TABLE t (a)", "PRAGMA user_version", "", "BEGIN_x = 1");
        assertClean();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "begin transaction", "BEGIN IMMEDIATE", "/* c */ BEGIN EXCLUSIVE;",
            "BEGIN DEFERRED TRANSACTION", "\uFEFFBEGIN"})
    void beginOpensATransaction(String sql) {
        ok(sql);
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        assertThat(tracker.hasUntrackedSavepoint()).isFalse();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT", "commit transaction", "END", "END TRANSACTION", "ROLLBACK",
            "ROLLBACK TRANSACTION", "-- c\nROLLBACK;"})
    void commitEndAndRollbackClearEverything(String sql) {
        ok("BEGIN", "SAVEPOINT a", "SAVEPOINT \"Quoted\"", "SAVEPOINT b");
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        ok(sql);
        assertClean();
    }

    @Test
    void commitClearsAGhostStack() {
        ok("SAVEPOINT \"Outer\"", "SAVEPOINT inner");
        assertThat(tracker.activeSavepoints()).containsExactly("inner");
        ok("COMMIT");
        assertClean();
    }

    @Test
    void savepointOutsideATransactionBeginsOne() {
        ok("SAVEPOINT a");
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @Test
    void releasingTheImplicitOuterSavepointEndsTheTransaction() {
        ok("SAVEPOINT a", "SAVEPOINT b");
        ok("RELEASE b");
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.inTransaction()).isTrue();
        ok("RELEASE SAVEPOINT a");
        assertClean();
    }

    @Test
    void releasingTheOuterSavepointReleasesEverythingAbove() {
        ok("SAVEPOINT a", "SAVEPOINT b", "SAVEPOINT c");
        ok("RELEASE a");
        assertClean();
    }

    @Test
    void savepointsInsideBeginDoNotEndTheTransaction() {
        ok("BEGIN", "SAVEPOINT a", "SAVEPOINT b");
        ok("RELEASE a");
        assertThat(tracker.activeSavepoints()).isEmpty();
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
        ok("COMMIT");
        assertClean();
    }

    @Test
    void namesAreCaseInsensitive() {
        ok("SAVEPOINT Foo", "RELEASE FOO");
        assertClean();
    }

    @Test
    void releaseFindsTheMostRecentDuplicate() {
        ok("SAVEPOINT a", "SAVEPOINT b", "SAVEPOINT a", "SAVEPOINT c");
        ok("RELEASE a");
        assertThat(tracker.activeSavepoints()).containsExactly("a", "b");
        assertThat(tracker.inTransaction()).isTrue();
        ok("RELEASE a");
        assertClean();
    }

    @Test
    void rollbackToKeepsTheNamedFrameAndTheTransaction() {
        ok("SAVEPOINT a", "SAVEPOINT b", "SAVEPOINT c");
        ok("ROLLBACK TO b");
        assertThat(tracker.activeSavepoints()).containsExactly("a", "b");
        ok("ROLLBACK TRANSACTION TO SAVEPOINT a");
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        assertThat(tracker.hasUntrackedSavepoint()).isFalse();
        ok("RELEASE a");
        assertClean();
    }

    @Test
    void rollbackToUsesTheMostRecentDuplicate() {
        ok("BEGIN", "SAVEPOINT a", "SAVEPOINT b", "SAVEPOINT a", "SAVEPOINT c");
        ok("ROLLBACK TO a");
        assertThat(tracker.activeSavepoints()).containsExactly("a", "b", "a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SAVEPOINT \"Foo\"", "SAVEPOINT `foo`", "SAVEPOINT [foo]", "SAVEPOINT fooé",
            "SAVEPOINT 1foo", "SAVEPOINT foo bar", "SAVEPOINT foo;;"})
    void untrackedSavepointNamesSetTheFlagAndLeaveTheStack(String sql) {
        ok("BEGIN", "SAVEPOINT a");
        ok(sql);
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.inTransaction()).isTrue();
    }

    @Test
    void untrackedSavepointOutsideATransactionCountsAsInTransaction() {
        ok("SAVEPOINT \"Foo\"");
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.trackedTransactionOpen()).isFalse();
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        assertThat(tracker.activeSavepoints()).isEmpty();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @Test
    void flagIsStickyAcrossReleases() {
        ok("SAVEPOINT \"Foo\"", "RELEASE \"Foo\"", "SELECT 1");
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @Test
    void trackedSavepointInsideAnUntrackedOneClaimsNoImplicitBegin() {
        // The untracked outer savepoint began the server's transaction, not this one.
        ok("SAVEPOINT \"Outer\"", "SAVEPOINT inner");
        assertThat(tracker.trackedTransactionOpen()).isFalse();
        assertThat(tracker.activeSavepoints()).containsExactly("inner");
        ok("RELEASE inner");
        assertThat(tracker.activeSavepoints()).isEmpty();
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELEASE \"a\"", "RELEASE SAVEPOINT [a]", "RELEASE unknown", "RELEASE a b"})
    void releaseOfAnUntrackedOrUnknownNameClearsTheStackAndSetsTheFlag(String sql) {
        ok("BEGIN", "SAVEPOINT a", "SAVEPOINT b");
        ok(sql);
        assertThat(tracker.activeSavepoints()).isEmpty();
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        assertThat(tracker.inTransaction()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROLLBACK TO unknown", "ROLLBACK TO \"a\"", "ROLLBACK TO SAVEPOINT `b`"})
    void rollbackToAnUntrackedOrUnknownNameSetsTheFlagAndKeepsTheStack(String sql) {
        ok("SAVEPOINT a", "SAVEPOINT b");
        ok(sql);
        assertThat(tracker.activeSavepoints()).containsExactly("a", "b");
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        assertThat(tracker.trackedTransactionOpen()).isTrue();
    }

    @Test
    void beginDropsStaleFrames() {
        ok("SAVEPOINT \"x\"", "SAVEPOINT ghost", "BEGIN");
        assertThat(tracker.activeSavepoints()).isEmpty();
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        ok("SAVEPOINT a", "RELEASE a");
        assertThat(tracker.trackedTransactionOpen()).isTrue();
    }

    @Test
    void multiStatementTextIsAppliedInOrder() {
        ok("SAVEPOINT a; SAVEPOINT b;");
        assertThat(tracker.activeSavepoints()).containsExactly("a", "b");
        ok("RELEASE b; SAVEPOINT c; ROLLBACK TO a");
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        ok("INSERT INTO t VALUES (1); RELEASE a;");
        assertClean();
        ok("BEGIN; SAVEPOINT a; RELEASE a; COMMIT;");
        assertClean();
        ok("INSERT INTO t VALUES (1); BEGIN IMMEDIATE");
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        ok("SELECT 1; END");
        assertClean();
    }

    @Test
    void multiStatementSavepointShapesAreTrackedPerStatement() {
        ok("SAVEPOINT a; SAVEPOINT \"B\"; SELECT 1");
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
    }

    @Test
    void triggerBodiesAreNotTransactionStatements() {
        ok("CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END; SAVEPOINT a");
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.trackedTransactionOpen()).isTrue();
    }

    @Test
    void failedMultiStatementWithATransactionVerbSetsTheFlag() {
        fail("BEGIN; INSERT INTO t VALUES (1)", 1, "no such table: t");
        assertThat(tracker.hasUntrackedSavepoint()).isTrue();
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @Test
    void failedMultiStatementWithoutATransactionVerbChangesNothing() {
        fail("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)", 19, "UNIQUE constraint failed: t.a");
        assertClean();
    }

    @Test
    void failedSingleStatementsChangeNothing() {
        fail("BEGIN", 1, "cannot start a transaction within a transaction");
        fail("SAVEPOINT a", 1, "error");
        fail("RELEASE a", 1, "no such savepoint: a");
        assertClean();
        ok("BEGIN", "SAVEPOINT a");
        fail("INSERT INTO t VALUES (1)", 19, "UNIQUE constraint failed");
        fail("ROLLBACK TO b", 1, "no such savepoint: b");
        fail("COMMIT", 5, "database is locked");
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        assertThat(tracker.hasUntrackedSavepoint()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 7, 9, 10, 11, 13, 266, 522, 10250, 10506, 8202, 8458, 267, 516, 13 | (1 << 8)})
    void autoRollbackCodesClearEverything(long code) {
        ok("BEGIN", "SAVEPOINT a", "SAVEPOINT \"B\"");
        fail("INSERT INTO t VALUES (1)", code, "server error");
        assertClean();
    }

    @Test
    void autoRollbackCodesWinOverTheMultiStatementPrecaution() {
        ok("SAVEPOINT a");
        fail("SAVEPOINT b; INSERT INTO t VALUES (1)", 10, "disk I/O error");
        assertClean();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, 6, 19, 20, 25, 1001, 0, -1})
    void otherCodesOnOrdinaryStatementsKeepTheState(long code) {
        ok("BEGIN", "SAVEPOINT a");
        fail("UPDATE t SET a = 1", code, "some error");
        assertThat(tracker.activeSavepoints()).containsExactly("a");
        assertThat(tracker.trackedTransactionOpen()).isTrue();
    }

    @Test
    void checkpointBusyDropsTheTransaction() {
        ok("BEGIN", "SAVEPOINT a");
        fail("INSERT INTO t VALUES (1)", 5, "checkpoint in progress");
        assertClean();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT", "END", "ROLLBACK", "rollback transaction"})
    void noTransactionIsActiveClears(String sql) {
        ok("SAVEPOINT \"Foo\"", "SAVEPOINT a");
        fail(sql, 1, "cannot " + (sql.startsWith("r") ? "rollback" : "commit") + " - no transaction is active");
        assertClean();
    }

    @Test
    void noTransactionIsActiveNeedsTheRightCodeAndVerb() {
        ok("BEGIN");
        fail("COMMIT", 1, "some other error");
        fail("ROLLBACK TO a", 1, "no transaction is active");
        fail("INSERT INTO t VALUES (1)", 1, "no transaction is active");
        fail("COMMIT", 6, "no transaction is active");
        fail("COMMIT", 1, null);
        assertThat(tracker.trackedTransactionOpen()).isTrue();
        fail("COMMIT", 1, "Cannot commit - No Transaction Is Active");
        assertClean();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT", "END TRANSACTION", "RELEASE a", "RELEASE SAVEPOINT A"})
    void deferredForeignKeyFailureAtCommitKeepsTheTransactionOpen(String sql) {
        // SQLite keeps the transaction open when COMMIT fails a deferred foreign-key check.
        ok("SAVEPOINT a", "SAVEPOINT b");
        fail(sql, 787, "FOREIGN KEY constraint failed");
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @Test
    void constraintFailureOnAnInnerReleaseKeepsTheState() {
        ok("SAVEPOINT a", "SAVEPOINT b");
        fail("RELEASE b", 19, "FOREIGN KEY constraint failed");
        fail("RELEASE \"a\"", 19, "FOREIGN KEY constraint failed");
        assertThat(tracker.activeSavepoints()).containsExactly("a", "b");
        ok("SAVEPOINT a");
        fail("RELEASE a", 19, "FOREIGN KEY constraint failed"); // the most recent "a" is not the outermost
        assertThat(tracker.activeSavepoints()).containsExactly("a", "b", "a");
    }

    @Test
    void deferredForeignKeyFailureAtTheEndOfAMultiStatementTextKeepsTheTransactionOpen() {
        ok("BEGIN");
        fail("INSERT INTO c VALUES (1); COMMIT", 787, "FOREIGN KEY constraint failed");
        assertThat(tracker.inTransaction()).isTrue();
        assertThat(tracker.needsRollbackOnReturn()).isTrue();
    }

    @Test
    void connectionLossAndResetClearEverything() {
        ok("BEGIN", "SAVEPOINT a", "SAVEPOINT \"B\"");
        tracker.onConnectionLost();
        assertClean();
        ok("SAVEPOINT \"B\"", "SAVEPOINT a");
        tracker.reset();
        assertClean();
    }

    @Test
    void activeSavepointsIsAnImmutableSnapshot() {
        ok("SAVEPOINT a");
        var snapshot = tracker.activeSavepoints();
        ok("SAVEPOINT b");
        assertThat(snapshot).containsExactly("a");
        assertThatThrownBy(() -> snapshot.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullStatements() {
        assertThatThrownBy(() -> tracker.onSuccess(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tracker.onFailure(null, 1, "x")).isInstanceOf(NullPointerException.class);
    }
}
