package io.dqlite4j.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.dqlite4j.client.SessionMode;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatementTest {

    private static Arguments a(Object... values) {
        return Arguments.of(values);
    }

    private static SqlStatement s(String sql) {
        return SqlStatement.analyze(sql);
    }

    @Test
    void aRepeatedTextInAnotherInstanceGetsTheSameAnalysisCarryingItsOwnInstance() {
        String first = new String("INSERT INTO t VALUES (?, ?) RETURNING id; ");
        String second = new String(first);
        SqlStatement a = SqlStatement.analyze(first);
        SqlStatement b = SqlStatement.analyze(second);
        assertThat(a.sql()).isSameAs(first);
        assertThat(b.sql()).isSameAs(second);
        assertThat(b.kind()).isEqualTo(a.kind()).isEqualTo(StatementKind.INSERT);
        assertThat(b.placeholderCount()).isEqualTo(2);
        assertThat(b.hasReturning()).isTrue();
        assertThat(b.trimmedSql()).isEqualTo(a.trimmedSql());
    }

    @Nested
    class Kinds {

        static Stream<Arguments> kinds() {
            return Stream.of(
                    a("SELECT 1", StatementKind.SELECT),
                    a("select 1", StatementKind.SELECT),
                    a(" \n\t\r\fSeLeCt 1", StatementKind.SELECT),
                    a("VALUES (1), (2)", StatementKind.SELECT),
                    a("EXPLAIN SELECT 1", StatementKind.SELECT),
                    a("EXPLAIN QUERY PLAN SELECT * FROM t", StatementKind.SELECT),
                    a("explain insert into t values (1)", StatementKind.SELECT),
                    a("(SELECT 1)", StatementKind.SELECT),
                    a("( ( select 1 ) )", StatementKind.SELECT),
                    a("(VALUES (1))", StatementKind.SELECT),
                    a("WITH x AS (SELECT 1) SELECT * FROM x", StatementKind.SELECT),
                    a("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) SELECT n FROM c",
                            StatementKind.SELECT),
                    a("WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b", StatementKind.SELECT),
                    a("WITH x AS MATERIALIZED (SELECT 1) SELECT * FROM x", StatementKind.SELECT),
                    a("WITH x AS NOT MATERIALIZED (SELECT 1) VALUES (1)", StatementKind.SELECT),
                    a("WITH x AS (SELECT (SELECT 1) AS y) SELECT y FROM x", StatementKind.SELECT),
                    a("(WITH x AS (SELECT 1) SELECT * FROM x)", StatementKind.SELECT),
                    a("\uFEFFSELECT 1", StatementKind.SELECT),
                    a("/* lead */ -- line\n  /* more */SELECT 1", StatementKind.SELECT),
                    a("INSERT INTO t VALUES (1)", StatementKind.INSERT),
                    a("insert or replace into t values (1)", StatementKind.INSERT),
                    a("INSERT OR IGNORE INTO t VALUES (1)", StatementKind.INSERT),
                    a("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", StatementKind.INSERT),
                    a("WITH x(a, b) AS (VALUES (1, 2)) INSERT INTO t SELECT a, b FROM x", StatementKind.INSERT),
                    a("WITH replace AS (SELECT 1) INSERT INTO t SELECT * FROM replace", StatementKind.INSERT),
                    a("with a as (select 1), b as (select 2) insert into t select * from a", StatementKind.INSERT),
                    a("REPLACE INTO t VALUES (1)", StatementKind.REPLACE),
                    a("WITH x AS (SELECT 1) REPLACE INTO t SELECT * FROM x", StatementKind.REPLACE),
                    a("UPDATE t SET a = 1", StatementKind.UPDATE),
                    a("UPDATE OR ROLLBACK t SET a = 1", StatementKind.UPDATE),
                    a("WITH x AS (SELECT 1) UPDATE t SET a = (SELECT * FROM x)", StatementKind.UPDATE),
                    a("DELETE FROM t", StatementKind.DELETE),
                    a("WITH x AS (SELECT 1) DELETE FROM t WHERE a IN x", StatementKind.DELETE),
                    a("BEGIN", StatementKind.BEGIN),
                    a("begin transaction", StatementKind.BEGIN),
                    a("BEGIN IMMEDIATE", StatementKind.BEGIN),
                    a("BEGIN EXCLUSIVE TRANSACTION", StatementKind.BEGIN),
                    a("COMMIT", StatementKind.COMMIT),
                    a("commit transaction", StatementKind.COMMIT),
                    a("END", StatementKind.COMMIT),
                    a("END TRANSACTION", StatementKind.COMMIT),
                    a("ROLLBACK", StatementKind.ROLLBACK),
                    a("ROLLBACK TRANSACTION", StatementKind.ROLLBACK),
                    a("ROLLBACK TRANSACTION tx_name", StatementKind.ROLLBACK),
                    a("ROLLBACK TO sp", StatementKind.ROLLBACK_TO),
                    a("rollback to savepoint sp", StatementKind.ROLLBACK_TO),
                    a("ROLLBACK TRANSACTION TO SAVEPOINT sp", StatementKind.ROLLBACK_TO),
                    a("ROLLBACK TRANSACTION tx_name TO sp", StatementKind.ROLLBACK_TO),
                    a("ROLLBACK\tTO\nsp", StatementKind.ROLLBACK_TO),
                    a("SAVEPOINT sp", StatementKind.SAVEPOINT),
                    a("RELEASE sp", StatementKind.RELEASE),
                    a("RELEASE SAVEPOINT sp", StatementKind.RELEASE),
                    a("PRAGMA user_version", StatementKind.PRAGMA),
                    a("CREATE TABLE t (a)", StatementKind.DDL),
                    a("CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END", StatementKind.DDL),
                    a("DROP TABLE t", StatementKind.DDL),
                    a("ALTER TABLE t ADD COLUMN b", StatementKind.DDL),
                    a("REINDEX", StatementKind.DDL),
                    a("ANALYZE", StatementKind.DDL),
                    a("VACUUM", StatementKind.DDL),
                    a("ATTACH 'x.db' AS x", StatementKind.DDL),
                    a("DETACH x", StatementKind.DDL),
                    a("FOO BAR", StatementKind.OTHER),
                    a("(1)", StatementKind.OTHER),
                    a("(INSERT INTO t VALUES (1))", StatementKind.OTHER),
                    a("'text'", StatementKind.OTHER),
                    a("\"SELECT\" 1", StatementKind.OTHER),
                    a("[SELECT] 1", StatementKind.OTHER),
                    a("42", StatementKind.OTHER),
                    a("WITH x AS (SELECT 1)", StatementKind.OTHER),
                    a("(", StatementKind.OTHER),
                    a("", StatementKind.EMPTY),
                    a("   \n\t", StatementKind.EMPTY),
                    a("-- only a comment", StatementKind.EMPTY),
                    a("/* only */ /* comments */", StatementKind.EMPTY),
                    a("/* unterminated", StatementKind.EMPTY),
                    a("\uFEFF", StatementKind.EMPTY),
                    a("\uFEFF  -- c\n", StatementKind.EMPTY),
                    a(";", StatementKind.EMPTY),
                    a(" ; ;; -- c", StatementKind.EMPTY));
        }

        @ParameterizedTest
        @MethodSource("kinds")
        void classifiesTheLeadingStatement(String sql, StatementKind kind) {
            assertThat(s(sql).kind()).as(sql).isEqualTo(kind);
        }

        @ParameterizedTest
        @ValueSource(strings = {"BEGIN_x", "begin_1 = 2", "SELECTED", "select$x", "COMMIT2", "END_", "ENDé",
                "BEGINé", "COMM\u0131T", "ROLLBACK_TO sp", "SAVEPOINTS sp", "_SELECT 1", "WITHOUT", "PRAGMAx"})
        void wordBoundariesFollowSqlite(String sql) {
            // '_', digits, '$' and non-ASCII letters continue a word; dotless i is not an ASCII i.
            assertThat(s(sql).kind()).as(sql).isEqualTo(StatementKind.OTHER);
        }

        @Test
        void kindDescribesTheFirstStatement() {
            assertThat(s("INSERT INTO t VALUES (1); SELECT 1").kind()).isEqualTo(StatementKind.INSERT);
            assertThat(s(";;BEGIN").kind()).isEqualTo(StatementKind.BEGIN);
            assertThat(s("; COMMIT;").kind()).isEqualTo(StatementKind.COMMIT);
        }

        @Test
        void bomIsOnlySkippedAtTheStart() {
            assertThat(s(" \uFEFFSELECT 1").kind()).isEqualTo(StatementKind.OTHER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"INSERT INTO t VALUES (1)", "REPLACE INTO t VALUES (1)", "UPDATE t SET a = 1",
                "DELETE FROM t", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
                "WITH x AS (SELECT 1) DELETE FROM t", "INSERT INTO t VALUES (1) RETURNING id"})
        void dml(String sql) {
            assertThat(s(sql).isDml()).as(sql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT 1", "EXPLAIN INSERT INTO t VALUES (1)", "CREATE TABLE t (a)", "BEGIN",
                "PRAGMA x = 1", "WITH x AS (SELECT 1) SELECT * FROM x", ""})
        void notDml(String sql) {
            assertThat(s(sql).isDml()).as(sql).isFalse();
        }

        @Test
        void transactionControl() {
            for (String sql : List.of("BEGIN", "BEGIN IMMEDIATE", "COMMIT", "END", "ROLLBACK", "ROLLBACK TRANSACTION")) {
                assertThat(s(sql).isTransactionControl()).as(sql).isTrue();
            }
            for (String sql : List.of("ROLLBACK TO sp", "SAVEPOINT sp", "RELEASE sp", "SELECT 1", "")) {
                assertThat(s(sql).isTransactionControl()).as(sql).isFalse();
            }
        }

        @Test
        void kindHelpers() {
            assertThat(StatementKind.values()).filteredOn(StatementKind::isDml).containsExactly(
                    StatementKind.INSERT, StatementKind.REPLACE, StatementKind.UPDATE, StatementKind.DELETE);
            assertThat(StatementKind.values()).filteredOn(StatementKind::isTransactionVerb).containsExactly(
                    StatementKind.BEGIN, StatementKind.COMMIT, StatementKind.ROLLBACK, StatementKind.ROLLBACK_TO,
                    StatementKind.SAVEPOINT, StatementKind.RELEASE);
        }

        static Stream<Arguments> qualifiers() {
            return Stream.of(
                    a("BEGIN", BeginQualifier.NONE),
                    a("BEGIN TRANSACTION", BeginQualifier.NONE),
                    a("begin deferred", BeginQualifier.DEFERRED),
                    a("BEGIN IMMEDIATE TRANSACTION", BeginQualifier.IMMEDIATE),
                    a("/* c */ BEGIN /* c */ EXCLUSIVE;", BeginQualifier.EXCLUSIVE),
                    a("BEGIN TRANSACTION IMMEDIATE", BeginQualifier.NONE),
                    a("SELECT 1", BeginQualifier.NONE),
                    a("COMMIT", BeginQualifier.NONE));
        }

        @ParameterizedTest
        @MethodSource("qualifiers")
        void beginQualifier(String sql, BeginQualifier qualifier) {
            assertThat(s(sql).beginQualifier()).as(sql).isEqualTo(qualifier);
        }
    }

    @Nested
    class Rows {

        @ParameterizedTest
        @ValueSource(strings = {"SELECT 1", "VALUES (1)", "EXPLAIN UPDATE t SET a = 1", "(SELECT 1)",
                "WITH x AS (SELECT 1) SELECT * FROM x", "PRAGMA user_version", "PRAGMA table_info(t)",
                "PRAGMA main.table_info('a=b')", "PRAGMA foo /* = */", "INSERT INTO t VALUES (1) RETURNING id",
                "insert into t values (1) returning *", "UPDATE t SET a = 1 RETURNING a, b",
                "DELETE FROM t RETURNING *", "REPLACE INTO t VALUES (1) RETURNING rowid",
                "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x RETURNING id",
                "INSERT INTO t VALUES (1)\nRETURNING\n(id)"})
        void returnsRows(String sql) {
            assertThat(s(sql).returnsRows()).as(sql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"INSERT INTO t VALUES (1)", "PRAGMA user_version = 3", "PRAGMA foreign_keys=ON",
                "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "CREATE TABLE t (a)", "BEGIN", "",
                "DELETE FROM t WHERE a = 'returning'", "INSERT INTO t VALUES (1) -- RETURNING id",
                "INSERT INTO t VALUES (1) /* RETURNING id */", "INSERT INTO \"returning\" VALUES (1)",
                "INSERT INTO [returning] VALUES (1)", "INSERT INTO `returning` VALUES (1)",
                "UPDATE t SET returning_x = 1", "UPDATE t SET x = returning2", "(INSERT INTO t VALUES (1))"})
        void doesNotReturnRows(String sql) {
            assertThat(s(sql).returnsRows()).as(sql).isFalse();
        }

        @Test
        void hasReturningOnlyForTheKeyword() {
            assertThat(s("INSERT INTO t VALUES (1) RETURNING id").hasReturning()).isTrue();
            assertThat(s("SELECT 1").hasReturning()).isFalse();
            assertThat(s("SELECT 'RETURNING'").hasReturning()).isFalse();
            assertThat(s("SELECT 1 -- returning").hasReturning()).isFalse();
        }

        @Test
        void rowsDescribeTheFirstStatement() {
            assertThat(s("INSERT INTO t VALUES (1); SELECT 1").returnsRows()).isFalse();
            assertThat(s("SELECT 1; INSERT INTO t VALUES (1)").returnsRows()).isTrue();
            assertThat(s("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2) RETURNING id").hasReturning()).isFalse();
        }
    }

    @Nested
    class Placeholders {

        static Stream<Arguments> counts() {
            return Stream.of(
                    a("SELECT 1", 0),
                    a("SELECT ?", 1),
                    a("SELECT ?, ?, ?", 3),
                    a("SELECT ?2", 2),
                    a("SELECT ?5, ?", 6),
                    a("SELECT ?, ?1", 1),
                    a("SELECT ?3, ?1, ?", 4),
                    a("SELECT ?1 + ?1", 1),
                    a("SELECT ?0", 0),
                    a("SELECT :a, :a", 1),
                    a("SELECT :a, @a, $a", 3),
                    a("SELECT :a, :b, :a", 2),
                    a("SELECT :A, :a", 2),
                    a("SELECT ?, :a, ?", 3),
                    a("SELECT :a, ?1", 1),
                    a("SELECT ?1, :a", 2),
                    a("SELECT :a, ?5, :b", 6),
                    a("SELECT :1, :1", 1),
                    a("SELECT @a_1, $b$c", 2),
                    a("SELECT $a::b(c d", 0), // unterminated Tcl suffix: SQLite reads an illegal token
                    a("SELECT $a::b(c), $a::b(c)", 1),
                    a("SELECT #name", 1),
                    a("SELECT #1", 0),
                    a("SELECT :é", 1),
                    a("SELECT a : b", 0),
                    a("SELECT '?', '?''?'", 0),
                    a("SELECT \"?\", `?`, [?]", 0),
                    a("SELECT 1 -- ?\n", 0),
                    a("SELECT 1 /* ? :a */", 0),
                    a("SELECT x'3F', ?", 1),
                    a("INSERT INTO t VALUES (?, ?) RETURNING ?", 3),
                    a("SELECT ?99999999999999", Integer.MAX_VALUE),
                    a("SELECT ?; SELECT ?, ?", 3),
                    a("SELECT :a; SELECT :a", 2),
                    a("SELECT ?3; ; SELECT ?", 4));
        }

        @ParameterizedTest
        @MethodSource("counts")
        void countsLikeSqlite(String sql, int count) {
            assertThat(s(sql).placeholderCount()).as(sql).isEqualTo(count);
        }
    }

    @Nested
    class Statements {

        static Stream<Arguments> counts() {
            return Stream.of(
                    a("", 0),
                    a(" -- c", 0),
                    a(";;", 0),
                    a("SELECT 1", 1),
                    a("SELECT 1;", 1),
                    a("SELECT 1;   \n", 1),
                    a("SELECT 1; -- trailing", 1),
                    a("SELECT 1; /* trailing */", 1),
                    a("SELECT 1;;", 1),
                    a(";; SELECT 1", 1),
                    a("SELECT 1; SELECT 2", 2),
                    a("SELECT 1;SELECT 2;", 2),
                    a("SELECT ';'", 1),
                    a("SELECT 'it''s;'", 1),
                    a("SELECT \";\"", 1),
                    a("SELECT \"a\"\";\"", 1),
                    a("SELECT [;]", 1),
                    a("SELECT `;`", 1),
                    a("SELECT 1 -- ;\n", 1),
                    a("SELECT 1 /* ; */", 1),
                    a("SELECT 'unterminated; SELECT 2", 1),
                    a("BEGIN; INSERT INTO t VALUES (1); COMMIT", 3),
                    a("CREATE TABLE t (a); BEGIN; END", 3),
                    a("CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u VALUES (1); UPDATE u SET a = 2; END", 1),
                    a("CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u VALUES (1); END; SELECT 1", 2),
                    a("create temp trigger tr after insert on t begin delete from u; delete from v; end;", 1),
                    a("CREATE TEMPORARY TRIGGER IF NOT EXISTS tr AFTER INSERT ON t BEGIN DELETE FROM u; END; "
                            + "SELECT 1;", 2),
                    a("CREATE TRIGGER tr BEFORE INSERT ON t BEGIN "
                            + "SELECT CASE WHEN NEW.a < 0 THEN RAISE(ABORT, 'negative') ELSE 1 END; "
                            + "UPDATE t SET b = CASE WHEN 1 THEN CASE WHEN 2 THEN 3 END END; "
                            + "END; INSERT INTO t VALUES (1)", 2),
                    a("CREATE TRIGGER tr AFTER INSERT ON t WHEN CASE WHEN NEW.a THEN 1 ELSE 0 END "
                            + "BEGIN DELETE FROM u; DELETE FROM v; END; SELECT 1", 2),
                    a("CREATE TRIGGER tr AFTER UPDATE ON t BEGIN UPDATE u SET x = NEW.end; DELETE FROM u; END; "
                            + "SELECT 1", 2),
                    a("CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u VALUES ('END; x'); -- END;\n"
                            + "INSERT INTO u VALUES (\"end\"); END; SELECT 1", 2),
                    a("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END; "
                            + "CREATE TRIGGER tr2 AFTER INSERT ON t BEGIN SELECT 2; SELECT 3; END", 2),
                    a("CREATE TABLE begin_end (a); SELECT CASE WHEN 1 THEN 2 END; SELECT 3", 3),
                    a("CREATE VIEW v AS SELECT CASE WHEN 1 THEN 2 END; SELECT 1", 2));
        }

        @ParameterizedTest
        @MethodSource("counts")
        void countsTopLevelStatements(String sql, int count) {
            SqlStatement st = s(sql);
            assertThat(st.statementCount()).as(sql).isEqualTo(count);
            assertThat(st.hasMultipleStatements()).as(sql).isEqualTo(count > 1);
        }

        @Test
        void splitGivesEachStatementItsOwnCleanText() {
            List<SqlStatement> parts = SqlStatement.split(
                    "\uFEFF-- lead\nSAVEPOINT a; /* x */ RELEASE a ;; INSERT INTO t VALUES (?, ?) RETURNING id ;  -- end");
            assertThat(parts).extracting(SqlStatement::sql)
                    .containsExactly("SAVEPOINT a", "RELEASE a", "INSERT INTO t VALUES (?, ?) RETURNING id");
            assertThat(parts).extracting(SqlStatement::kind)
                    .containsExactly(StatementKind.SAVEPOINT, StatementKind.RELEASE, StatementKind.INSERT);
            assertThat(parts).extracting(SqlStatement::savepointName).containsExactly("a", "a", null);
            assertThat(parts.get(2).returnsRows()).isTrue();
            assertThat(parts.get(2).placeholderCount()).isEqualTo(2);
        }

        @Test
        void splitKeepsTriggerBodiesWhole() {
            String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN "
                    + "UPDATE u SET a = CASE WHEN NEW.a THEN 1 END; DELETE FROM v; END";
            List<SqlStatement> parts = SqlStatement.split(trigger + ";\nSELECT 1;");
            assertThat(parts).extracting(SqlStatement::sql).containsExactly(trigger, "SELECT 1");
            assertThat(parts.get(0).kind()).isEqualTo(StatementKind.DDL);
            assertThat(parts.get(0).statementCount()).isEqualTo(1);
        }

        @Test
        void splitHandlesManyStatements() {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 20; k++) {
                sb.append("SAVEPOINT s").append(k).append(";");
            }
            List<SqlStatement> parts = SqlStatement.split(sb.toString());
            assertThat(parts).hasSize(20);
            assertThat(parts.get(19).savepointName()).isEqualTo("s19");
        }

        @Test
        void aByteOrderMarkInsideTheTextIsAnIdentifierCharacter() {
            List<SqlStatement> parts = SqlStatement.split("\uFEFFSELECT 1;\uFEFF");
            assertThat(parts).extracting(SqlStatement::sql).containsExactly("SELECT 1", "\uFEFF");
            assertThat(parts.get(1).kind()).isEqualTo(StatementKind.OTHER);
            assertThat(parts.get(1).statementCount()).isEqualTo(1);
        }

        @Test
        void singleStatementSplitsToItself() {
            SqlStatement st = s("SELECT 1;");
            assertThat(st.statements()).containsExactly(st);
            assertThat(SqlStatement.split("  ")).isEmpty();
            assertThat(SqlStatement.split("SELECT 1;")).extracting(SqlStatement::sql).containsExactly("SELECT 1;");
        }
    }

    @Nested
    class SavepointNames {

        static Stream<Arguments> tracked() {
            return Stream.of(
                    a("SAVEPOINT a", "a"),
                    a("SAVEPOINT Foo_1", "foo_1"),
                    a("savepoint _x9", "_x9"),
                    a("SAVEPOINT /* c */ sp -- c", "sp"),
                    a("-- lead\nSAVEPOINT sp", "sp"),
                    a("\uFEFFSAVEPOINT sp", "sp"),
                    a("SAVEPOINT sp;", "sp"),
                    a("SAVEPOINT sp ; -- c\n /* c */ ", "sp"),
                    a("RELEASE sp", "sp"),
                    a("RELEASE SAVEPOINT sp", "sp"),
                    a("release /* c */ savepoint SP", "sp"),
                    a("RELEASE SAVEPOINT savepoint", "savepoint"),
                    a("ROLLBACK TO sp", "sp"),
                    a("ROLLBACK TO SAVEPOINT sp", "sp"),
                    a("ROLLBACK TRANSACTION TO SAVEPOINT Sp", "sp"),
                    a("rollback transaction to sp;", "sp"),
                    a("ROLLBACK TRANSACTION t TO sp", "sp"),
                    a("SAVEPOINT jooq_sp_12", "jooq_sp_12"));
        }

        @ParameterizedTest
        @MethodSource("tracked")
        void bareAsciiNamesAreTrackedLowerCased(String sql, String name) {
            SqlStatement st = s(sql);
            assertThat(st.savepointName()).as(sql).isEqualTo(name);
            assertThat(st.savepointTracked()).as(sql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"SAVEPOINT \"sp\"", "SAVEPOINT `sp`", "SAVEPOINT [sp]", "SAVEPOINT 'sp'",
                "SAVEPOINT spé", "SAVEPOINT été", "SAVEPOINT 1sp", "SAVEPOINT sp x", "SAVEPOINT sp$",
                "SAVEPOINT sp.x", "SAVEPOINT", "SAVEPOINT ;", "SAVEPOINT sp;;", "SAVEPOINT sp; SELECT 1",
                ";SAVEPOINT sp", "SAVEPOINT sp; SAVEPOINT b", "RELEASE \"sp\"", "RELEASE SAVEPOINT [sp]",
                "RELEASE SAVEPOINT", "RELEASE sp extra", "ROLLBACK TO \"sp\"", "ROLLBACK TO SAVEPOINT 2x",
                "ROLLBACK TO", "SELECT 1", "ROLLBACK", "BEGIN"})
        void otherShapesAreUntracked(String sql) {
            SqlStatement st = s(sql);
            assertThat(st.savepointName()).as(sql).isNull();
            assertThat(st.savepointTracked()).as(sql).isFalse();
        }
    }

    @Nested
    class BeginRewrite {

        static Stream<Arguments> rewritten() {
            return Stream.of(
                    a("BEGIN", SessionMode.IMMEDIATE, "BEGIN IMMEDIATE"),
                    a("begin", SessionMode.EXCLUSIVE, "BEGIN EXCLUSIVE"),
                    a("BEGIN TRANSACTION", SessionMode.IMMEDIATE, "BEGIN IMMEDIATE"),
                    a("BEGIN;", SessionMode.IMMEDIATE, "BEGIN IMMEDIATE"),
                    a("  Begin Transaction ; -- c\n", SessionMode.IMMEDIATE, "BEGIN IMMEDIATE"),
                    a("/* c */BEGIN/* c */", SessionMode.IMMEDIATE, "BEGIN IMMEDIATE"),
                    a("\uFEFFBEGIN", SessionMode.EXCLUSIVE, "BEGIN EXCLUSIVE"),
                    a("BEGIN", SessionMode.DEFERRED, "BEGIN"),
                    a("begin;", SessionMode.READ_ONLY, "BEGIN"));
        }

        @ParameterizedTest
        @MethodSource("rewritten")
        void bareBeginTakesTheSessionMode(String sql, SessionMode mode, String expected) {
            assertThat(SqlStatement.rewriteBegin(s(sql), mode.beginStatement())).as(sql).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"BEGIN DEFERRED", "BEGIN IMMEDIATE", "begin exclusive transaction",
                "BEGIN TRANSACTION name", "BEGIN; INSERT INTO t VALUES (1)", "BEGIN;;", ";BEGIN", "BEGIN_x",
                "SELECT 1", "COMMIT", "", "BEGIN (", "BEGIN TRANSACTION;SELECT 1"})
        void everythingElseIsUnchanged(String sql) {
            for (SessionMode mode : SessionMode.values()) {
                assertThat(SqlStatement.rewriteBegin(s(sql), mode.beginStatement())).as(sql).isSameAs(sql);
            }
        }

        @Test
        void rejectsNulls() {
            assertThatNullPointerException().isThrownBy(() -> SqlStatement.rewriteBegin(s("BEGIN"), null));
            assertThatNullPointerException().isThrownBy(() -> SqlStatement.rewriteBegin(null, "BEGIN"));
            assertThatNullPointerException().isThrownBy(() -> SqlStatement.analyze(null));
        }
    }

    @Nested
    class Trimming {

        static Stream<Arguments> trimmed() {
            return Stream.of(
                    a("INSERT INTO t VALUES (1); ", "INSERT INTO t VALUES (1);"),
                    a("INSERT INTO t VALUES (1);\n-- done\n", "INSERT INTO t VALUES (1);"),
                    a("INSERT INTO t VALUES (1); /* done */ \t", "INSERT INTO t VALUES (1);"),
                    a("INSERT INTO t VALUES (1);; ", "INSERT INTO t VALUES (1);;"),
                    a("SELECT 1; SELECT 2; ", "SELECT 1; SELECT 2;"),
                    a("INSERT INTO t VALUES (1); /* unterminated", "INSERT INTO t VALUES (1);"),
                    a("CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END;  \n",
                            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END;"));
        }

        @ParameterizedTest
        @MethodSource("trimmed")
        void removesWhatFollowsTheFinalSemicolon(String sql, String expected) {
            assertThat(SqlStatement.trimTrailing(sql)).isEqualTo(expected);
            assertThat(s(sql).trimmedSql()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"INSERT INTO t VALUES (1);", "INSERT INTO t VALUES (1)  ", "SELECT 1 -- ;",
                "SELECT ';' ", "SELECT 1; SELECT 2", "", "  ", "SELECT 1 /* ; */ ",
                "CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; "})
        void leavesOtherTextAlone(String sql) {
            assertThat(SqlStatement.trimTrailing(sql)).isSameAs(sql);
        }
    }

    @Test
    void toStringNamesTheKind() {
        assertThat(s("SELECT 1").toString()).contains("SELECT").contains("SELECT 1");
    }

    @Test
    void sqlIsKeptVerbatim() {
        String sql = "\uFEFF /* c */ SELECT 1 ; ";
        assertThat(s(sql).sql()).isSameAs(sql);
    }
}
