package io.dqlite4j.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.sql.TableDefinition.Deferrability;
import io.dqlite4j.sql.TableDefinition.ForeignKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableDefinitionTest {

    @Test
    void nullDeclaresNothing() {
        TableDefinition t = TableDefinition.parse(null);
        assertThat(t.primaryKeyName()).isNull();
        assertThat(t.autoincrementColumn()).isNull();
        assertThat(t.withoutRowid()).isFalse();
        assertThat(t.foreignKeys()).isEmpty();
    }

    @Test
    void tableConstraintsNameThePrimaryKeyAndDeclareForeignKeys() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE line (order_id INT, n INT, product TEXT, "
                + "CONSTRAINT pk_line PRIMARY KEY (order_id, n), "
                + "CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE, "
                + "FOREIGN KEY (product, n) REFERENCES catalog (sku, variant)) WITHOUT ROWID");
        assertThat(t.primaryKeyName()).isEqualTo("pk_line");
        assertThat(t.withoutRowid()).isTrue();
        assertThat(t.autoincrementColumn()).isNull();
        assertThat(t.foreignKeys()).containsExactly(
                new ForeignKey("fk_order", List.of("order_id"), "orders", Deferrability.NOT_DEFERRABLE),
                new ForeignKey(null, List.of("product", "n"), "catalog", Deferrability.NOT_DEFERRABLE));
    }

    @Test
    void unnamedTablePrimaryKeyHasNoName() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b))");
        assertThat(t.primaryKeyName()).isNull();
        assertThat(t.withoutRowid()).isFalse();
    }

    @Test
    void columnConstraints() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE t (id INTEGER CONSTRAINT pk_t PRIMARY KEY "
                + "AUTOINCREMENT, parent INT NOT NULL CONSTRAINT fk_parent REFERENCES t (id), name TEXT UNIQUE)");
        assertThat(t.primaryKeyName()).isEqualTo("pk_t");
        assertThat(t.autoincrementColumn()).isEqualTo("id");
        assertThat(t.foreignKeys()).containsExactly(
                new ForeignKey("fk_parent", List.of("parent"), "t", Deferrability.NOT_DEFERRABLE));
    }

    @Test
    void aConstraintNameNamesOnlyTheConstraintRightAfterIt() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE t (id INTEGER CONSTRAINT nn NOT NULL PRIMARY KEY, "
                + "p INT CONSTRAINT c CHECK (p > 0) REFERENCES parent)");
        assertThat(t.primaryKeyName()).isNull();
        assertThat(t.foreignKeys()).extracting(ForeignKey::name).containsExactly((String) null);
    }

    @Test
    void parenthesesAndCommasInsideAColumnDoNotSplitIt() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE t (a INT CHECK (a IN (1, 2, 3)) DEFAULT (abs(-1)), "
                + "b AS (a * 2) STORED, c DECIMAL(10, 2) CONSTRAINT pk PRIMARY KEY)");
        assertThat(t.primaryKeyName()).isEqualTo("pk");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|NOT_DEFERRABLE",
        "NOT DEFERRABLE|NOT_DEFERRABLE",
        "NOT DEFERRABLE INITIALLY DEFERRED|NOT_DEFERRABLE",
        "DEFERRABLE|INITIALLY_IMMEDIATE",
        "DEFERRABLE INITIALLY IMMEDIATE|INITIALLY_IMMEDIATE",
        "deferrable initially deferred|INITIALLY_DEFERRED",
        "ON DELETE SET NULL ON UPDATE CASCADE MATCH FULL DEFERRABLE INITIALLY DEFERRED|INITIALLY_DEFERRED",
    })
    void foreignKeyDeferrability(String clause, Deferrability expected) {
        String tail = clause == null ? "" : " " + clause;
        TableDefinition column = TableDefinition.parse("CREATE TABLE c (p INT REFERENCES parent (id)" + tail + ")");
        TableDefinition table = TableDefinition.parse("CREATE TABLE c (p INT, q INT, "
                + "FOREIGN KEY (p, q) REFERENCES parent (a, b)" + tail + ", CHECK (p > 0))");
        assertThat(column.foreignKeys()).extracting(ForeignKey::deferrability).containsExactly(expected);
        assertThat(table.foreignKeys()).extracting(ForeignKey::deferrability).containsExactly(expected);
    }

    @Test
    void deferrabilityBelongsToItsOwnReferencesClause() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE c (p INT REFERENCES a CONSTRAINT second REFERENCES b "
                + "DEFERRABLE INITIALLY DEFERRED)");
        assertThat(t.foreignKeys()).containsExactly(
                new ForeignKey(null, List.of("p"), "a", Deferrability.NOT_DEFERRABLE),
                new ForeignKey("second", List.of("p"), "b", Deferrability.INITIALLY_DEFERRED));
    }

    @Test
    void namesInAllFourQuotingStylesAreUnquoted() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE \"my \"\"t\"\"\" ("
                + "[key col] INTEGER CONSTRAINT \"pk \"\"x\"\"\" PRIMARY KEY AUTOINCREMENT, "
                + "`a``b` INT CONSTRAINT 'fk''one' REFERENCES [par ent], "
                + "\"c\" INT, CONSTRAINT `fk``two` FOREIGN KEY (\"c\", [d e], 'f') REFERENCES \"other\"\"t\")");
        assertThat(t.primaryKeyName()).isEqualTo("pk \"x\"");
        assertThat(t.autoincrementColumn()).isEqualTo("key col");
        assertThat(t.foreignKeys()).containsExactly(
                new ForeignKey("fk'one", List.of("a`b"), "par ent", Deferrability.NOT_DEFERRABLE),
                new ForeignKey("fk`two", List.of("c", "d e", "f"), "other\"t", Deferrability.NOT_DEFERRABLE));
    }

    @Test
    void keywordsInCommentsLiteralsAndQuotedNamesDoNotCount() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE t ( -- CONSTRAINT no PRIMARY KEY, (\n"
                + "a INT /* , CONSTRAINT nor PRIMARY KEY ) */ DEFAULT 'x, CONSTRAINT neither PRIMARY KEY', "
                + "\"autoincrement\" INT, [references] INT, "
                + "CONSTRAINT /* the name: */ yes PRIMARY KEY (a) /* WITHOUT ROWID */)");
        assertThat(t.primaryKeyName()).isEqualTo("yes");
        assertThat(t.autoincrementColumn()).isNull();
        assertThat(t.foreignKeys()).isEmpty();
        assertThat(t.withoutRowid()).isFalse();
    }

    @Test
    void withoutRowidCountsOnlyAfterTheColumns() {
        assertThat(TableDefinition.parse("CREATE TABLE \"without rowid\" (without INT, rowid INT)").withoutRowid())
                .isFalse();
        assertThat(TableDefinition.parse("CREATE TABLE t (a PRIMARY KEY) without   rowid").withoutRowid()).isTrue();
    }

    @Test
    void createTableAsSelectDeclaresNothing() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE copy AS SELECT * FROM (SELECT 1 AS autoincrement)");
        assertThat(t.autoincrementColumn()).isNull();
        assertThat(t.foreignKeys()).isEmpty();
    }
}
