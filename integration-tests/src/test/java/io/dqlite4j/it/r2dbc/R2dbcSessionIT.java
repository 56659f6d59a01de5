package io.dqlite4j.it.r2dbc;

import static io.dqlite4j.it.r2dbc.Rx.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.r2dbc.DqliteR2dbcConnection;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.ServerVersion;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The R2DBC driver on the session core: read-only transactions, generated values, compound
 * texts, SPI argument contracts, and the flows Spring Data R2DBC runs (without Spring). One node
 * is enough: nothing here fails over.
 */
@DqliteCluster(nodes = 1)
@Timeout(120)
class R2dbcSessionIT {
    private static final AtomicInteger DB = new AtomicInteger();
    private DqliteR2dbcConnection c;

    @BeforeEach
    void open(LocalCluster cluster) {
        c = Rx.connect(cluster.r2dbcUrl("r2dbc_session_" + DB.incrementAndGet()));
        Rx.update(c, "CREATE TABLE person (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)");
    }

    @AfterEach
    void close() {
        Rx.close(c);
    }

    private static TransactionDefinition readOnly() {
        return new TransactionDefinition() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getAttribute(Option<T> option) {
                return TransactionDefinition.READ_ONLY.equals(option) ? (T) Boolean.TRUE : null;
            }
        };
    }

    private static List<List<Object>> run(Statement s) {
        return Flux.from(s.execute())
                .concatMap(r -> r.map((row, meta) -> Rx.values(row, meta.getColumnMetadatas().size())))
                .collectList().block(WAIT);
    }

    @Test
    void aReadOnlyTransactionReadsRefusesWritesAndTheConnectionWritesAgainAfterwards() {
        Rx.update(c, "INSERT INTO person (name) VALUES ('ann')");
        Rx.await(c.beginTransaction(readOnly()));
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(1L);
        assertThatThrownBy(() -> Rx.update(c, "INSERT INTO person (name) VALUES ('bob')"))
                .isInstanceOf(R2dbcException.class).hasMessageContaining("readonly");
        Rx.await(c.rollbackTransaction());
        assertThat(Rx.update(c, "INSERT INTO person (name) VALUES ('cy')")).isEqualTo(1L);

        // The same after a commit, and with a lazy transaction (autocommit off).
        Rx.await(c.beginTransaction(readOnly()));
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(2L);
        Rx.await(c.commitTransaction());
        Rx.await(c.setAutoCommit(false));
        assertThat(Rx.update(c, "INSERT INTO person (name) VALUES ('dee')")).isEqualTo(1L);
        Rx.await(c.commitTransaction());
        Rx.await(c.setAutoCommit(true));
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(3L);
    }

    @Test
    void generatedValuesOfASingleInsertComeUnderTheRequestedName() {
        Rx.update(c, "INSERT INTO person (name) VALUES ('first')");
        Statement s = c.createStatement("INSERT INTO person (name) VALUES ($1)").bind(0, "ann")
                .returnGeneratedValues("id");
        List<Object> ids = Flux.from(s.execute()).concatMap(r -> r.map((row, meta) -> {
            assertThat(meta.getColumnMetadatas()).hasSize(1);
            assertThat(meta.getColumnMetadata(0).getName()).isEqualTo("id");
            return row.get("id");
        })).collectList().block(WAIT);
        assertThat(ids).containsExactly(2L);
        assertThat(c.inTransaction()).isFalse();

        // Every column when none is named; the update count follows the rows.
        Result result = Mono.from(c.createStatement("INSERT INTO person (name) VALUES ('bob')").returnGeneratedValues()
                .execute()).block(WAIT);
        List<Object> segments = Flux.from(result.flatMap(seg -> Mono.just(seg instanceof Result.RowSegment rs
                ? (Object) Rx.values(rs.row(), 2) : ((Result.UpdateCount) seg).value()))).collectList().block(WAIT);
        assertThat(segments).containsExactly(List.of(3L, "bob"), 1L);
    }

    @Test
    void generatedValuesOfABoundBatchAndOfMultiRowValuesAreInOrder() {
        Statement s = c.createStatement("INSERT INTO person (name) VALUES (?)").returnGeneratedValues("id", "name");
        s.bind(0, "a").add().bind(0, "b").add().bind(0, "c");
        assertThat(run(s)).containsExactly(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "c"));

        Statement multi = c.createStatement("INSERT INTO person (name) VALUES ('x'), ('y'), ('z')")
                .returnGeneratedValues("id");
        assertThat(run(multi)).containsExactly(List.of(4L), List.of(5L), List.of(6L));

        // Inside a transaction the emulation uses a savepoint; a rollback undoes everything.
        Rx.await(c.beginTransaction());
        assertThat(run(c.createStatement("INSERT INTO person (name) VALUES ('t')").returnGeneratedValues("id")))
                .containsExactly(List.of(7L));
        assertThat(c.inTransaction()).isTrue();
        Rx.await(c.rollbackTransaction());
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(6L);
    }

    @Test
    void anExplicitReturningReturnsEveryRow(LocalCluster cluster) {
        assertThat(Rx.rows(c, "INSERT INTO person (name) VALUES ('p'), ('q') RETURNING id, upper(name) AS n"))
                .containsExactly(List.of(1L, "P"), List.of(2L, "Q"));
        if (cluster.server() == ServerVersion.V1_18_7) {
            // RETURNING runs natively: UPDATE and DELETE too.
            assertThat(Rx.rows(c, "UPDATE person SET name = 'r' WHERE id = 1 RETURNING id")).containsExactly(List.of(1L));
        } else {
            // What cannot be emulated is refused before the statement is sent.
            assertThatThrownBy(() -> Rx.rows(c, "UPDATE person SET name = 'r' RETURNING id"))
                    .isInstanceOf(R2dbcNonTransientResourceException.class).hasMessageContaining("Nothing was sent");
            assertThatThrownBy(() -> run(c.createStatement("DELETE FROM person").returnGeneratedValues("id")))
                    .isInstanceOf(R2dbcNonTransientResourceException.class);
        }
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(2L);
        // A failing INSERT with generated values leaves nothing behind and the connection usable.
        assertThatThrownBy(() -> run(c.createStatement("INSERT INTO person (name) VALUES (NULL)")
                .returnGeneratedValues("id"))).isInstanceOf(R2dbcException.class);
        assertThat(c.inTransaction()).isFalse();
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(2L);
    }

    @Test
    void aCompoundTextRunsEveryStatementInOrderWithOneResultEach() {
        List<Long> counts = Flux.from(c.createStatement("SELECT 1; INSERT INTO person (name) VALUES ('a'); "
                + "INSERT INTO person (name) VALUES ('b')").execute())
                .concatMap(r -> Flux.from(r.getRowsUpdated()).defaultIfEmpty(-1L)).collectList().block(WAIT);
        assertThat(counts).hasSize(3).endsWith(1L, 1L);
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(2L);

        List<List<Object>> rows = Flux.from(c.createStatement("SELECT 'x'; SELECT 'y'").execute())
                .concatMap(r -> r.map((row, meta) -> Rx.values(row, 1))).collectList().block(WAIT);
        assertThat(rows).containsExactly(List.of("x"), List.of("y"));

        // Refused before anything is sent: parameters in a compound text.
        assertThatThrownBy(() -> Rx.update(c, "INSERT INTO person (name) VALUES (?); SELECT 1", "z"))
                .isInstanceOf(R2dbcNonTransientResourceException.class);
        // The same in a Batch.
        List<Long> batch = Flux.from(c.createBatch().add("INSERT INTO person (name) VALUES ('c'); SELECT 2")
                .add("INSERT INTO person (name) VALUES ('d')").execute())
                .concatMap(r -> Flux.from(r.getRowsUpdated()).defaultIfEmpty(-1L)).collectList().block(WAIT);
        assertThat(batch).hasSize(3);
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(4L);
    }

    @Test
    void spiArgumentContracts() {
        Statement s = c.createStatement("INSERT INTO person (name) VALUES ($1)");
        s.bind(0, "a").add();
        assertThatThrownBy(s::execute).isInstanceOf(IllegalStateException.class);
        assertThat(Rx.single(c, "SELECT count(*) FROM person")).isEqualTo(0L);

        assertThatThrownBy(() -> s.bind(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.bind((String) null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.bindNull(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.returnGeneratedValues((String[]) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.returnGeneratedValues("id", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.createStatement(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.beginTransaction(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.validate(null)).isInstanceOf(IllegalArgumentException.class);
        Result r = Mono.from(c.createStatement("SELECT 1").execute()).block(WAIT);
        assertThatThrownBy(() -> r.map((java.util.function.BiFunction<io.r2dbc.spi.Row, io.r2dbc.spi.RowMetadata, Object>) null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.filter(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.flatMap(null)).isInstanceOf(IllegalArgumentException.class);
        Flux.from(r.getRowsUpdated()).blockLast(WAIT);
    }

    @Test
    void preparedStatementsAreCachedPerConnection() {
        Rx.update(c, "INSERT INTO person (name) VALUES ($1)", "warm");
        long before = c.roundTrips();
        for (int i = 0; i < 5; i++) {
            assertThat(Rx.update(c, "INSERT INTO person (name) VALUES ($1)", "p" + i)).isEqualTo(1L);
        }
        assertThat(c.roundTrips() - before).as("one EXEC each, no PREPARE").isEqualTo(5);
        before = c.roundTrips();
        assertThat(Rx.single(c, "SELECT count(*) FROM person WHERE name LIKE $1", "p%")).isEqualTo(5L);
        assertThat(Rx.single(c, "SELECT count(*) FROM person WHERE name LIKE $1", "w%")).isEqualTo(1L);
        assertThat(c.roundTrips() - before).as("PREPARE once, then QUERY twice").isEqualTo(3);
    }

    @Test
    void busyTimeoutPragmaIsAnsweredBySessionAsInJdbc() {
        assertThat(Rx.single(c, "PRAGMA busy_timeout = 1234")).isEqualTo(1234L);
        assertThat(Rx.single(c, "pragma busy_timeout")).isEqualTo(1234L);
        assertThatThrownBy(() -> Rx.single(c, "PRAGMA busy_timeout = soon")).isInstanceOf(R2dbcException.class);
    }

    /** Spring Data R2DBC's insert of a new entity, and a reactive {@code @Transactional(readOnly = true)} read. */
    @Test
    void springShapedFlows() {
        // R2dbcEntityTemplate.insert: INSERT with named bind markers, returnGeneratedValues(id column), map id.
        Long id = Flux.from(c.createStatement("INSERT INTO person (name) VALUES (:P0_name)").bind("P0_name", "ann")
                .returnGeneratedValues("id").execute())
                .concatMap(result -> result.map(row -> row.get("id", Long.class))).blockLast(WAIT);
        assertThat(id).isEqualTo(1L);

        // R2dbcTransactionManager with readOnly: setAutoCommit(false), beginTransaction(READ_ONLY), read, commit.
        Connection tx = c;
        Mono.from(tx.beginTransaction(readOnly())).block(WAIT);
        assertThat(Rx.single(tx, "SELECT name FROM person WHERE id = $1", id)).isEqualTo("ann");
        Mono.from(tx.commitTransaction()).block(WAIT);
        assertThat(Rx.update(c, "UPDATE person SET name = 'bo' WHERE id = 1")).isEqualTo(1L);
    }
}
