package io.dqlite4j.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.wire.ValueType;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BindingsTest {

    private static Bindings of(String sql) {
        return new Bindings(BindMarkers.of(SqlStatement.analyze(sql)));
    }

    @Test
    void valuesAreConvertedWhenBound() {
        Bindings b = of("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3});
        buffer.get(); // only the remaining bytes count
        UUID uuid = UUID.randomUUID();
        b.bind(0, 7);
        b.bind(1, 1.5f);
        b.bind(2, true);
        b.bind(3, "text");
        b.bind(4, new byte[] {1});
        b.bind(5, buffer);
        b.bind(6, new BigDecimal("12345678901234567890.000001"));
        b.bind(7, new BigInteger("123456789012345678901234567890"));
        b.bind(8, OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneOffset.ofHours(2)));
        b.bind(9, uuid);
        b.bind(10, Parameters.in(R2dbcType.BIGINT, 42L));
        b.bindNull(11, String.class);
        var p = b.drain().get(0).params;
        assertThat(p.get(0)).isEqualTo(7L);
        assertThat(p.get(1)).isEqualTo(1.5d);
        assertThat(p.get(2)).isEqualTo(true);
        assertThat(p.get(3)).isEqualTo("text");
        assertThat((byte[]) p.get(5)).containsExactly(1, 2, 3);
        assertThat(buffer.remaining()).isEqualTo(3); // the caller's buffer is not consumed
        assertThat(p.get(6)).isEqualTo("12345678901234567890.000001");
        assertThat(p.get(7)).isEqualTo("123456789012345678901234567890");
        assertThat(p.get(8)).isEqualTo("2024-02-29 13:14:15+02:00");
        assertThat(p.get(9)).isEqualTo(uuid.toString());
        assertThat(p.get(10)).isEqualTo(42L);
        assertThat(p.type(11)).isEqualTo(ValueType.NULL);
    }

    @Test
    void badValuesFailAtTheBindCall() {
        Bindings b = of("SELECT ?");
        assertThatThrownBy(() -> b.bind(0, "a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> b.bind(0, new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported type");
        assertThatThrownBy(() -> b.bind(0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bindNull");
        assertThatThrownBy(() -> b.bindNull(0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unboundParameterFailsAtExecute() {
        Bindings b = of("SELECT ?, ?");
        b.bind(0, 1);
        assertThatThrownBy(b::drain).isInstanceOf(IllegalStateException.class).hasMessageContaining("parameter 2");
    }

    @Test
    void addSavesSetsAndATrailingAddFails() {
        Bindings b = of("INSERT INTO t VALUES ($1)");
        b.bind("$1", 1);
        b.add();
        b.bind(0, 2);
        b.add();
        assertThatThrownBy(b::drain).isInstanceOf(IllegalStateException.class).hasMessageContaining("trailing add()");
        b.bind("$1", 1);
        b.add();
        b.bind(0, 2);
        List<Bindings.Binding> sets = b.drain();
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0).params.get(0)).isEqualTo(1L);
        assertThat(sets.get(1).params.get(0)).isEqualTo(2L);
        // drain() reset the statement: executing again needs new values
        assertThatThrownBy(b::drain).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addWithAnIncompleteSetFails() {
        Bindings b = of("SELECT ?");
        assertThatThrownBy(b::add).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void indicesWithoutAMarkerAreNull() {
        Bindings b = of("SELECT ?2");
        b.bind("?2", LocalDate.of(2020, 1, 2));
        var p = b.drain().get(0).params;
        assertThat(p.type(0)).isEqualTo(ValueType.NULL);
        assertThat(p.get(1)).isEqualTo("2020-01-02");
    }
}
