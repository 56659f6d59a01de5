package io.dqlite4j.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.dqlite4j.sql.MultiRowInsert.Conflict;
import io.dqlite4j.sql.MultiRowInsert.Limits;
import io.dqlite4j.wire.Params;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiRowInsertTest {
    private static final Limits LEGACY = new Limits(255, 100, 64L << 20);
    private static final Limits MODERN = new Limits(MultiRowInsert.SQLITE_MAX_VARIABLES, 100, 64L << 20);

    private static MultiRowInsert r(String sql) {
        return MultiRowInsert.recognise(sql);
    }

    private static List<Params> items(int n, int width) {
        List<Params> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] values = new Object[width];
            for (int c = 0; c < width; c++) {
                values[c] = (long) (i * width + c);
            }
            items.add(Params.of(values));
        }
        return items;
    }

    @Test
    void aPlainInsertRepeatsItsRow() {
        MultiRowInsert m = r("INSERT INTO t (a, b) VALUES (?, ?)");
        assertThat(m).isNotNull();
        assertThat(m.paramsPerRow()).isEqualTo(2);
        assertThat(m.conflict()).isEqualTo(Conflict.NONE);
        assertThat(m.table()).isEqualTo("t");
        assertThat(m.schema()).isNull();
        assertThat(m.sql(1)).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)");
        assertThat(m.sql(3)).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?),(?, ?),(?, ?)");
        assertThat(m.textLength(3)).isEqualTo(m.sql(3).length());
        assertThat(m.textLength(1)).isEqualTo(m.sql(1).length());
        assertThat(SqlStatement.analyze(m.sql(3)).placeholderCount()).isEqualTo(6);
    }

    @Test
    void conflictClausesAndReplaceAreRecognised() {
        assertThat(r("insert or abort into t values (?)").conflict()).isEqualTo(Conflict.ABORT);
        assertThat(r("INSERT OR REPLACE INTO t VALUES (?)").conflict()).isEqualTo(Conflict.REPLACE);
        assertThat(r("REPLACE INTO t VALUES (?)").conflict()).isEqualTo(Conflict.REPLACE);
        assertThat(r("INSERT OR IGNORE INTO t VALUES (?)").conflict()).isEqualTo(Conflict.IGNORE);
        assertThat(r("INSERT OR FAIL INTO t VALUES (?)").conflict()).isEqualTo(Conflict.FAIL);
        assertThat(r("INSERT OR ROLLBACK INTO t VALUES (?)").conflict()).isEqualTo(Conflict.ROLLBACK);
        assertThat(r("INSERT OR WHATEVER INTO t VALUES (?)")).isNull();
    }

    @Test
    void onlyConflictsThatChangeOneRowPerItemCountPerRow() {
        assertThat(r("INSERT INTO t VALUES (?)").countsPerRow()).isTrue();
        assertThat(r("INSERT OR ABORT INTO t VALUES (?)").countsPerRow()).isTrue();
        assertThat(r("REPLACE INTO t VALUES (?)").countsPerRow()).isTrue();
        assertThat(r("INSERT OR REPLACE INTO t VALUES (?)").countsPerRow()).isTrue();
        assertThat(r("INSERT OR IGNORE INTO t VALUES (?)").countsPerRow()).isFalse();
        assertThat(r("INSERT OR FAIL INTO t VALUES (?)").countsPerRow()).isFalse();
        assertThat(r("INSERT OR ROLLBACK INTO t VALUES (?)").countsPerRow()).isFalse();
    }

    @Test
    void quotedAndQualifiedNamesAliasesAndJooqRendering() {
        MultiRowInsert m = r("insert into \"main\".\"my \"\"t\"\"\" as x (\"id\", `v`, [w]) values (?, ?, ?)");
        assertThat(m.schema()).isEqualTo("main");
        assertThat(m.table()).isEqualTo("my \"t\"");
        assertThat(m.paramsPerRow()).isEqualTo(3);
        assertThat(r("insert into [odd name] values (?)").table()).isEqualTo("odd name");
        assertThat(r("INSERT INTO `b``q` VALUES (?)").table()).isEqualTo("b`q");
        MultiRowInsert jooq = r("insert into \"book\" (\"id\", \"title\") values (?, ?)");
        assertThat(jooq.sql(2)).isEqualTo("insert into \"book\" (\"id\", \"title\") values (?, ?),(?, ?)");
    }

    @Test
    void onlyTheMainAndTempSchemasAreVisibleToTheSchemaCheck() {
        assertThat(r("INSERT INTO t VALUES (?)").schemaVisible()).isTrue();
        assertThat(r("INSERT INTO MAIN.t VALUES (?)").schemaVisible()).isTrue();
        assertThat(r("INSERT INTO temp.t VALUES (?)").schemaVisible()).isTrue();
        assertThat(r("INSERT INTO other.t VALUES (?)").schemaVisible()).isFalse();
        assertThat(SqlStatement.analyze(MultiRowInsert.SCHEMA_QUERY).placeholderCount()).isEqualTo(1);
    }

    @Test
    void literalsCommentsAndStringsHoldingParenthesesOrQuestionMarksAreCopiedVerbatim() {
        MultiRowInsert m = r("/* lead ( ? */ INSERT -- x ?\n INTO t(a, b, c, d) VALUES ('it''s (?)', ?, \"q?\", "
                + "/* ? ) */ lower(?) || 'x') ; -- done ?");
        assertThat(m).isNotNull();
        assertThat(m.paramsPerRow()).isEqualTo(2);
        assertThat(m.sql(2)).isEqualTo("INSERT -- x ?\n INTO t(a, b, c, d) VALUES "
                + "('it''s (?)', ?, \"q?\", /* ? ) */ lower(?) || 'x'),('it''s (?)', ?, \"q?\", /* ? ) */ lower(?) || 'x')");
        assertThat(SqlStatement.analyze(m.sql(2)).placeholderCount()).isEqualTo(4);
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        assertThat(r("\uFEFFINSERT INTO t VALUES (?)").sql(2)).isEqualTo("INSERT INTO t VALUES (?),(?)");
    }

    @Test
    void constantsAndExpressionsMayFillTheRow() {
        assertThat(r("INSERT INTO t VALUES (1, -2.5e3, NULL, x'00ff', CURRENT_TIMESTAMP, ?, cast(? AS TEXT), (? + 1))")
                .paramsPerRow()).isEqualTo(3);
        assertThat(r("INSERT INTO t VALUES (1)").paramsPerRow()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO t SELECT ?",
        "INSERT INTO t (a) SELECT a FROM u WHERE b = ?",
        "INSERT INTO t DEFAULT VALUES",
        "INSERT INTO t VALUES (?), (?)",
        "INSERT INTO t VALUES (?) ,",
        "INSERT INTO t VALUES (?) ON CONFLICT DO NOTHING",
        "INSERT INTO t (a) VALUES (?) ON CONFLICT (a) DO UPDATE SET a = excluded.a",
        "INSERT INTO t VALUES (?) RETURNING id",
        "WITH x AS (SELECT 1) INSERT INTO t VALUES (?)",
        "INSERT INTO t VALUES (?1, ?2)",
        "INSERT INTO t VALUES (:a, :b)",
        "INSERT INTO t VALUES (@a)",
        "INSERT INTO t VALUES ($a)",
        "INSERT INTO t VALUES ((SELECT max(id) FROM t) + ?)",
        "INSERT INTO t VALUES (?, (VALUES (1)))",
        "INSERT INTO t VALUES (last_insert_rowid())",
        "INSERT INTO t VALUES (changes() + ?)",
        "INSERT INTO t VALUES (total_changes())",
        "INSERT INTO t VALUES (?); INSERT INTO u VALUES (?)",
        "INSERT INTO t VALUES (?",
        "INSERT INTO t VALUES ?",
        "INSERT INTO t VALUES",
        "INSERT t VALUES (?)",
        "INSERT INTO VALUES (?)",
        "INSERT INTO t (a VALUES (?)",
        "INSERT INTO t (a, ) VALUES (?)",
        "INSERT INTO s. VALUES (?)",
        "UPDATE t SET a = ?",
        "DELETE FROM t WHERE a = ?",
        "SELECT ?",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u VALUES (1); END",
        "",
        "   -- only a comment"
    })
    void textsThatMustNotBeRewritten(String sql) {
        assertThat(r(sql)).as(sql).isNull();
    }

    @Test
    void chunksStopAtTheLegacyParameterLimit() {
        MultiRowInsert m = r("INSERT INTO t VALUES (?, ?, ?, ?)");
        List<Params> items = items(200, 4);
        assertThat(m.maxRows(LEGACY)).isEqualTo(63); // 63 × 4 = 252 ≤ 255 < 64 × 4
        assertThat(m.chunkEnd(items, 0, LEGACY)).isEqualTo(63);
        assertThat(m.chunkEnd(items, 63, LEGACY)).isEqualTo(126);
        assertThat(m.chunkEnd(items, 189, LEGACY)).isEqualTo(200);
        MultiRowInsert exact = r("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
        assertThat(exact.maxRows(LEGACY)).isEqualTo(51); // 51 × 5 = 255 exactly
        assertThat(MultiRowInsert.concat(items(51, 5), 0, 51).isWide()).isFalse();
        MultiRowInsert one = r("INSERT INTO t VALUES (?)");
        assertThat(one.maxRows(new Limits(255, 1000, 1 << 20))).isEqualTo(255);
        assertThat(MultiRowInsert.concat(items(255, 1), 0, 255).isWide()).isFalse();
        assertThat(MultiRowInsert.concat(items(256, 1), 0, 256).isWide()).isTrue();
    }

    @Test
    void chunksStopAtTheRowBoundAndTheWideTupleLimit() {
        MultiRowInsert m = r("INSERT INTO t VALUES (?, ?, ?, ?)");
        assertThat(m.maxRows(MODERN)).isEqualTo(100);
        assertThat(m.chunkEnd(items(250, 4), 200, MODERN)).isEqualTo(250);
        MultiRowInsert wide = r("INSERT INTO t VALUES (" + String.join(", ", Collections.nCopies(1000, "?")) + ")");
        Limits many = new Limits(MultiRowInsert.SQLITE_MAX_VARIABLES, 1000, 1L << 30);
        assertThat(wide.maxRows(many)).isEqualTo(32); // 32 × 1000 ≤ 32766 < 33 × 1000
        assertThat(wide.maxRows(LEGACY)).isEqualTo(1);
        Params all = MultiRowInsert.concat(items(32, 1000), 0, 32);
        assertThat(all.size()).isEqualTo(32000);
        assertThat(all.isWide()).isTrue();
    }

    @Test
    void chunksStopAtTheMessageSize() {
        MultiRowInsert m = r("INSERT INTO t VALUES (?, ?)");
        List<Params> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(Params.of((long) i, new byte[1000]));
        }
        // One item: 8 (integer) + 8 + 1000 (blob) = 1016 bytes of values; header and id ≈ 112.
        Limits small = new Limits(255, 100, 10_000);
        int end = m.chunkEnd(items, 0, small);
        assertThat(end).isEqualTo(9);
        long body = 8 + 8 * 13 + 9 * 1016L;
        assertThat(body).isLessThanOrEqualTo(10_000);
        assertThat(m.chunkEnd(items, 0, new Limits(255, 100, 64))).as("one item always fits").isEqualTo(1);
    }

    @Test
    void textIsBoundedBelowSqlitesStatementLength() {
        String longLiteral = "'" + "x".repeat(100_000) + "'";
        MultiRowInsert m = r("INSERT INTO t VALUES (?, " + longLiteral + ")");
        int rows = m.maxRows(MODERN);
        assertThat(rows).isEqualTo(2);
        assertThat(m.textLength(rows)).isLessThanOrEqualTo(MultiRowInsert.MAX_SQL_CHARS);
    }

    @Test
    void everyValueTypeSurvivesConcatenationInOrder() {
        byte[] blob = {1, 2, 3};
        Params a = new Params(7).setLong(0, Long.MIN_VALUE).setDouble(1, Double.NaN).setText(2, "é?(")
                .setBlob(3, blob).setNull(4).setBoolean(5, true).setIso8601(6, "2024-01-02T03:04:05Z");
        Params b = new Params(7).setLong(0, 7).setDouble(1, -0.0).setText(2, "").setBlob(3, new byte[0]).setNull(4)
                .setBoolean(5, false).setIso8601(6, "1970-01-01");
        MultiRowInsert m = r("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)");
        Params all = MultiRowInsert.concat(List.of(a, b), 0, 2);
        assertThat(all.size()).isEqualTo(14);
        for (int i = 0; i < 7; i++) {
            assertThat(all.type(i)).isEqualTo(a.type(i));
            assertThat(all.type(7 + i)).isEqualTo(b.type(i));
        }
        assertThat(all.get(0)).isEqualTo(Long.MIN_VALUE);
        assertThat((Double) all.get(1)).isNaN();
        assertThat(all.get(2)).isEqualTo("é?(");
        assertThat(all.get(3)).isSameAs(blob);
        assertThat(all.get(4)).isNull();
        assertThat(all.get(5)).isEqualTo(true);
        assertThat(all.get(8)).isEqualTo(-0.0);
        assertThat(all.get(9)).isEqualTo("");
        assertThat(all.get(12)).isEqualTo(false);
        assertThat(all.get(13)).isEqualTo("1970-01-01");
        assertThat(m.chunkEnd(List.of(a, b), 0, LEGACY)).isEqualTo(2);
    }

    @Test
    void anItemOfTheWrongWidthIsRefused() {
        MultiRowInsert m = r("INSERT INTO t VALUES (?, ?)");
        assertThatIllegalArgumentException().isThrownBy(() -> m.chunkEnd(List.of(Params.of(1L)), 0, LEGACY))
                .withMessageContaining("item 1 has 1 values");
        assertThatIllegalArgumentException().isThrownBy(() -> m.chunkEnd(List.of(Params.of(1L, 2L)), 1, LEGACY));
        assertThatIllegalArgumentException().isThrownBy(() -> m.sql(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Limits(0, 1, 100));
    }

    @Test
    void schemaObjectsThatChangeCountsOrAtomicityAreDetected() {
        assertThat(MultiRowInsert.schemaKeepsCountsExact("table", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
                .isTrue();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("index", null)).isTrue();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("table", "CREATE TABLE t (v TEXT DEFAULT 'ignore')")).isTrue();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("table", "CREATE TABLE t (v UNIQUE ON CONFLICT IGNORE)"))
                .isFalse();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("table", "CREATE TABLE t (v NOT NULL ON CONFLICT FAIL)"))
                .isFalse();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("table", "create table t (v, unique (v) on conflict rollback)"))
                .isFalse();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("trigger",
                "CREATE TRIGGER g BEFORE INSERT ON t WHEN new.v < 0 BEGIN SELECT RAISE(IGNORE); END")).isFalse();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("trigger",
                "CREATE TRIGGER g AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.v); END")).isTrue();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("view", "CREATE VIEW t AS SELECT 1")).isFalse();
        assertThat(MultiRowInsert.schemaKeepsCountsExact("table", "CREATE VIRTUAL TABLE t USING fts5(v)")).isFalse();
    }
}
