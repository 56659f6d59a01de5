package io.dqlite4j.jooq.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** jOOQ's reactive API on the dqlite R2DBC driver, through {@code DqliteDSL.using(ConnectionFactory)}. */
@DqliteCluster(nodes = 3)
@Timeout(120)
class JooqReactiveIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Table<Record> T = table(name("rx"));
    private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);
    private static final Field<String> V = field(name("v"), SQLDataType.VARCHAR);

    @Test
    void selectsStreamAndTransactionPublishersCommitOrRollBack(LocalCluster cluster) {
        ConnectionFactory cf = ConnectionFactories.get(cluster.r2dbcUrl("jooqrx"));
        DSLContext ctx = DqliteDSL.using(cf);
        Mono.from(ctx.createTable(T).column(ID).column(V).primaryKey(ID)).block(WAIT);
        assertThat(Mono.from(ctx.selectOne()).block(WAIT).value1()).isEqualTo(1);

        // A reactive transaction that commits.
        Flux.from(ctx.transactionPublisher(cfg -> Flux.concat(
                cfg.dsl().insertInto(T, ID, V).values(1L, "a"),
                cfg.dsl().insertInto(T, ID, V).values(2L, "b")))).blockLast(WAIT);
        // One that fails and rolls back: the duplicate key aborts it, the third row never stays.
        assertThatThrownBy(() -> Flux.from(ctx.transactionPublisher(cfg -> Flux.concat(
                cfg.dsl().insertInto(T, ID, V).values(3L, "c"),
                cfg.dsl().insertInto(T, ID, V).values(1L, "duplicate")))).blockLast(WAIT))
                .hasMessageContaining("UNIQUE");

        List<String> values = Flux.from(ctx.select(V).from(T).orderBy(ID)).map(r -> r.value1()).collectList().block(WAIT);
        assertThat(values).containsExactly("a", "b");
    }
}
