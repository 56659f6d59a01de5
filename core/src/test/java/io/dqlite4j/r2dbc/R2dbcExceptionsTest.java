package io.dqlite4j.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.client.DqliteInDoubtException;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.NoLeaderException;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class R2dbcExceptionsTest {

    private static R2dbcException server(long code, String message) {
        return R2dbcExceptions.map(new CompletionException(new DqliteServerException(code, message)));
    }

    @Test
    void constraintViolations() {
        R2dbcException e = server(2067, "UNIQUE constraint failed: t.id");
        assertThat(e).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(e.getSqlState()).isEqualTo("23505");
        assertThat(e.getErrorCode()).isEqualTo(2067);
        assertThat(e.getMessage()).contains("UNIQUE constraint failed: t.id");
        assertThat(e.getCause()).isInstanceOf(DqliteServerException.class);
        assertThat(server(1299, "NOT NULL constraint failed: t.v").getSqlState()).isEqualTo("23502");
    }

    @Test
    void busyIsARollback() {
        R2dbcException e = server(5, "database is locked");
        assertThat(e).isInstanceOf(R2dbcRollbackException.class);
        assertThat(e.getSqlState()).isEqualTo("40001");
    }

    @Test
    void syntaxAndMissingTables() {
        assertThat(server(1, "near \"SELEC\": syntax error")).isInstanceOf(R2dbcBadGrammarException.class)
                .extracting(R2dbcException::getSqlState).isEqualTo("42000");
        assertThat(server(1, "no such table: nope").getSqlState()).isEqualTo("42S02");
    }

    @Test
    void transactionStateErrorsAreNonTransient() {
        R2dbcException e = server(1, "cannot start a transaction within a transaction");
        assertThat(e).isInstanceOf(R2dbcNonTransientResourceException.class);
        assertThat(e.getSqlState()).isEqualTo("25001");
    }

    @Test
    void notLeaderBeforeExecutionIsTransientAndNotAmbiguous() {
        R2dbcException e = R2dbcExceptions.map(new DqliteConnectionException("not the leader", 10250, false, null));
        assertThat(e).isInstanceOf(R2dbcTransientResourceException.class).isNotInstanceOf(DqliteInDoubtR2dbcException.class);
        assertThat(e.getSqlState()).isEqualTo("08006");
        assertThat(e.getErrorCode()).isEqualTo(10250);
    }

    @Test
    void leadershipLostOnAWriteIsAmbiguous() {
        R2dbcException e = R2dbcExceptions.map(new DqliteInDoubtException("leadership lost", 10506, null));
        assertThat(e).isInstanceOf(DqliteInDoubtR2dbcException.class).isInstanceOf(R2dbcNonTransientResourceException.class)
                .isNotInstanceOf(R2dbcTransientResourceException.class);
        assertThat(e.getSqlState()).isEqualTo("08007");
    }

    @Test
    void noLeaderAndTimeouts() {
        assertThat(R2dbcExceptions.map(new NoLeaderException("no leader", null)).getSqlState()).isEqualTo("08001");
        assertThat(R2dbcExceptions.map(new DqliteTimeoutException("slow", true))).isInstanceOf(R2dbcTimeoutException.class);
    }

    @Test
    void r2dbcExceptionsPassThrough() {
        R2dbcException original = new R2dbcBadGrammarException("x", "42000");
        assertThat(R2dbcExceptions.map(new CompletionException(original))).isSameAs(original);
    }

    @Test
    void lostTransactionIs08006() {
        R2dbcException e = R2dbcExceptions.transactionLost(new DqliteConnectionException("gone", -1, true, null));
        assertThat(e).isInstanceOf(R2dbcTransientResourceException.class);
        assertThat(e.getSqlState()).isEqualTo("08006");
        assertThat(e.getMessage()).contains("retry the whole transaction").contains("gone");
    }
}
