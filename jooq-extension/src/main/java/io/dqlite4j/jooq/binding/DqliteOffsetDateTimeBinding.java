package io.dqlite4j.jooq.binding;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.jooq.Converter;
import org.jooq.RenderContext;
import org.jooq.impl.DSL;

/**
 * Maps a dqlite DATETIME / TIMESTAMP / DATE column to {@link OffsetDateTime}.
 *
 * <p>Reads with {@code ResultSet.getObject(i, OffsetDateTime.class)}: the driver parses ISO8601
 * cells (text without a zone is UTC) and converts UNIXTIME cells (epoch seconds) at UTC. Binds
 * with {@code setObject(i, value)}: the driver sends ISO-8601 text that keeps the value's offset
 * ({@code yyyy-MM-dd HH:mm:ss[.f]±HH:MM}). Inline literals use the same text.
 *
 * <pre>{@code
 * Field<OffsetDateTime> at = DSL.field(DSL.name("created_at"),
 *         SQLDataType.TIMESTAMPWITHTIMEZONE.asConvertedDataType(new DqliteOffsetDateTimeBinding()));
 * }</pre>
 * In generated code: {@code <forcedType><userType>java.time.OffsetDateTime</userType>
 * <binding>io.dqlite4j.jooq.binding.DqliteOffsetDateTimeBinding</binding>
 * <includeTypes>(?i:DATETIME|TIMESTAMP)</includeTypes></forcedType>}.
 */
public class DqliteOffsetDateTimeBinding extends DqliteBinding<OffsetDateTime> {
    private static final long serialVersionUID = 1L;
    private static final Converter<Object, OffsetDateTime> CONVERTER =
            Converter.ofNullable(Object.class, OffsetDateTime.class, DqliteValues::toOffsetDateTime, v -> v);

    /** Creates the binding (stateless; instances are interchangeable). */
    public DqliteOffsetDateTimeBinding() {
        super(OffsetDateTime.class, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    public Converter<Object, OffsetDateTime> converter() {
        return CONVERTER;
    }

    @Override
    void inline(RenderContext render, OffsetDateTime value) {
        render.visit(DSL.inline(DqliteValues.format(value)));
    }

    @Override
    void bind(PreparedStatement statement, int index, OffsetDateTime value) throws SQLException {
        statement.setObject(index, value);
    }
}
