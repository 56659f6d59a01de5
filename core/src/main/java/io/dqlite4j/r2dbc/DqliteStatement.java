package io.dqlite4j.r2dbc;

import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * A statement with bind parameters. Statements that return rows (SELECT, VALUES, PRAGMA reads,
 * WITH … SELECT, anything with RETURNING) run as QUERY_SQL and stream; everything else runs as
 * EXEC_SQL. Parameters are addressed as {@link BindMarkers} describes: {@code bind(0, v)} and
 * {@code bind("$1", v)} both bind jOOQ's {@code $1}; {@code ?} placeholders bind by position;
 * {@code :name}, {@code @name} and {@code $name} by name. A bare {@code BEGIN} is qualified by
 * {@code session_mode}.
 *
 * <p>{@link #returnGeneratedValues(String...)} appends {@code RETURNING} to INSERT, UPDATE,
 * DELETE and REPLACE (all columns when none are named), which needs dqlite ≥ 1.12: on 1.11 the
 * statement fails before anything is sent, because DML with RETURNING makes a 1.11.1 node abort
 * on its next write. {@link #fetchSize(int)} is accepted and ignored: the server decides the size
 * of its ROWS batches (about 4 KiB).
 *
 * <p>{@link #execute()} sends nothing until its publisher is subscribed to and requested; the
 * bound parameter sets are taken at the call, so the statement can be bound again afterwards.
 */
final class DqliteStatement implements Statement {
    private final DqliteR2dbcConnection connection;
    private final String sql;
    private final SqlStatement analysis;
    private final Bindings bindings;
    private String[] generatedColumns;

    DqliteStatement(DqliteR2dbcConnection connection, String sql) {
        this.connection = connection;
        this.sql = sql;
        this.analysis = SqlStatement.analyze(sql);
        this.bindings = new Bindings(BindMarkers.of(analysis));
    }

    @Override
    public Statement add() {
        bindings.add();
        return this;
    }

    @Override
    public Statement bind(int index, Object value) {
        bindings.bind(index, value);
        return this;
    }

    @Override
    public Statement bind(String name, Object value) {
        bindings.bind(name, value);
        return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
        bindings.bindNull(index, type);
        return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
        bindings.bindNull(name, type);
        return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
        Objects.requireNonNull(columns, "columns must not be null");
        for (String column : columns) {
            if (column == null || column.isEmpty()) {
                throw new IllegalArgumentException("generated column names must not be null or empty");
            }
        }
        this.generatedColumns = columns.clone();
        return this;
    }

    @Override
    public Statement fetchSize(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("fetch size must be >= 0, not " + rows);
        }
        return this;
    }

    @Override
    public Publisher<? extends Result> execute() {
        List<Bindings.Binding> sets = bindings.drain(); // throws IllegalStateException for an unbound parameter
        if (analysis.kind() == StatementKind.EMPTY) {
            return FuturePublisher.of(() -> CompletableFuture.failedFuture(new R2dbcBadGrammarException(
                    "empty statement: the SQL text contains no statement", "42000")));
        }
        String text = textToSend(analysis, generatedColumns, connection.session());
        SqlStatement sent = text.equals(sql) ? analysis : SqlStatement.analyze(text);
        List<Execution> executions = new ArrayList<>(sets.size());
        for (Bindings.Binding set : sets) {
            executions.add(new Execution(sent, text, set.params, set.lobs, true));
        }
        return new ResultsPublisher(connection, executions);
    }

    /**
     * The SQL as sent: a bare BEGIN gets the session mode's qualifier; text after the final ';'
     * of several statements is cut (it confuses 1.11.1's RESULT, PROTOCOL.md §5.2); requested
     * generated values become a RETURNING clause.
     */
    static String textToSend(SqlStatement analysis, String[] generatedColumns, io.dqlite4j.session.Session session) {
        String text = session.textToSend(analysis);
        if (generatedColumns != null && analysis.isDml() && !analysis.hasReturning() && !analysis.hasMultipleStatements()) {
            text = appendReturning(analysis.trimmedSql(), generatedColumns);
        }
        return text;
    }

    static String appendReturning(String sql, String[] columns) {
        String s = sql.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        StringBuilder sb = new StringBuilder(s.length() + 32).append(s).append("\nRETURNING ");
        if (columns.length == 0) {
            return sb.append('*').toString();
        }
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(columns[i]));
        }
        return sb.toString();
    }

    private static String quote(String name) {
        char first = name.charAt(0);
        if (first == '"' || first == '`' || first == '[') {
            return name; // already quoted by the caller
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return "DqliteStatement[" + sql + "]";
    }
}
