package io.dqlite4j.jooq.binding;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import org.jooq.Converter;
import org.jooq.RenderContext;
import org.jooq.impl.DSL;

/**
 * Maps a dqlite DATETIME / TIMESTAMP / DATE column to {@link LocalDateTime}, on the UTC clock.
 *
 * <p>Reads with {@code ResultSet.getObject(i, LocalDateTime.class)}: the driver returns naive
 * ISO8601 text as is, converts text with a zone to UTC and drops the zone, and converts
 * UNIXTIME cells (epoch seconds) to the UTC date-time. Binds with {@code setObject(i, value)}: the
 * driver sends {@code yyyy-MM-dd HH:mm:ss[.f]}. Unlike jOOQ's default binding for SQLite, a number
 * in the column is read as epoch <em>seconds</em> (dqlite's UNIXTIME), not milliseconds.
 *
 * <pre>{@code
 * Field<LocalDateTime> at = DSL.field(DSL.name("created_at"),
 *         SQLDataType.LOCALDATETIME.asConvertedDataType(new DqliteLocalDateTimeBinding()));
 * }</pre>
 * In generated code: {@code <forcedType><userType>java.time.LocalDateTime</userType>
 * <binding>io.dqlite4j.jooq.binding.DqliteLocalDateTimeBinding</binding>
 * <includeTypes>(?i:DATETIME|TIMESTAMP)</includeTypes></forcedType>}.
 */
public class DqliteLocalDateTimeBinding extends DqliteBinding<LocalDateTime> {
    private static final long serialVersionUID = 1L;
    private static final Converter<Object, LocalDateTime> CONVERTER =
            Converter.ofNullable(Object.class, LocalDateTime.class, DqliteValues::toLocalDateTime, v -> v);

    /** Creates the binding (stateless; instances are interchangeable). */
    public DqliteLocalDateTimeBinding() {
        super(LocalDateTime.class, Types.TIMESTAMP);
    }

    @Override
    public Converter<Object, LocalDateTime> converter() {
        return CONVERTER;
    }

    @Override
    void inline(RenderContext render, LocalDateTime value) {
        render.visit(DSL.inline(DqliteValues.format(value)));
    }

    @Override
    void bind(PreparedStatement statement, int index, LocalDateTime value) throws SQLException {
        statement.setObject(index, value);
    }
}
