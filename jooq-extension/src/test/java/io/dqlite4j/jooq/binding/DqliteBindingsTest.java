package io.dqlite4j.jooq.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockDataProvider;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.api.Test;

class DqliteBindingsTest {
    static final DataType<OffsetDateTime> ODT =
            SQLDataType.TIMESTAMPWITHTIMEZONE.asConvertedDataType(new DqliteOffsetDateTimeBinding());
    static final DataType<LocalDateTime> LDT = SQLDataType.LOCALDATETIME.asConvertedDataType(new DqliteLocalDateTimeBinding());
    static final DataType<Instant> INSTANT = SQLDataType.INSTANT.asConvertedDataType(new DqliteInstantBinding());
    static final DataType<Boolean> BOOL = SQLDataType.BOOLEAN.asConvertedDataType(new DqliteBooleanBinding());
    // Applies to a column of any generated Java type (what <forcedType> produces for DATETIME = TIMESTAMP).
    static final DataType<OffsetDateTime> ODT_ON_TIMESTAMP =
            SQLDataType.TIMESTAMP.asConvertedDataType(new DqliteOffsetDateTimeBinding());

    static final Table<?> T = DSL.table(DSL.name("t"));
    static final Field<OffsetDateTime> AT = DSL.field(DSL.name("at"), ODT);
    static final Field<LocalDateTime> LOCAL = DSL.field(DSL.name("local"), LDT);
    static final Field<Instant> WHEN = DSL.field(DSL.name("when_"), INSTANT);
    static final Field<Boolean> ACTIVE = DSL.field(DSL.name("active"), BOOL);

    static final OffsetDateTime V = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000, ZoneOffset.ofHours(2));

    // ---- conversions (converter) ----

    @Test
    void offsetDateTimeConversions() {
        var c = new DqliteOffsetDateTimeBinding().converter();
        assertThat(c.fromType()).isEqualTo(Object.class);
        assertThat(c.toType()).isEqualTo(OffsetDateTime.class);
        assertThat(c.from(null)).isNull();
        assertThat(c.from("")).isNull();
        assertThat(c.from(V)).isSameAs(V);
        assertThat(c.from("2024-01-02 03:04:05.5+02:00")).isEqualTo(V);
        assertThat(c.from("2024-01-02T03:04:05.5+02:00")).isEqualTo(V);
        assertThat(c.from("2024-01-02 03:04:05.5+0200")).isEqualTo(V);
        assertThat(c.from("2024-01-02 03:04:05.5+02")).isEqualTo(V);
        assertThat(c.from("2024-01-02 01:04:05.5Z")).isEqualTo(V.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(c.from("2024-01-02 03:04:05")).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        assertThat(c.from("2024-01-02 03:04")).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC));
        assertThat(c.from("2024-01-02")).isEqualTo(OffsetDateTime.of(2024, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC));
        // dqlite UNIXTIME: seconds, not milliseconds
        assertThat(c.from(1_700_000_000L)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L).atOffset(ZoneOffset.UTC));
        assertThat(c.from(1.5d)).isEqualTo(Instant.ofEpochSecond(1, 500_000_000).atOffset(ZoneOffset.UTC));
        assertThat(c.from(new BigDecimal("-0.25"))).isEqualTo(Instant.ofEpochSecond(-1, 750_000_000)
                .atOffset(ZoneOffset.UTC));
        assertThat(c.from(V.toZonedDateTime())).isEqualTo(V);
        assertThat(c.from(V.toInstant())).isEqualTo(V.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(c.from(LocalDate.of(2024, 1, 2))).isEqualTo(OffsetDateTime.of(2024, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(c.from(Timestamp.valueOf("2024-01-02 03:04:05")))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        assertThat(c.to(V)).isSameAs(V);
        assertThatThrownBy(() -> c.from("yesterday")).isInstanceOf(DataTypeException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> c.from(new Object())).isInstanceOf(DataTypeException.class);
    }

    @Test
    void localDateTimeConversionsUseTheUtcClock() {
        var c = new DqliteLocalDateTimeBinding().converter();
        assertThat(c.from("2024-01-02 03:04:05.5")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000));
        assertThat(c.from("2024-01-02 03:04:05.5+02:00")).isEqualTo(LocalDateTime.of(2024, 1, 2, 1, 4, 5, 500_000_000));
        assertThat(c.from(V)).isEqualTo(LocalDateTime.of(2024, 1, 2, 1, 4, 5, 500_000_000));
        assertThat(c.from(0L)).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(c.from(Timestamp.valueOf("2024-01-02 03:04:05"))).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(c.from("")).isNull();
    }

    @Test
    void instantConversions() {
        var c = new DqliteInstantBinding().converter();
        assertThat(c.from(60)).isEqualTo(Instant.ofEpochSecond(60));
        assertThat(c.from("1970-01-01 00:01:00")).isEqualTo(Instant.ofEpochSecond(60));
        assertThat(c.from("1970-01-01 01:01:00+01:00")).isEqualTo(Instant.ofEpochSecond(60));
        assertThat(c.from(ZonedDateTime.of(1970, 1, 1, 0, 1, 0, 0, ZoneOffset.UTC))).isEqualTo(Instant.ofEpochSecond(60));
        assertThat(c.from(null)).isNull();
    }

    @Test
    void booleanConversions() {
        var c = new DqliteBooleanBinding().converter();
        assertThat(c.from(null)).isNull();
        assertThat(c.from(1L)).isTrue();
        assertThat(c.from(0)).isFalse();
        assertThat(c.from(-3)).isTrue();
        assertThat(c.from(new BigDecimal("0.0"))).isFalse();
        assertThat(c.from("TRUE")).isTrue();
        assertThat(c.from(" f ")).isFalse();
        assertThat(c.from("1")).isTrue();
        assertThat(c.from("")).isNull();
        assertThatThrownBy(() -> c.from("maybe")).isInstanceOf(DataTypeException.class);
    }

    // ---- inline rendering ----

    @Test
    void inlineLiteralsUseTheDriversTextFormat() {
        DSLContext ctx = DSL.using(SQLDialect.SQLITE);
        assertThat(ctx.renderInlined(DSL.select(DSL.inline(V, ODT)))).isEqualTo("select '2024-01-02 03:04:05.5+02:00'");
        assertThat(ctx.renderInlined(DSL.select(DSL.inline(V.withOffsetSameInstant(ZoneOffset.UTC), ODT))))
                .isEqualTo("select '2024-01-02 01:04:05.5+00:00'");
        assertThat(ctx.renderInlined(DSL.select(DSL.inline(LocalDateTime.of(2024, 1, 2, 3, 4), LDT))))
                .isEqualTo("select '2024-01-02 03:04:00'");
        assertThat(ctx.renderInlined(DSL.select(DSL.inline(Instant.ofEpochSecond(1, 123_000), INSTANT))))
                .isEqualTo("select '1970-01-01 00:00:01.000123+00:00'");
        assertThat(ctx.renderInlined(DSL.select(DSL.inline(true, BOOL), DSL.inline(false, BOOL))))
                .isEqualTo("select 1, 0");
        assertThat(ctx.renderInlined(DSL.select(DSL.inline(null, ODT)))).isEqualTo("select null");
        assertThat(ctx.renderInlined(DSL.select(DSL.inline(
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutesSeconds(-1, -30, -15)), ODT))))
                .isEqualTo("select '2024-01-02 03:04:05-01:30:15'");
        assertThat(ctx.render(DSL.select(DSL.val(V, ODT)))).isEqualTo("select ?");
    }

    // ---- JDBC calls ----

    @Test
    void bindsWithSetObjectAndSetBoolean() throws SQLException {
        Recording r = new Recording(ctx -> new MockResult[] {new MockResult(1)});
        DSLContext ctx = DSL.using(r.connection(), SQLDialect.SQLITE);
        Instant instant = Instant.ofEpochSecond(60);
        ctx.insertInto(T).set(AT, V).set(LOCAL, V.toLocalDateTime()).set(WHEN, instant).set(ACTIVE, true).execute();
        ctx.insertInto(T).set(AT, (OffsetDateTime) null).set(ACTIVE, (Boolean) null).execute();
        assertThat(r.calls).containsExactly(
                "setObject(1, OffsetDateTime)", "setObject(2, LocalDateTime)", "setObject(3, OffsetDateTime)",
                "setBoolean(4, Boolean)",
                "setNull(1, " + java.sql.Types.TIMESTAMP_WITH_TIMEZONE + ")", "setNull(2, " + java.sql.Types.BOOLEAN + ")");
        assertThat(r.bindings.get(0)).containsExactly(V, V.toLocalDateTime(), instant.atOffset(ZoneOffset.UTC), true);
    }

    @Test
    void readsWithGetObjectOfTheTargetType() {
        DSLContext mockCtx = DSL.using(SQLDialect.SQLITE);
        Field<OffsetDateTime> onTimestamp = DSL.field(DSL.name("ts"), ODT_ON_TIMESTAMP);
        Recording r = new Recording(ctx -> {
            var result = mockCtx.newResult(AT, LOCAL, WHEN, ACTIVE, onTimestamp);
            var rec = mockCtx.newRecord(AT, LOCAL, WHEN, ACTIVE, onTimestamp);
            rec.set(AT, V);
            rec.set(LOCAL, V.toLocalDateTime());
            rec.set(WHEN, V.toInstant());
            rec.set(ACTIVE, true);
            rec.set(onTimestamp, V);
            result.add(rec);
            return new MockResult[] {new MockResult(1, result)};
        });
        DSLContext ctx = DSL.using(r.connection(), SQLDialect.SQLITE);
        Record row = ctx.select(AT, LOCAL, WHEN, ACTIVE, onTimestamp).from(T).fetchOne();
        assertThat(row.get(AT)).isEqualTo(V);
        assertThat(row.get(LOCAL)).isEqualTo(V.toLocalDateTime());
        assertThat(row.get(WHEN)).isEqualTo(V.toInstant());
        assertThat(row.get(ACTIVE)).isTrue();
        assertThat(row.get(onTimestamp)).isEqualTo(V);
        assertThat(r.calls).containsExactly("getObject(1, OffsetDateTime)", "getObject(2, LocalDateTime)",
                "getObject(3, Instant)", "getObject(4, Boolean)", "getObject(5, OffsetDateTime)");
    }

    /** MockConnection whose statements and result sets record the calls the bindings make. */
    static final class Recording implements MockDataProvider {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<List<Object>> bindings = Collections.synchronizedList(new ArrayList<>());
        private final java.util.function.Function<org.jooq.tools.jdbc.MockExecuteContext, MockResult[]> results;

        Recording(java.util.function.Function<org.jooq.tools.jdbc.MockExecuteContext, MockResult[]> results) {
            this.results = results;
        }

        @Override
        public MockResult[] execute(org.jooq.tools.jdbc.MockExecuteContext ctx) {
            bindings.add(java.util.Arrays.asList(ctx.bindings()));
            return results.apply(ctx);
        }

        Connection connection() {
            return proxy(Connection.class, new MockConnection(this));
        }

        private <T> T proxy(Class<T> iface, Object target) {
            return iface.cast(java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {iface}, (p, m, args) -> {
                        String name = m.getName();
                        boolean indexed = args != null && args.length >= 2 && args[0] instanceof Integer;
                        if (iface == java.sql.PreparedStatement.class && name.startsWith("set") && indexed) {
                            calls.add(name + "(" + args[0] + ", "
                                    + (args[1] instanceof Integer i && name.equals("setNull") ? i
                                    : args[1] == null ? "null" : args[1].getClass().getSimpleName()) + ")");
                        } else if (iface == java.sql.ResultSet.class && name.startsWith("get") && indexed) {
                            calls.add(name + "(" + args[0] + ", " + ((Class<?>) args[1]).getSimpleName() + ")");
                        } else if (iface == java.sql.ResultSet.class && name.startsWith("get") && args != null
                                && args.length == 1 && args[0] instanceof Integer) {
                            calls.add(name + "(" + args[0] + ")");
                        }
                        Object result;
                        try {
                            result = m.invoke(target, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (result instanceof java.sql.ResultSet rs) {
                            return proxy(java.sql.ResultSet.class, rs);
                        }
                        if (result instanceof java.sql.PreparedStatement ps) {
                            return proxy(java.sql.PreparedStatement.class, ps);
                        }
                        return result;
                    }));
        }
    }
}
