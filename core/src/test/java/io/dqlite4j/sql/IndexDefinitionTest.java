package io.dqlite4j.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndexDefinitionTest {

    @Test
    void nullHasNoKeysAndNoCondition() {
        IndexDefinition i = IndexDefinition.parse(null);
        assertThat(i.keys()).isEmpty();
        assertThat(i.key(0)).isNull();
        assertThat(i.where()).isNull();
    }

    @Test
    void columnKeysLoseTheirOrderAndCollation() {
        IndexDefinition i = IndexDefinition.parse("CREATE INDEX i ON t (a, b DESC, c COLLATE NOCASE ASC, d collate binary)");
        assertThat(i.keys()).containsExactly("a", "b", "c", "d");
        assertThat(i.key(2)).isEqualTo("c");
        assertThat(i.key(4)).isNull();
        assertThat(i.key(-1)).isNull();
        assertThat(i.where()).isNull();
    }

    @Test
    void expressionKeysAreTheirTextAsWritten() {
        IndexDefinition i = IndexDefinition.parse("CREATE INDEX i ON t (lower(name), a  +  b, "
                + "json_extract(doc, '$.x, y') DESC, (c || ',') COLLATE NOCASE)");
        assertThat(i.keys()).containsExactly("lower(name)", "a  +  b", "json_extract(doc, '$.x, y')", "(c || ',')");
    }

    @Test
    void partialIndexCondition() {
        IndexDefinition i = IndexDefinition.parse("CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a) "
                + "WHERE b IS NOT NULL AND c IN (1, 2)");
        assertThat(i.keys()).containsExactly("a");
        assertThat(i.where()).isEqualTo("b IS NOT NULL AND c IN (1, 2)");
    }

    @Test
    void theConditionEndsWithTheStatement() {
        assertThat(IndexDefinition.parse("CREATE INDEX i ON t (a) WHERE a > 0 ;  -- done").where()).isEqualTo("a > 0");
        assertThat(IndexDefinition.parse("CREATE INDEX i ON t (a) WHERE").where()).isNull();
    }

    @Test
    void quotedNamesOfAllFourKindsAndCommentsDoNotConfuseTheKeys() {
        IndexDefinition i = IndexDefinition.parse("CREATE INDEX \"i (\"\"x\"\")\" ON [t (where)] ("
                + "`a``b` /* , not a key ) */, \"c\" COLLATE \"NOCASE\" DESC, 'lit(,)' -- ) comment\n, "
                + "[e]) WHERE /* live rows */ \"deleted\" = 0");
        assertThat(i.keys()).containsExactly("`a``b`", "\"c\"", "'lit(,)'", "[e]");
        assertThat(i.where()).isEqualTo("/* live rows */ \"deleted\" = 0");
    }

    @Test
    void aWordWhereInsideTheKeysIsNoCondition() {
        IndexDefinition i = IndexDefinition.parse("CREATE INDEX i ON t (iif(a, 1, 2), \"where\")");
        assertThat(i.keys()).containsExactly("iif(a, 1, 2)", "\"where\"");
        assertThat(i.where()).isNull();
    }
}
