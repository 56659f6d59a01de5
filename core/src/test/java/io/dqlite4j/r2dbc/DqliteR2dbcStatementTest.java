package io.dqlite4j.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.SessionMode;
import io.dqlite4j.sql.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DqliteStatementTest {

    private static String send(String sql, String[] generated, SessionMode mode) {
        io.dqlite4j.client.DqliteConfig config = io.dqlite4j.client.DqliteUrl.parse(
                "dqlite://127.0.0.1:9001/db?session_mode=" + mode.urlValue());
        return DqliteR2dbcStatement.textToSend(SqlStatement.analyze(sql), generated, new io.dqlite4j.session.Session(config));
    }

    @Test
    void generatedValuesBecomeAReturningClause() {
        assertThat(send("INSERT INTO t(v) VALUES ($1);  -- note", new String[] {"id", "v"}, SessionMode.IMMEDIATE))
                .isEqualTo("INSERT INTO t(v) VALUES ($1)\nRETURNING \"id\", \"v\"");
        assertThat(send("INSERT INTO t(v) VALUES (1) -- trailing comment", new String[0], SessionMode.IMMEDIATE))
                .isEqualTo("INSERT INTO t(v) VALUES (1) -- trailing comment\nRETURNING *");
        assertThat(send("UPDATE t SET v = 1", new String[] {"\"Id\""}, SessionMode.IMMEDIATE))
                .endsWith("RETURNING \"Id\"");
    }

    @Test
    void generatedValuesLeaveOtherStatementsAlone() {
        assertThat(send("SELECT 1", new String[] {"id"}, SessionMode.IMMEDIATE)).isEqualTo("SELECT 1");
        assertThat(send("INSERT INTO t VALUES (1) RETURNING id", new String[] {"x"}, SessionMode.IMMEDIATE))
                .isEqualTo("INSERT INTO t VALUES (1) RETURNING id");
    }

    @Test
    void bareBeginGetsTheSessionMode() {
        assertThat(send("BEGIN", null, SessionMode.IMMEDIATE)).isEqualTo("BEGIN IMMEDIATE");
        assertThat(send("begin transaction;", null, SessionMode.EXCLUSIVE)).isEqualTo("BEGIN EXCLUSIVE");
        assertThat(send("BEGIN DEFERRED", null, SessionMode.IMMEDIATE)).isEqualTo("BEGIN DEFERRED");
        assertThat(send("BEGIN", null, SessionMode.DEFERRED)).isEqualTo("BEGIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"S0", "S1", "jooq_sp_2", "_x", "a1_B2"})
    void bareSavepointNamesAreSentAsTheyAre(String name) {
        assertThat(DqliteR2dbcConnection.savepointSql(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1a", "a-b", "\"q\"", "säve", "a b", "[x]", "`y`"})
    void otherSavepointNamesAreQuotedAsInJdbc(String name) {
        assertThat(DqliteR2dbcConnection.savepointSql(name)).isEqualTo('"' + name.replace("\"", "\"\"") + '"');
    }

    @Test
    void nullOrEmptySavepointNameIsRejected() {
        assertThatThrownBy(() -> DqliteR2dbcConnection.savepointSql(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DqliteR2dbcConnection.savepointSql("")).isInstanceOf(IllegalArgumentException.class);
    }
}
