package io.dqlite4j.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturningClauseTest {

    private static ReturningClause scan(String sql) {
        return ReturningClause.scan(sql);
    }

    @Test
    void jooqRenderedMultiRowInsert() {
        String sql = "insert into \"book\" (\"title\", \"year\") values (?, ?), (?, ?) returning \"book\".\"id\", "
                + "\"book\".\"title\"";
        ReturningClause c = scan(sql);
        assertThat(c.verb()).isEqualTo(StatementKind.INSERT);
        assertThat(c.table()).isEqualTo("\"book\"");
        assertThat(c.alias()).isNull();
        assertThat(c.conflictAlgorithm()).isNull();
        assertThat(c.hasUpsert()).isFalse();
        assertThat(c.upsertUpdates()).isFalse();
        assertThat(c.hasReturning()).isTrue();
        assertThat(c.returningOffset()).isEqualTo(sql.indexOf("returning"));
        assertThat(c.returningExpressions()).isEqualTo("\"book\".\"id\", \"book\".\"title\"");
        assertThat(c.withoutReturning())
                .isEqualTo("insert into \"book\" (\"title\", \"year\") values (?, ?), (?, ?)");
        assertThat(c.returningHasParameters()).isFalse();
        assertThat(c.hasMoreStatements()).isFalse();
    }

    @Test
    void upperCaseAndTrailingSemicolonAndComments() {
        ReturningClause c = scan("INSERT INTO Book (Title) VALUES ('x') RETURNING Id, Title /* c */ ; -- done\n");
        assertThat(c.verb()).isEqualTo(StatementKind.INSERT);
        assertThat(c.table()).isEqualTo("Book");
        assertThat(c.returningExpressions()).isEqualTo("Id, Title");
        assertThat(c.withoutReturning()).isEqualTo("INSERT INTO Book (Title) VALUES ('x')");
        assertThat(c.hasMoreStatements()).isFalse();
    }

    @Test
    void mixedCaseKeywords() {
        ReturningClause c = scan("InSeRt InTo t DEFAULT VALUES ReTuRnInG *");
        assertThat(c.verb()).isEqualTo(StatementKind.INSERT);
        assertThat(c.table()).isEqualTo("t");
        assertThat(c.returningExpressions()).isEqualTo("*");
        assertThat(c.withoutReturning()).isEqualTo("InSeRt InTo t DEFAULT VALUES");
    }

    @Test
    void commentsAnywhere() {
        ReturningClause c = scan("/* returning */ insert -- returning\n into /*x*/ t (a) values (1) "
                + "/* returning a */ returning -- the id\n id, a -- trailing");
        assertThat(c.table()).isEqualTo("t");
        assertThat(c.returningExpressions()).isEqualTo("-- the id\n id, a");
        assertThat(c.returningOffset()).isEqualTo(c.sql().lastIndexOf("returning -- the id"));
    }

    @Test
    void returningInsideLiteralsAndQuotedNamesIsNotTheKeyword() {
        ReturningClause c = scan("insert into t (\"returning\", [returning], `returning`) values ('returning ''x'' returning')");
        assertThat(c.verb()).isEqualTo(StatementKind.INSERT);
        assertThat(c.hasReturning()).isFalse();
        assertThat(c.returningExpressions()).isNull();
        assertThat(c.withoutReturning()).isEqualTo(c.sql());

        ReturningClause d = scan("insert into t (a) values ('it''s returning') returning a");
        assertThat(d.hasReturning()).isTrue();
        assertThat(d.withoutReturning()).isEqualTo("insert into t (a) values ('it''s returning')");
        assertThat(d.returningExpressions()).isEqualTo("a");
    }

    @Test
    void aColumnNamedReturningIsNotTheClause() {
        assertThat(scan("insert into t (returning) values (1)").hasReturning()).isFalse();
        assertThat(scan("insert into t select x.returning from x").hasReturning()).isFalse();
        assertThat(scan("insert into t (a) select (select returning from y) from x").hasReturning()).isFalse();
    }

    @Test
    void schemaQualifiedAndAliasedTargets() {
        ReturningClause c = scan("INSERT INTO \"main\".\"book\" AS b (title) VALUES (?) RETURNING b.id");
        assertThat(c.table()).isEqualTo("\"main\".\"book\"");
        assertThat(c.alias()).isEqualTo("b");
        assertThat(c.returningExpressions()).isEqualTo("b.id");

        assertThat(scan("insert into main.t values (1) returning *").table()).isEqualTo("main.t");
        assertThat(scan("insert into [my table] values (1) returning *").table()).isEqualTo("[my table]");
        assertThat(scan("insert into `my table` values (1) returning *").table()).isEqualTo("`my table`");
        assertThat(scan("insert into temp . t values (1) returning *").table()).isEqualTo("temp . t");
        assertThat(scan("insert into 't' values (1) returning *").table()).isEqualTo("'t'");
        assertThat(scan("insert into \"we\"\"ird\" values (1) returning *").table()).isEqualTo("\"we\"\"ird\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPLACE", "IGNORE", "ABORT", "FAIL", "ROLLBACK"})
    void conflictAlgorithms(String algorithm) {
        ReturningClause c = scan("insert or " + algorithm.toLowerCase() + " into t (a) values (1) returning a");
        assertThat(c.verb()).isEqualTo(StatementKind.INSERT);
        assertThat(c.conflictAlgorithm()).isEqualTo(algorithm);
        assertThat(c.table()).isEqualTo("t");
    }

    @Test
    void upserts() {
        ReturningClause nothing = scan("insert into t (a) values (1) on conflict (a) do nothing returning a");
        assertThat(nothing.hasUpsert()).isTrue();
        assertThat(nothing.upsertUpdates()).isFalse();
        assertThat(nothing.returningExpressions()).isEqualTo("a");
        assertThat(nothing.withoutReturning()).isEqualTo("insert into t (a) values (1) on conflict (a) do nothing");

        ReturningClause update = scan("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO UPDATE SET b = excluded.b "
                + "WHERE t.b <> excluded.b RETURNING *");
        assertThat(update.hasUpsert()).isTrue();
        assertThat(update.upsertUpdates()).isTrue();

        ReturningClause two = scan("insert into t values (1) on conflict (a) do nothing on conflict do update set b = 1 "
                + "returning *");
        assertThat(two.upsertUpdates()).isTrue();

        ReturningClause select = scan("insert into t select * from u where true on conflict do update set b = 2");
        assertThat(select.upsertUpdates()).isTrue();
        assertThat(select.hasReturning()).isFalse();

        assertThat(scan("insert into t (\"on conflict do update\") values (1) returning 1").hasUpsert()).isFalse();
    }

    @Test
    void parametersInTheReturningClause() {
        assertThat(scan("insert into t (a) values (?) returning a, ?").returningHasParameters()).isTrue();
        assertThat(scan("insert into t (a) values (?) returning a + ?2").returningHasParameters()).isTrue();
        assertThat(scan("insert into t (a) values (:a) returning :b").returningHasParameters()).isTrue();
        assertThat(scan("insert into t (a) values (1) returning (select @x)").returningHasParameters()).isTrue();
        assertThat(scan("insert into t (a) values (1) returning $x").returningHasParameters()).isTrue();
        assertThat(scan("insert into t (a) values (?) returning a, '?', \":x\"").returningHasParameters()).isFalse();
        assertThat(scan("insert into t (a) values (?, :a, @b, $c) returning a").returningHasParameters()).isFalse();
    }

    @Test
    void withPrefix() {
        ReturningClause c = scan("WITH x(a) AS (SELECT 1), y AS NOT MATERIALIZED (SELECT 2) "
                + "INSERT INTO t SELECT a FROM x RETURNING id");
        assertThat(c.verb()).isEqualTo(StatementKind.INSERT);
        assertThat(c.table()).isEqualTo("t");
        assertThat(c.returningExpressions()).isEqualTo("id");

        ReturningClause named = scan("with replace as (select 1) insert into t select * from replace returning id");
        assertThat(named.verb()).isEqualTo(StatementKind.INSERT);
        assertThat(named.table()).isEqualTo("t");
    }

    @Test
    void otherVerbs() {
        ReturningClause update = scan("UPDATE OR IGNORE t AS x SET a = 1 RETURNING a");
        assertThat(update.verb()).isEqualTo(StatementKind.UPDATE);
        assertThat(update.conflictAlgorithm()).isEqualTo("IGNORE");
        assertThat(update.table()).isEqualTo("t");
        assertThat(update.alias()).isEqualTo("x");
        assertThat(update.hasReturning()).isTrue();

        ReturningClause delete = scan("delete from main.t where a = ? returning *");
        assertThat(delete.verb()).isEqualTo(StatementKind.DELETE);
        assertThat(delete.table()).isEqualTo("main.t");

        ReturningClause replace = scan("REPLACE INTO t VALUES (1) RETURNING *");
        assertThat(replace.verb()).isEqualTo(StatementKind.REPLACE);
        assertThat(replace.conflictAlgorithm()).isNull();
        assertThat(replace.table()).isEqualTo("t");

        assertThat(scan("SELECT 1").verb()).isEqualTo(StatementKind.OTHER);
        assertThat(scan("").verb()).isEqualTo(StatementKind.OTHER);
        assertThat(scan("  -- nothing\n").hasReturning()).isFalse();
        assertThat(scan("insert into").table()).isNull();
        assertThat(scan("insert t values (1)").table()).isNull();
    }

    @Test
    void onlyTheFirstStatementIsScanned() {
        ReturningClause c = scan("insert into t values (1) returning a; insert into u values (2) returning b");
        assertThat(c.returningExpressions()).isEqualTo("a");
        assertThat(c.hasMoreStatements()).isTrue();

        ReturningClause first = scan("insert into t values (1); insert into u values (2) returning ?");
        assertThat(first.hasReturning()).isFalse();
        assertThat(first.returningHasParameters()).isFalse();
        assertThat(first.hasMoreStatements()).isTrue();

        assertThat(scan("insert into t values (1) returning a;;  ; /* */").hasMoreStatements()).isFalse();
    }

    @Test
    void nonAsciiLookalikesAreNotKeywords() {
        // U+0131 (dotless i) upper-cases to 'I' in Java, but SQLite only folds ASCII.
        assertThat(scan("\u0131nsert into t values (1) returning a").verb()).isEqualTo(StatementKind.OTHER);
        assertThat(scan("insert into t values (1) return\u0131ng a").hasReturning()).isFalse();
        assertThat(scan("\uFEFFinsert into t values (1) returning a").verb()).isEqualTo(StatementKind.INSERT);
    }

    @Test
    void unterminatedTokensDoNotThrow() {
        assertThat(scan("insert into t values ('abc returning x").hasReturning()).isFalse();
        assertThat(scan("insert into \"t").table()).isEqualTo("\"t");
        assertThat(scan("insert into t values (1) /* returning").hasReturning()).isFalse();
        assertThat(scan("insert into [t").table()).isEqualTo("[t");
    }

    @Test
    void nullIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> ReturningClause.scan(null));
    }
}
