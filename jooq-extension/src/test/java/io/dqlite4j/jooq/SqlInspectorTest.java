package io.dqlite4j.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.jooq.SqlInspector.Finding;
import io.dqlite4j.jooq.SqlInspector.Kind;
import io.dqlite4j.jooq.SqlInspector.Unsupported;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlInspectorTest {
    private static Finding inTx(String sql) {
        return SqlInspector.inspect(sql, true, false);
    }

    private static Finding guard(String sql) {
        return SqlInspector.inspect(sql, false, true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN|NESTED_BEGIN|BEGIN",
        "Begin Transaction|NESTED_BEGIN|BEGIN",
        "commit|TRANSACTION_CONTROL|COMMIT",
        "END TRANSACTION|TRANSACTION_CONTROL|END",
        "rollback|TRANSACTION_CONTROL|ROLLBACK",
        "rollback transaction|TRANSACTION_CONTROL|ROLLBACK",
        "rollback 'x'|TRANSACTION_CONTROL|ROLLBACK",
        "select 1;;commit|TRANSACTION_CONTROL|COMMIT",
        "create trigger t1 after insert on a begin select 1; end; begin|NESTED_BEGIN|BEGIN",
    })
    void transactionFindings(String sql, Kind kind, String keyword) {
        Finding f = inTx(sql);
        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.keyword()).isEqualTo(keyword);
    }

    @Test
    void commentsBeforeTheKeyword() {
        assertThat(inTx("/* x */ -- y\n commit").keyword()).isEqualTo("COMMIT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "select 1", "rollback to sp", "ROLLBACK TRANSACTION TO SAVEPOINT sp",
        "savepoint sp", "release savepoint sp", "insert into t (\"begin\") values ('commit')",
        "select [end] from t", "select `rollback` from t", "update t set x = 'a'';commit'",
        "create trigger t1 after insert on a begin update b set n = case when n > 0 then n end; end",
        "create temporary trigger t1 before delete on a for each row begin delete from b; end",
        "-- commit", "/* commit */ select 1", "select 1 /* unterminated commit"})
    void nothingToReportInTransaction(String sql) {
        assertThat(inTx(sql)).isNull();
    }

    @Test
    void nothingIsCheckedWhenBothChecksAreOff() {
        assertThat(SqlInspector.inspect("begin; merge into t", false, false)).isNull();
        assertThat(SqlInspector.inspect(null, true, true)).isNull();
        assertThat(guard("begin")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "merge into t using s on (1 = 1) when matched then update set x = 1|MERGE",
        "select * from t for update|FOR_UPDATE",
        "select * from t FOR UPDATE SKIP LOCKED|FOR_UPDATE",
        "select * from t for no key update|FOR_UPDATE",
        "select * from t for share|FOR_SHARE",
        "select * from t for key share|FOR_SHARE",
        "select * from t, lateral (select 1) as x|LATERAL",
        "select * from t cross join lateral(select 1) x|LATERAL",
        "create sequence s|SEQUENCE",
        "drop sequence if exists s|SEQUENCE",
        "select 1; merge into t using s on 1 = 1 when matched then delete|MERGE",
    })
    void unsupportedFindings(String sql, Unsupported construct) {
        Finding f = guard(sql);
        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(f.unsupported()).isEqualTo(construct);
    }

    @ParameterizedTest
    @ValueSource(strings = {"select 'for update' from t", "select \"lateral\" (1)", "select lateral from t",
        "create trigger t1 after update on a for each row begin select 1; end", "select * from t -- for update",
        "select 1 for", "create table sequence (x)", "select x from merge", "insert into t (for_update) values (1)",
        "select * from t where a = :for update", "select f(@lateral (1))", "select [for] update from t"})
    void nothingUnsupported(String sql) {
        assertThat(guard(sql)).isNull();
    }
}
