package io.dqlite4j.r2dbc;

import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * Several SQL texts without parameters, run in order on the connection with one {@link Result}
 * each. They run as one operation of the connection, so no other operation runs between them;
 * inside a transaction, runs of plain DML texts are pipelined ({@link PipelinedBatch}); after the
 * first failure nothing later is applied.
 */
final class DqliteBatch implements Batch {
    private final DqliteR2dbcConnection connection;
    private final List<String> statements = new ArrayList<>();

    DqliteBatch(DqliteR2dbcConnection connection) {
        this.connection = connection;
    }

    @Override
    public Batch add(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("sql must not be null");
        }
        SqlStatement analysis = SqlStatement.analyze(sql);
        if (analysis.kind() == StatementKind.EMPTY) {
            throw new IllegalArgumentException("empty statement: the SQL text contains no statement");
        }
        if (analysis.placeholderCount() > 0) {
            throw new IllegalArgumentException("a Batch takes SQL without parameters; use a Statement with bind() "
                    + "and add() for parameters: " + sql);
        }
        statements.add(sql);
        return this;
    }

    /**
     * Runs the texts in order; a text of several statements runs statement by statement, with one
     * {@link Result} each. DML with RETURNING that cannot be emulated fails the batch before
     * anything is sent.
     */
    @Override
    public Publisher<? extends Result> execute() {
        List<Execution> executions = new ArrayList<>(statements.size());
        try {
            for (String sql : statements) {
                executions.addAll(DqliteR2dbcStatement.unbound(SqlStatement.analyze(sql), connection.session()));
            }
        } catch (io.dqlite4j.session.ReturningPlan.Refused r) {
            R2dbcException e = DqliteR2dbcStatement.refusal(r);
            statements.clear();
            return FuturePublisher.of(() -> java.util.concurrent.CompletableFuture.failedFuture(e));
        }
        statements.clear();
        return new ResultsPublisher(connection, executions, true);
    }
}
