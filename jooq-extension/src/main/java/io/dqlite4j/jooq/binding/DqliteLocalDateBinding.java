package io.dqlite4j.jooq.binding;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import org.jooq.Converter;
import org.jooq.RenderContext;
import org.jooq.impl.DSL;

/**
 * Maps a dqlite DATE column to {@link LocalDate}, the type jOOQ's SQLite code generator gives
 * DATE columns.
 *
 * <p>dqlite tags DATE cells as ISO8601 (text) or UNIXTIME (epoch seconds). Reads with
 * {@code ResultSet.getObject(i, LocalDate.class)}: the driver returns the date of
 * {@code yyyy-MM-dd} text, the UTC date of date-time text with a zone, and the UTC date of a
 * UNIXTIME value (jOOQ's own SQLite binding would read the text with {@code getString} and take a
 * number for epoch <em>milliseconds</em>). Binds with {@code setObject(i, value)}: the driver sends
 * {@code yyyy-MM-dd}, as SQLite's {@code date()} writes it.
 *
 * <p>In generated code it is the default for DATE columns (see the codegen plugin); by hand:
 * {@code SQLDataType.LOCALDATE.asConvertedDataType(new DqliteLocalDateBinding())}.
 */
public class DqliteLocalDateBinding extends DqliteBinding<LocalDate> {
    private static final long serialVersionUID = 1L;
    private static final Converter<Object, LocalDate> CONVERTER =
            Converter.ofNullable(Object.class, LocalDate.class, DqliteValues::toLocalDate, v -> v);

    /** Creates the binding (stateless; instances are interchangeable). */
    public DqliteLocalDateBinding() {
        super(LocalDate.class, Types.DATE);
    }

    @Override
    public Converter<Object, LocalDate> converter() {
        return CONVERTER;
    }

    @Override
    void inline(RenderContext render, LocalDate value) {
        render.visit(DSL.inline(DqliteValues.format(value)));
    }

    @Override
    void bind(PreparedStatement statement, int index, LocalDate value) throws SQLException {
        statement.setObject(index, value);
    }
}
