package io.dqlite4j.jooq.binding;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.Converter;
import org.jooq.RenderContext;
import org.jooq.impl.DSL;

/**
 * Maps a dqlite DATETIME / TIMESTAMP column to {@link Instant}.
 *
 * <p>Reads with {@code ResultSet.getObject(i, Instant.class)}: ISO8601 text without a zone is UTC,
 * UNIXTIME cells are epoch seconds. Binds the instant as an {@link java.time.OffsetDateTime} at
 * UTC with {@code setObject(i, value)} (a JDBC 4.2 standard type), so the driver sends
 * {@code yyyy-MM-dd HH:mm:ss[.f]+00:00}, which sorts correctly as text next to other UTC values.
 *
 * <pre>{@code
 * Field<Instant> at = DSL.field(DSL.name("created_at"),
 *         SQLDataType.INSTANT.asConvertedDataType(new DqliteInstantBinding()));
 * }</pre>
 * In generated code: {@code <forcedType><userType>java.time.Instant</userType>
 * <binding>io.dqlite4j.jooq.binding.DqliteInstantBinding</binding>
 * <includeTypes>(?i:DATETIME|TIMESTAMP)</includeTypes></forcedType>}.
 */
public class DqliteInstantBinding extends DqliteBinding<Instant> {
    private static final long serialVersionUID = 1L;
    private static final Converter<Object, Instant> CONVERTER =
            Converter.ofNullable(Object.class, Instant.class, DqliteValues::toInstant, v -> v);

    /** Creates the binding (stateless; instances are interchangeable). */
    public DqliteInstantBinding() {
        super(Instant.class, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    public Converter<Object, Instant> converter() {
        return CONVERTER;
    }

    @Override
    void inline(RenderContext render, Instant value) {
        render.visit(DSL.inline(DqliteValues.format(value)));
    }

    @Override
    void bind(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value.atOffset(ZoneOffset.UTC));
    }
}
