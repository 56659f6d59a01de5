package io.dqlite4j.jooq.binding;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jooq.Converter;
import org.jooq.RenderContext;

/**
 * Maps a dqlite BOOLEAN column to {@link Boolean}.
 *
 * <p>Reads with {@code ResultSet.getObject(i, Boolean.class)} (null for SQL NULL; any non-zero
 * number is true). Binds with {@code setBoolean}; inline literals are {@code 1} and {@code 0}, as
 * SQLite stores booleans. The converter also accepts numbers and the texts
 * {@code 1/0, true/false, t/f, yes/no, y/n, on/off}.
 *
 * <p>Note: dqlite servers without the fix for dqlite issue #882 send a NULL in a column declared
 * BOOLEAN as {@code false}; no binding can tell the two apart.
 *
 * <pre>{@code
 * Field<Boolean> active = DSL.field(DSL.name("active"),
 *         SQLDataType.BOOLEAN.asConvertedDataType(new DqliteBooleanBinding()));
 * }</pre>
 * In generated code: {@code <forcedType><userType>java.lang.Boolean</userType>
 * <binding>io.dqlite4j.jooq.binding.DqliteBooleanBinding</binding>
 * <includeTypes>(?i:BOOLEAN)</includeTypes></forcedType>}.
 */
public class DqliteBooleanBinding extends DqliteBinding<Boolean> {
    private static final long serialVersionUID = 1L;
    private static final Converter<Object, Boolean> CONVERTER =
            Converter.ofNullable(Object.class, Boolean.class, DqliteValues::toBoolean, v -> v);

    /** Creates the binding (stateless; instances are interchangeable). */
    public DqliteBooleanBinding() {
        super(Boolean.class, Types.BOOLEAN);
    }

    @Override
    public Converter<Object, Boolean> converter() {
        return CONVERTER;
    }

    @Override
    void inline(RenderContext render, Boolean value) {
        render.sql(value ? "1" : "0");
    }

    @Override
    void bind(PreparedStatement statement, int index, Boolean value) throws SQLException {
        statement.setBoolean(index, value);
    }
}
