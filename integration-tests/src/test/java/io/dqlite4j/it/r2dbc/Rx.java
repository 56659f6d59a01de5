package io.dqlite4j.it.r2dbc;

import io.dqlite4j.r2dbc.DqliteR2dbcConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Small blocking helpers for the test thread (never used on an I/O thread). Every wait is bounded. */
final class Rx {
    static final Duration WAIT = Duration.ofSeconds(30);

    private Rx() {
    }

    static DqliteR2dbcConnection connect(String url) {
        ConnectionFactory cf = ConnectionFactories.get(url);
        return (DqliteR2dbcConnection) Mono.from(cf.create()).block(WAIT);
    }

    static void close(Connection c) {
        if (c != null) {
            Mono.from(c.close()).block(WAIT);
        }
    }

    static Statement bindAll(Statement s, Object... binds) {
        for (int i = 0; i < binds.length; i++) {
            s.bind(i, binds[i]);
        }
        return s;
    }

    /** Runs a statement and returns the sum of its update counts. */
    static long update(Connection c, String sql, Object... binds) {
        Long n = Flux.from(bindAll(c.createStatement(sql), binds).execute())
                .concatMap(r -> r.getRowsUpdated())
                .reduce(0L, Long::sum)
                .block(WAIT);
        return n == null ? 0 : n;
    }

    /** Runs a query and returns its rows as lists of natural values ({@code row.get(i)}). */
    static List<List<Object>> rows(Connection c, String sql, Object... binds) {
        return Flux.from(bindAll(c.createStatement(sql), binds).execute())
                .concatMap(r -> r.map((row, meta) -> values(row, meta.getColumnMetadatas().size())))
                .collectList()
                .block(WAIT);
    }

    static Object single(Connection c, String sql, Object... binds) {
        List<List<Object>> rows = rows(c, sql, binds);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    static List<Object> values(Row row, int columns) {
        List<Object> values = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            values.add(row.get(i));
        }
        return values;
    }

    static void await(org.reactivestreams.Publisher<?> p) {
        Flux.from(p).then().block(WAIT);
    }
}
