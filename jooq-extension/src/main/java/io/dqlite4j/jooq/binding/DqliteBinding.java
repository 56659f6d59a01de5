package io.dqlite4j.jooq.binding;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.RenderContext;
import org.jooq.conf.ParamType;

/**
 * Common part of the dqlite bindings. The database type is {@code Object}, so that a binding
 * applies to a column of any declared type ({@code DataType<T>.asConvertedDataType(Binding<? super
 * T, U>)} accepts it for every {@code T}), which is what a {@code <forcedType>} on a DATETIME
 * or BOOLEAN column needs.
 *
 * @param <U> the user type
 */
abstract class DqliteBinding<U> implements Binding<Object, U> {
    private static final long serialVersionUID = 1L;

    private final Class<U> type;
    private final int sqlType;

    DqliteBinding(Class<U> type, int sqlType) {
        this.type = type;
        this.sqlType = sqlType;
    }

    /** Renders a non-null value as an SQL literal. */
    abstract void inline(RenderContext render, U value);

    /** Binds a non-null value. */
    abstract void bind(java.sql.PreparedStatement statement, int index, U value) throws SQLException;

    @Override
    public final void sql(BindingSQLContext<U> ctx) throws SQLException {
        RenderContext render = ctx.render();
        if (render.paramType() == ParamType.INLINED) {
            U value = ctx.value();
            if (value == null) {
                render.sql("null");
            } else {
                inline(render, value);
            }
        } else {
            render.sql(ctx.variable());
        }
    }

    @Override
    public final void register(BindingRegisterContext<U> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), sqlType);
    }

    @Override
    public final void set(BindingSetStatementContext<U> ctx) throws SQLException {
        U value = ctx.value();
        if (value == null) {
            ctx.statement().setNull(ctx.index(), sqlType);
        } else {
            bind(ctx.statement(), ctx.index(), value);
        }
    }

    @Override
    public final void set(BindingSetSQLOutputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLite has no user-defined types (SQLOutput)");
    }

    @Override
    public final void get(BindingGetResultSetContext<U> ctx) throws SQLException {
        ctx.value(ctx.resultSet().getObject(ctx.index(), type));
    }

    @Override
    public final void get(BindingGetStatementContext<U> ctx) throws SQLException {
        ctx.value(ctx.statement().getObject(ctx.index(), type));
    }

    @Override
    public final void get(BindingGetSQLInputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLite has no user-defined types (SQLInput)");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
