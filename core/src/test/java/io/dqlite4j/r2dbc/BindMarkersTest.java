package io.dqlite4j.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.sql.SqlStatement;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class BindMarkersTest {

    private static BindMarkers of(String sql) {
        return BindMarkers.of(SqlStatement.analyze(sql));
    }

    @Test
    void questionMarksBindByPosition() {
        BindMarkers m = of("SELECT ?, ?, ?");
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.forIndex(0)).containsExactly(1);
        assertThat(m.forIndex(2)).containsExactly(3);
        assertThatThrownBy(() -> m.forIndex(3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("3 parameters");
        assertThatThrownBy(() -> m.forIndex(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void dollarNumbersFollowFirstAppearanceAndBindByTheirNumber() {
        // SQLite numbers named parameters by first appearance: $2 is index 1, $1 is index 2.
        BindMarkers m = of("SELECT $2 || '-' || $1");
        assertThat(m.count()).isEqualTo(2);
        assertThat(m.forIndex(0)).containsExactly(2); // bind(0) means $1
        assertThat(m.forIndex(1)).containsExactly(1); // bind(1) means $2
        assertThat(m.forName("$1")).containsExactly(2);
        assertThat(m.forName("$2")).containsExactly(1);
    }

    @Test
    void jooqStyleMarkersInOrder() {
        BindMarkers m = of("insert into t (a, b) values ($1, $2)");
        assertThat(m.forIndex(0)).containsExactly(1);
        assertThat(m.forName("$2")).containsExactly(2);
    }

    @Test
    void repeatedNamesShareOneIndex() {
        BindMarkers m = of("SELECT :a, :b, :a, @c");
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.forName(":a")).containsExactly(1);
        assertThat(m.forName("a")).containsExactly(1);
        assertThat(m.forName("c")).containsExactly(3);
        assertThatThrownBy(() -> m.forName("zz")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining(":a");
    }

    @Test
    void prefixlessNameUsedWithSeveralPrefixesIsAmbiguous() {
        BindMarkers m = of("SELECT :a, @a");
        assertThat(m.count()).isEqualTo(2);
        assertThatThrownBy(() -> m.forName("a")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("ambiguous");
    }

    @Test
    void numberedQuestionMarksFollowSqliteRules() {
        BindMarkers m = of("SELECT ?3, ?");
        assertThat(m.count()).isEqualTo(4);
        assertThat(m.hasMarker(3)).isTrue();
        assertThat(m.hasMarker(4)).isTrue();
        assertThat(m.hasMarker(1)).isFalse(); // skipped: bound to NULL automatically
        assertThat(m.forName("?3")).contains(3);
    }

    @Test
    void markersInLiteralsIdentifiersAndCommentsDoNotCount() {
        BindMarkers m = of("SELECT '?', \":x\", `$1`, [@y], a$b -- ? :z\n /* $2 */ , ?");
        assertThat(m.count()).isEqualTo(1);
        assertThatThrownBy(() -> m.forName("x")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void severalStatementsAreNumberedOneAfterTheOther() {
        BindMarkers m = of("INSERT INTO t VALUES (:v); INSERT INTO u VALUES (?, :v)");
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.forName(":v")).containsExactly(1, 3);
        assertThat(m.forIndex(1)).containsExactly(2);
    }

    @Test
    void noParameters() {
        BindMarkers m = of("SELECT 1");
        assertThat(m.count()).isZero();
        assertThatThrownBy(() -> m.forIndex(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void countsTheParametersTheStatementAnalysisCounts() {
        // #name is a named parameter to SQLite; ":a(b" without ')' and a bare ':' are not parameters.
        for (String sql : new String[] {"SELECT #n, ?, #n", "SELECT :a(b, ?", "SELECT : , @, ?1", "SELECT :t::x(1), ?"}) {
            assertThat(of(sql).count()).as(sql).isEqualTo(SqlStatement.analyze(sql).placeholderCount());
        }
        BindMarkers m = of("SELECT #n, ?, #n");
        assertThat(m.count()).isEqualTo(2);
        assertThat(m.forName("#n")).containsExactly(1);
        assertThat(m.forIndex(1)).containsExactly(2);
    }
}
