package io.dqlite4j.r2dbc;

import io.dqlite4j.session.ReturningPlan;
import io.dqlite4j.session.Session;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.dqlite4j.wire.Params;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.List;
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
final class DqliteR2dbcStatement implements Statement {
    private final DqliteR2dbcConnection connection;
    private final String sql;
    private final SqlStatement analysis;
    private final Bindings bindings;
    private String[] generatedColumns;

    DqliteR2dbcStatement(DqliteR2dbcConnection connection, String sql) {
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

    /**
     * Asks for the generated values of an INSERT: the named columns under those names, every
     * column when none are named. On servers where the driver does not send RETURNING they are
     * read back by the session's emulation (see {@link ReturningPlan}); UPDATE, DELETE and
     * REPLACE then fail before anything is sent. Statements other than DML ignore the request.
     *
     * @throws IllegalArgumentException if {@code columns} or one of its elements is null or empty
     */
    @Override
    public Statement returnGeneratedValues(String... columns) {
        if (columns == null) {
            throw new IllegalArgumentException("columns must not be null");
        }
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

    /**
     * @throws IllegalStateException if a parameter set leaves a parameter unbound, or the last
     *         {@code add()} was not followed by bindings
     */
    @Override
    public Publisher<? extends Result> execute() {
        List<Bindings.Binding> sets = bindings.drain();
        if (analysis.kind() == StatementKind.EMPTY) {
            return failed(new R2dbcBadGrammarException("empty statement: the SQL text contains no statement", SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code()));
        }
        Session session = connection.session();
        if (Session.isBusyTimeoutPragma(analysis)) {
            // The server denies it; the session answers: its value is the budget of the busy retries.
            long millis;
            try {
                millis = session.applyBusyTimeoutPragma(sql);
            } catch (IllegalArgumentException e) {
                return failed(new R2dbcBadGrammarException(e.getMessage(), SqlState.INVALID_PARAMETER_VALUE.code()));
            }
            String answer = "SELECT " + millis + " AS busy_timeout";
            return new ResultsPublisher(connection, List.of(new Execution(SqlStatement.analyze(answer), answer,
                    Params.NONE, null, true)));
        }
        List<Execution> executions = new ArrayList<>(sets.size());
        try {
            if (analysis.hasMultipleStatements()) {
                return new ResultsPublisher(connection, compound(session));
            }
            boolean wantsReturning = analysis.isDml() && (generatedColumns != null || analysis.hasReturning());
            ReturningPlan plan = null;
            R2dbcException refusal = null;
            if (wantsReturning) {
                try {
                    plan = generatedColumns != null ? ReturningPlan.generated(analysis, generatedColumns)
                            : ReturningPlan.of(analysis);
                } catch (ReturningPlan.Refused r) {
                    refusal = refusal(r); // raised when it runs, unless the server runs RETURNING itself
                }
            }
            String text = session.textToSend(analysis);
            SqlStatement sent = text.equals(sql) ? analysis : SqlStatement.analyze(text);
            String nativeSql = !wantsReturning ? null : analysis.hasReturning() ? text
                    : ReturningPlan.withReturning(analysis.trimmedSql(), generatedColumns);
            if (!wantsReturning && sets.size() > 1) {
                return BoundBatch.execute(connection, sent, text, sets, false); // multi-row rewrite where exact
            }
            for (Bindings.Binding set : sets) {
                Execution ex = new Execution(sent, text, set.params, set.lobs, true, plan, false, nativeSql);
                ex.refusal = refusal;
                executions.add(ex);
            }
        } catch (ReturningPlan.Refused r) {
            return failed(refusal(r));
        } catch (R2dbcException e) {
            return failed(e);
        }
        return new ResultsPublisher(connection, executions);
    }

    /**
     * A text of several statements runs as one execution per statement, in order, each with its
     * own rules and its own {@link Result}; after a failure the rest are skipped. Refused before
     * anything is sent: parameters (servers before 1.18.2 bind them all to the first statement)
     * and generated values.
     */
    private List<Execution> compound(Session session) {
        if (bindings.markers().count() > 0) {
            throw new R2dbcNonTransientResourceException("a text of several statements cannot take parameters: "
                    + "run the statements one by one. Nothing was sent.", SqlState.FEATURE_NOT_SUPPORTED.code());
        }
        if (generatedColumns != null) {
            throw new R2dbcNonTransientResourceException("generated values can only be returned for one INSERT, "
                    + "not for a text of several statements. Nothing was sent.", SqlState.FEATURE_NOT_SUPPORTED.code());
        }
        return unbound(analysis, session);
    }

    /**
     * The executions of a text without parameters: one per statement it holds, each with its own
     * rules (a DML statement with RETURNING through its {@link ReturningPlan}).
     *
     * @throws ReturningPlan.Refused before anything is sent, for RETURNING that cannot be emulated
     */
    static List<Execution> unbound(SqlStatement analysis, Session session) {
        List<Execution> parts = new ArrayList<>();
        for (SqlStatement part : analysis.hasMultipleStatements() ? analysis.statements() : List.of(analysis)) {
            if (part.kind() == StatementKind.EMPTY) {
                continue;
            }
            boolean returning = part.hasReturning() && part.isDml();
            ReturningPlan plan = null;
            R2dbcException refusal = null;
            if (returning) {
                try {
                    plan = ReturningPlan.of(part);
                } catch (ReturningPlan.Refused r) {
                    refusal = refusal(r);
                }
            }
            String text = session.textToSend(part);
            Execution ex = new Execution(text.equals(part.sql()) ? part : SqlStatement.analyze(text), text, Params.NONE,
                    null, true, plan, false, returning ? text : null);
            ex.refusal = refusal;
            parts.add(ex);
        }
        return parts;
    }

    static R2dbcException refusal(ReturningPlan.Refused r) {
        return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code().equals(r.sqlState()) ? new R2dbcBadGrammarException(r.getMessage(), r.sqlState())
                : new R2dbcNonTransientResourceException(r.getMessage(), r.sqlState());
    }

    private static Publisher<? extends Result> failed(R2dbcException e) {
        return FuturePublisher.of(() -> CompletableFuture.failedFuture(e));
    }

    /**
     * The SQL as sent for a single statement; requested generated values become a RETURNING
     * clause (for servers that run RETURNING natively).
     */
    static String textToSend(SqlStatement analysis, String[] generatedColumns, Session session) {
        String text = session.textToSend(analysis);
        if (generatedColumns != null && analysis.isDml() && !analysis.hasReturning() && !analysis.hasMultipleStatements()) {
            text = ReturningPlan.withReturning(analysis.trimmedSql(), generatedColumns);
        }
        return text;
    }

    @Override
    public String toString() {
        return "DqliteR2dbcStatement[" + sql + "]";
    }
}
