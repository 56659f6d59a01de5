package io.dqlite4j.types;

import static io.dqlite4j.types.ValueConversions.asString;
import static io.dqlite4j.types.ValueConversions.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.wire.Response;
import io.dqlite4j.wire.WireCodec;
import io.dqlite4j.wire.RowBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueConversionsTest {

    private static final long SECONDS = 1_704_164_645L; // 2024-01-02T03:04:05Z
    private static final Iso8601 NULL_ISO = new Iso8601("");

    /** Every target the class supports by name, primitives included. */
    static Stream<Class<?>> allTargets() {
        return Stream.of(String.class, Long.class, long.class, Integer.class, int.class, Short.class, short.class,
                Byte.class, byte.class, Double.class, double.class, Float.class, float.class, BigDecimal.class,
                BigInteger.class, Boolean.class, boolean.class, byte[].class, Instant.class, OffsetDateTime.class,
                LocalDateTime.class, LocalDate.class, LocalTime.class, OffsetTime.class, ZonedDateTime.class,
                java.sql.Timestamp.class, java.sql.Date.class, java.sql.Time.class, java.util.Date.class,
                UUID.class, Number.class, Object.class, CharSequence.class, List.class);
    }

    @Nested
    class Nulls {
        @ParameterizedTest
        @MethodSource("io.dqlite4j.types.ValueConversionsTest#allTargets")
        void nullAndEmptyIso8601AreNullForEveryTarget(Class<?> target) {
            assertThat(convert(null, target)).isNull();
            assertThat(convert(NULL_ISO, target)).isNull();
        }

        @Test
        void asStringOfNulls() {
            assertThat(asString(null)).isNull();
            assertThat(asString(NULL_ISO)).isNull();
        }

        @Test
        void emptyTextAndEmptyBlobStayDistinctFromNull() {
            assertThat(convert("", String.class)).isEmpty();
            assertThat(convert(new byte[0], byte[].class)).isEmpty();
            assertThat(asString("")).isEmpty();
        }

        @Test
        void nullTargetIsRejected() {
            assertThatThrownBy(() -> convert(1L, null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class AsString {
        @Test
        void integers() {
            assertThat(asString(0L)).isEqualTo("0");
            assertThat(asString(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
            assertThat(asString(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        }

        @Test
        void doublesLikeSqlite() {
            assertThat(asString(1.0)).isEqualTo("1.0");
            assertThat(asString(-3.0)).isEqualTo("-3.0");
            assertThat(asString(0.0)).isEqualTo("0.0");
            assertThat(asString(-0.0)).isEqualTo("-0.0");
            assertThat(asString(1e7)).isEqualTo("10000000.0");
            assertThat(asString(123456789012345.0)).isEqualTo("123456789012345.0");
            assertThat(asString(1e15)).isEqualTo("1.0E15");
            assertThat(asString(0.1)).isEqualTo("0.1");
            assertThat(asString(2.5)).isEqualTo("2.5");
            assertThat(asString(1e-7)).isEqualTo("1.0E-7");
            assertThat(asString(Double.NaN)).isEqualTo("NaN");
            assertThat(asString(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
            assertThat(asString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
            assertThat(asString(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.0, -0.0, 1.0, -1.5, 0.1, 1e7, 1e15, 1e300, -1e-300, Double.MIN_VALUE,
                Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 123456789.123})
        void doubleTextRoundTrips(double d) {
            // Bit-exact: tells -0.0 from 0.0 and compares NaN with itself.
            assertThat(Double.doubleToLongBits(convert(asString(d), Double.class))).isEqualTo(Double.doubleToLongBits(d));
            assertThat(Double.doubleToLongBits(convert(asString(d), double.class))).isEqualTo(Double.doubleToLongBits(d));
        }

        @Test
        void textIso8601BlobBoolean() {
            assertThat(asString("héllo")).isEqualTo("héllo");
            assertThat(asString(new Iso8601("2024-01-02T03:04:05+02:00"))).isEqualTo("2024-01-02T03:04:05+02:00");
            assertThat(asString(new Iso8601("not a date"))).isEqualTo("not a date");
            assertThat(asString("héllo".getBytes(StandardCharsets.UTF_8))).isEqualTo("héllo");
            assertThat(asString(new byte[] {(byte) 0xff})).isEqualTo("\uFFFD");
            assertThat(asString(true)).isEqualTo("1");
            assertThat(asString(false)).isEqualTo("0");
        }

        @Test
        void unixTimeAsUtcText() {
            assertThat(asString(new UnixTime(SECONDS))).isEqualTo("2024-01-02 03:04:05");
            assertThat(asString(new UnixTime(0))).isEqualTo("1970-01-01 00:00:00");
            assertThat(asString(new UnixTime(-1))).isEqualTo("1969-12-31 23:59:59");
            assertThat(asString(new UnixTime(253_402_300_799L))).isEqualTo("9999-12-31 23:59:59");
            assertThat(asString(new UnixTime(-62_167_219_200L))).isEqualTo("0000-01-01 00:00:00");
        }

        @Test
        void unixTimeOutsideFourDigitYearsFallsBackToDigits() {
            // Probably milliseconds stored in a DATETIME column: keep the number intact.
            assertThat(asString(new UnixTime(1_704_164_645_000L))).isEqualTo("1704164645000");
            assertThat(asString(new UnixTime(253_402_300_800L))).isEqualTo("253402300800");
            assertThat(asString(new UnixTime(-62_167_219_201L))).isEqualTo("-62167219201");
            assertThat(asString(new UnixTime(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
            assertThat(asString(new UnixTime(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        }

        @Test
        void unixTimeTextParsesLikeJooq() {
            // jOOQ reads a TIMESTAMP column with Timestamp.valueOf(getString()).
            TimeZone saved = TimeZone.getDefault();
            try {
                TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
                UnixTime raw = new UnixTime(SECONDS);
                assertThat(java.sql.Timestamp.valueOf(asString(raw))).isEqualTo(convert(raw, java.sql.Timestamp.class));
            } finally {
                TimeZone.setDefault(saved);
            }
        }

        @Test
        void stringTargetUsesAsString() {
            assertThat(convert(42L, String.class)).isEqualTo("42");
            assertThat(convert(new UnixTime(SECONDS), String.class)).isEqualTo("2024-01-02 03:04:05");
            assertThat(convert(true, String.class)).isEqualTo("1");
        }

        @Test
        void standInsAndForeignTypes() {
            assertThat(asString(7)).isEqualTo("7");
            assertThat(asString(1.5f)).isEqualTo("1.5");
            assertThatThrownBy(() -> asString(new Object()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a raw dqlite value: java.lang.Object");
        }
    }

    @Nested
    class IntegralTargets {
        @Test
        void fromInteger() {
            assertThat(convert(42L, Long.class)).isEqualTo(42L);
            assertThat(convert(42L, long.class)).isEqualTo(42L);
            assertThat(convert(42L, Integer.class)).isEqualTo(42);
            assertThat(convert(42L, int.class)).isEqualTo(42);
            assertThat(convert(42L, Short.class)).isEqualTo((short) 42);
            assertThat(convert(42L, short.class)).isEqualTo((short) 42);
            assertThat(convert(42L, Byte.class)).isEqualTo((byte) 42);
            assertThat(convert(42L, byte.class)).isEqualTo((byte) 42);
        }

        @Test
        void boundaries() {
            assertThat(convert(Long.MAX_VALUE, long.class)).isEqualTo(Long.MAX_VALUE);
            assertThat(convert(Long.MIN_VALUE, long.class)).isEqualTo(Long.MIN_VALUE);
            assertThat(convert((long) Integer.MAX_VALUE, int.class)).isEqualTo(Integer.MAX_VALUE);
            assertThat(convert((long) Integer.MIN_VALUE, int.class)).isEqualTo(Integer.MIN_VALUE);
            assertThat(convert((long) Short.MIN_VALUE, short.class)).isEqualTo(Short.MIN_VALUE);
            assertThat(convert((long) Byte.MAX_VALUE, byte.class)).isEqualTo(Byte.MAX_VALUE);
        }

        @Test
        void overflowIsRejectedWithPreciseMessage() {
            assertThatThrownBy(() -> convert(Long.MAX_VALUE, Integer.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot convert INTEGER 9223372036854775807 to java.lang.Integer:"
                            + " out of range [-2147483648, 2147483647]");
            assertThatThrownBy(() -> convert(Long.MIN_VALUE, int.class))
                    .hasMessage("cannot convert INTEGER -9223372036854775808 to int: out of range [-2147483648, 2147483647]");
            assertThatThrownBy(() -> convert(2_147_483_648L, int.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> convert(32_768L, short.class))
                    .hasMessage("cannot convert INTEGER 32768 to short: out of range [-32768, 32767]");
            assertThatThrownBy(() -> convert(-129L, Byte.class))
                    .hasMessage("cannot convert INTEGER -129 to java.lang.Byte: out of range [-128, 127]");
        }

        @Test
        void fromFloatTruncatesTowardZero() {
            assertThat(convert(3.7, long.class)).isEqualTo(3L);
            assertThat(convert(-3.7, long.class)).isEqualTo(-3L);
            assertThat(convert(-0.0, int.class)).isZero();
            assertThat(convert(9.2233720368547748E18, long.class)).isEqualTo(9_223_372_036_854_774_784L);
            assertThat(convert(-9.223372036854775808E18, long.class)).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void fromFloatRejectsNanInfinityAndOverflow() {
            assertThatThrownBy(() -> convert(Double.NaN, long.class))
                    .hasMessage("cannot convert FLOAT NaN to long: not a number");
            assertThatThrownBy(() -> convert(Double.POSITIVE_INFINITY, Long.class))
                    .hasMessage("cannot convert FLOAT Infinity to java.lang.Long:"
                            + " out of range [-9223372036854775808, 9223372036854775807]");
            assertThatThrownBy(() -> convert(Double.NEGATIVE_INFINITY, int.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> convert(9.223372036854775807E18, long.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> convert(3e9, int.class))
                    .hasMessage("cannot convert FLOAT 3000000000.0 to int: out of range [-2147483648, 2147483647]");
        }

        @Test
        void fromText() {
            assertThat(convert("42", long.class)).isEqualTo(42L);
            assertThat(convert("  -42\n", int.class)).isEqualTo(-42);
            assertThat(convert("+7", int.class)).isEqualTo(7);
            assertThat(convert("3.0", long.class)).isEqualTo(3L);
            assertThat(convert("3.99", int.class)).isEqualTo(3);
            assertThat(convert("-3.99", int.class)).isEqualTo(-3);
            assertThat(convert("1e3", long.class)).isEqualTo(1000L);
            assertThat(convert("9223372036854775807", long.class)).isEqualTo(Long.MAX_VALUE);
            assertThat(convert("-9223372036854775808", long.class)).isEqualTo(Long.MIN_VALUE);
            assertThat(convert(new Iso8601("12"), int.class)).isEqualTo(12);
        }

        @Test
        void fromTextRejectsGarbageAndOverflow() {
            assertThatThrownBy(() -> convert("abc", int.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot convert TEXT \"abc\" to int: not a number");
            assertThatThrownBy(() -> convert("", long.class)).hasMessage("cannot convert TEXT \"\" to long: not a number");
            assertThatThrownBy(() -> convert("0x10", long.class)).hasMessageEndingWith("not a number");
            assertThatThrownBy(() -> convert("\u0663", long.class)).hasMessageEndingWith("not a number");
            assertThatThrownBy(() -> convert("NaN", long.class)).hasMessageEndingWith("not a number");
            assertThatThrownBy(() -> convert("1-2", long.class)).hasMessageEndingWith("not a number");
            assertThatThrownBy(() -> convert("9223372036854775808", long.class))
                    .hasMessage("cannot convert TEXT \"9223372036854775808\" to long:"
                            + " out of range [-9223372036854775808, 9223372036854775807]");
            assertThatThrownBy(() -> convert("1e999999999", long.class)).hasMessageContaining("out of range");
            assertThatThrownBy(() -> convert("40000", short.class)).hasMessageContaining("out of range [-32768, 32767]");
            assertThatThrownBy(() -> convert(new Iso8601("2024-01-02"), long.class))
                    .hasMessage("cannot convert ISO8601 \"2024-01-02\" to long: not a number");
        }

        @Test
        void fromBooleanAndUnixTime() {
            assertThat(convert(true, long.class)).isEqualTo(1L);
            assertThat(convert(false, Integer.class)).isZero();
            assertThat(convert(new UnixTime(SECONDS), long.class)).isEqualTo(SECONDS);
            assertThat(convert(new UnixTime(SECONDS), int.class)).isEqualTo((int) SECONDS);
            assertThatThrownBy(() -> convert(new UnixTime(253_402_300_799L), int.class))
                    .hasMessage("cannot convert UNIXTIME 253402300799 to int: out of range [-2147483648, 2147483647]");
        }

        @Test
        void blobIsUnsupported() {
            assertThatThrownBy(() -> convert(new byte[] {1}, long.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot convert BLOB to long");
        }

        @Test
        void standInRawTypes() {
            assertThat(convert(7, long.class)).isEqualTo(7L);
            assertThat(convert((short) 7, Integer.class)).isEqualTo(7);
            assertThat(convert((byte) 7, Object.class)).isEqualTo(7L);
            assertThat(convert(1.5f, Double.class)).isEqualTo(1.5);
        }
    }

    @Nested
    class FloatingTargets {
        @Test
        void doubles() {
            assertThat(convert(1.5, Double.class)).isEqualTo(1.5);
            assertThat(convert(Double.NaN, double.class)).isNaN();
            assertThat(convert(Long.MAX_VALUE, double.class)).isEqualTo(9.223372036854775807E18);
            assertThat(convert(" 2.5e-3 ", double.class)).isEqualTo(0.0025);
            assertThat(convert(true, double.class)).isEqualTo(1.0);
            assertThat(convert(new UnixTime(5), double.class)).isEqualTo(5.0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Inf", "inf", "+Inf", "Infinity", "+infinity", "INF"})
        void positiveInfinityText(String text) {
            assertThat(convert(text, double.class)).isEqualTo(Double.POSITIVE_INFINITY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-Inf", "-inf", "-Infinity"})
        void negativeInfinityText(String text) {
            assertThat(convert(text, Double.class)).isEqualTo(Double.NEGATIVE_INFINITY);
        }

        @Test
        void nanText() {
            assertThat(convert("NaN", Double.class)).isNaN();
            assertThat(convert("nan", Float.class)).isNaN();
        }

        @Test
        void badText() {
            assertThatThrownBy(() -> convert("1.5d", double.class)).hasMessage("cannot convert TEXT \"1.5d\" to double: not a number");
            assertThatThrownBy(() -> convert("0x1p3", Double.class)).hasMessageEndingWith("not a number");
            assertThatThrownBy(() -> convert("1..2", Double.class)).hasMessageEndingWith("not a number");
            assertThatThrownBy(() -> convert("", Double.class)).hasMessageEndingWith("not a number");
            assertThatThrownBy(() -> convert(new byte[0], Double.class)).hasMessage("cannot convert BLOB to java.lang.Double");
        }

        @Test
        void floats() {
            assertThat(convert(1.5, float.class)).isEqualTo(1.5f);
            assertThat(convert(Double.POSITIVE_INFINITY, Float.class)).isEqualTo(Float.POSITIVE_INFINITY);
            assertThat(convert(Double.NaN, Float.class)).isNaN();
            assertThat(convert((double) Float.MAX_VALUE, float.class)).isEqualTo(Float.MAX_VALUE);
            assertThat(convert("3.25", float.class)).isEqualTo(3.25f);
            assertThatThrownBy(() -> convert(1e300, float.class))
                    .hasMessage("cannot convert FLOAT 1.0E300 to float: out of range [-3.4028235E38, 3.4028235E38]");
        }
    }

    @Nested
    class BigTargets {
        @Test
        void bigDecimal() {
            assertThat(convert(Long.MIN_VALUE, BigDecimal.class)).isEqualTo(BigDecimal.valueOf(Long.MIN_VALUE));
            assertThat(convert(0.1, BigDecimal.class)).isEqualTo(new BigDecimal("0.1"));
            assertThat(convert(" 123456789012345678901234567890.123456789 ", BigDecimal.class))
                    .isEqualTo(new BigDecimal("123456789012345678901234567890.123456789"));
            assertThat(convert(new Iso8601("1.50"), BigDecimal.class)).isEqualTo(new BigDecimal("1.50"));
            assertThat(convert(true, BigDecimal.class)).isEqualTo(BigDecimal.ONE);
            assertThat(convert(new UnixTime(9), BigDecimal.class)).isEqualTo(BigDecimal.valueOf(9));
            assertThatThrownBy(() -> convert(Double.NaN, BigDecimal.class))
                    .hasMessage("cannot convert FLOAT NaN to java.math.BigDecimal: not a finite number");
            assertThatThrownBy(() -> convert(Double.NEGATIVE_INFINITY, BigDecimal.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> convert("12a", BigDecimal.class))
                    .hasMessage("cannot convert TEXT \"12a\" to java.math.BigDecimal: not a number");
            assertThatThrownBy(() -> convert("Infinity", BigDecimal.class)).hasMessageEndingWith("not a number");
        }

        @Test
        void bigInteger() {
            assertThat(convert(Long.MAX_VALUE, BigInteger.class)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
            assertThat(convert("123456789012345678901234567890", BigInteger.class))
                    .isEqualTo(new BigInteger("123456789012345678901234567890"));
            assertThat(convert("12.9", BigInteger.class)).isEqualTo(BigInteger.valueOf(12));
            assertThat(convert("1e20", BigInteger.class)).isEqualTo(BigInteger.TEN.pow(20));
            assertThat(convert(1e20, BigInteger.class)).isEqualTo(BigInteger.TEN.pow(20));
            assertThat(convert(-2.5, BigInteger.class)).isEqualTo(BigInteger.valueOf(-2));
            assertThat(convert(false, BigInteger.class)).isEqualTo(BigInteger.ZERO);
            assertThat(convert(new UnixTime(3), BigInteger.class)).isEqualTo(BigInteger.valueOf(3));
            assertThatThrownBy(() -> convert(Double.POSITIVE_INFINITY, BigInteger.class)).hasMessageEndingWith("not a finite number");
            assertThatThrownBy(() -> convert("1e999999999", BigInteger.class))
                    .hasMessage("cannot convert TEXT \"1e999999999\" to java.math.BigInteger: out of range at most 10000 digits");
            assertThatThrownBy(() -> convert("x", BigInteger.class)).hasMessageEndingWith("not a number");
        }
    }

    @Nested
    class BooleanTarget {
        @Test
        void fromNumbers() {
            assertThat(convert(0L, Boolean.class)).isFalse();
            assertThat(convert(1L, boolean.class)).isTrue();
            assertThat(convert(-5L, boolean.class)).isTrue();
            assertThat(convert(Long.MIN_VALUE, boolean.class)).isTrue();
            assertThat(convert(0.0, boolean.class)).isFalse();
            assertThat(convert(0.5, boolean.class)).isTrue();
            assertThat(convert(true, Boolean.class)).isTrue();
            assertThat(convert(false, boolean.class)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "TRUE", "True", " 1 ", "1"})
        void trueText(String text) {
            assertThat(convert(text, Boolean.class)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "FALSE", "0", " 0"})
        void falseText(String text) {
            assertThat(convert(text, boolean.class)).isFalse();
        }

        @Test
        void otherTextAndTypesRejected() {
            assertThatThrownBy(() -> convert("yes", Boolean.class))
                    .hasMessage("cannot convert TEXT \"yes\" to java.lang.Boolean: not a boolean (expected true, false, 1 or 0)");
            assertThatThrownBy(() -> convert("2", Boolean.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> convert(new byte[] {1}, Boolean.class)).hasMessage("cannot convert BLOB to java.lang.Boolean");
            assertThatThrownBy(() -> convert(new UnixTime(1), boolean.class)).hasMessage("cannot convert UNIXTIME to boolean");
        }
    }

    @Nested
    class BytesAndUuid {
        @Test
        void bytes() {
            byte[] blob = {1, 2, 3};
            assertThat(convert(blob, byte[].class)).isSameAs(blob);
            assertThat(convert("é", byte[].class)).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
            assertThat(convert(new Iso8601("2024"), byte[].class)).isEqualTo("2024".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> convert(1L, byte[].class)).hasMessage("cannot convert INTEGER to [B");
        }

        @Test
        void uuidFromBlobAndText() {
            UUID uuid = UUID.fromString("0123e456-89ab-cdef-0123-456789abcdef");
            byte[] blob = {0x01, 0x23, (byte) 0xe4, 0x56, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef,
                    0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef};
            assertThat(convert(blob, UUID.class)).isEqualTo(uuid);
            assertThat(convert("0123e456-89ab-cdef-0123-456789abcdef", UUID.class)).isEqualTo(uuid);
            assertThat(convert(" 0123E456-89AB-CDEF-0123-456789ABCDEF ", UUID.class)).isEqualTo(uuid);
            assertThat(convert("0123e45689abcdef0123456789abcdef", UUID.class)).isEqualTo(uuid);
            UUID random = UUID.randomUUID();
            assertThat(convert(random.toString(), UUID.class)).isEqualTo(random);
            UUID max = new UUID(-1L, -1L);
            assertThat(convert(max.toString(), UUID.class)).isEqualTo(max);
        }

        @Test
        void badUuids() {
            assertThatThrownBy(() -> convert(new byte[15], UUID.class))
                    .hasMessage("cannot convert BLOB of 15 bytes to java.util.UUID: a UUID needs exactly 16 bytes");
            assertThatThrownBy(() -> convert("1-1-1-1-1", UUID.class))
                    .hasMessage("cannot convert TEXT \"1-1-1-1-1\" to java.util.UUID:"
                            + " not a UUID (expected 36 characters with dashes or 32 hex digits)");
            assertThatThrownBy(() -> convert("0123e456-89ab-cdef-0123_456789abcdef", UUID.class))
                    .hasMessageEndingWith("not a UUID (expected '-' at index 23)");
            assertThatThrownBy(() -> convert("0123e456-89ab-cdef-0123-456789abcdeg", UUID.class))
                    .hasMessageEndingWith("not a UUID (bad hex digit at index 35)");
            assertThatThrownBy(() -> convert("0123e456-89ab-cdef-0123-456789abcde\uFF10", UUID.class))
                    .hasMessageEndingWith("not a UUID (bad hex digit at index 35)");
            assertThatThrownBy(() -> convert(1L, UUID.class)).hasMessage("cannot convert INTEGER to java.util.UUID");
        }
    }

    @Nested
    class Temporal {
        private final UnixTime unix = new UnixTime(SECONDS);

        @Test
        void fromUnixTime() {
            assertThat(convert(unix, Instant.class)).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(convert(unix, OffsetDateTime.class)).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
            assertThat(convert(unix, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            assertThat(convert(unix, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(convert(unix, LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5));
            assertThat(convert(unix, OffsetTime.class)).isEqualTo(OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC));
            assertThat(convert(unix, ZonedDateTime.class)).isEqualTo(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
            assertThat(convert(unix, java.sql.Timestamp.class)).isEqualTo(java.sql.Timestamp.valueOf("2024-01-02 03:04:05"));
            assertThat(convert(unix, java.sql.Date.class)).isEqualTo(java.sql.Date.valueOf("2024-01-02"));
            assertThat(convert(unix, java.sql.Time.class)).isEqualTo(java.sql.Time.valueOf("03:04:05"));
            assertThat(convert(unix, java.util.Date.class))
                    .isExactlyInstanceOf(java.util.Date.class)
                    .isEqualTo(java.util.Date.from(Instant.parse("2024-01-02T03:04:05Z")));
        }

        @Test
        void plainIntegerIsUnixSecondsToo() {
            assertThat(convert(SECONDS, Instant.class)).isEqualTo(Instant.ofEpochSecond(SECONDS));
            assertThat(convert(SECONDS, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
        }

        @Test
        void fromIso8601AndText() {
            for (Object raw : new Object[] {new Iso8601("2024-01-02 03:04:05.5+02:00"), "2024-01-02 03:04:05.5+02:00"}) {
                OffsetDateTime odt = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000, ZoneOffset.ofHours(2));
                assertThat(convert(raw, OffsetDateTime.class)).isEqualTo(odt);
                assertThat(convert(raw, Instant.class)).isEqualTo(odt.toInstant());
                assertThat(convert(raw, ZonedDateTime.class)).isEqualTo(odt.toZonedDateTime());
                assertThat(convert(raw, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 1, 4, 5, 500_000_000));
                assertThat(convert(raw, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
                assertThat(convert(raw, LocalTime.class)).isEqualTo(LocalTime.of(1, 4, 5, 500_000_000));
                assertThat(convert(raw, OffsetTime.class)).isEqualTo(OffsetTime.of(3, 4, 5, 500_000_000, ZoneOffset.ofHours(2)));
                assertThat(convert(raw, java.sql.Timestamp.class)).isEqualTo(java.sql.Timestamp.valueOf("2024-01-02 01:04:05.5"));
                assertThat(convert(raw, java.sql.Date.class)).isEqualTo(java.sql.Date.valueOf("2024-01-02"));
                assertThat(convert(raw, java.sql.Time.class)).isEqualTo(java.sql.Time.valueOf("01:04:05"));
                assertThat(convert(raw, java.util.Date.class)).isEqualTo(java.util.Date.from(odt.toInstant()));
            }
        }

        @Test
        void dateOnlyAndTimeOnly() {
            Iso8601 date = new Iso8601("2024-01-02");
            assertThat(convert(date, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
            assertThat(convert(date, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(convert(date, java.sql.Date.class)).isEqualTo(java.sql.Date.valueOf("2024-01-02"));
            Iso8601 time = new Iso8601("03:04:05");
            assertThat(convert(time, LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5));
            assertThatThrownBy(() -> convert(time, LocalDateTime.class))
                    .hasMessage("cannot parse \"03:04:05\" as LocalDateTime: it holds a time of day but no date");
        }

        @Test
        void jooqTimestampTextRoundTrip() {
            // jOOQ binds Timestamp.toString() and expects it back through getObject or getString.
            java.sql.Timestamp ts = java.sql.Timestamp.valueOf("2020-01-02 03:04:05.006");
            assertThat(convert(new Iso8601(ts.toString()), java.sql.Timestamp.class)).isEqualTo(ts);
            assertThat(convert(new Iso8601(Temporals.format(ts)), java.sql.Timestamp.class)).isEqualTo(ts);
        }

        @Test
        void badTextAndUnsupportedKinds() {
            assertThatThrownBy(() -> convert(new Iso8601("yesterday"), Instant.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot parse \"yesterday\" as Instant: ");
            assertThatThrownBy(() -> convert(1.5, Instant.class)).hasMessage("cannot convert FLOAT to java.time.Instant");
            assertThatThrownBy(() -> convert(true, LocalDate.class)).hasMessage("cannot convert BOOLEAN to java.time.LocalDate");
            assertThatThrownBy(() -> convert(new byte[1], java.sql.Timestamp.class)).hasMessage("cannot convert BLOB to java.sql.Timestamp");
            assertThatThrownBy(() -> convert(new UnixTime(Long.MAX_VALUE), Instant.class))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> convert(new UnixTime(Long.MAX_VALUE), java.util.Date.class))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void roundTripThroughFormat() {
            LocalDateTime ldt = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_400_000);
            assertThat(convert(new Iso8601(Temporals.format(ldt)), LocalDateTime.class)).isEqualTo(ldt);
            OffsetDateTime odt = OffsetDateTime.of(ldt, ZoneOffset.ofHoursMinutes(-3, -30));
            assertThat(convert(new Iso8601(Temporals.format(odt)), OffsetDateTime.class)).isEqualTo(odt);
            Instant instant = odt.toInstant();
            assertThat(convert(Temporals.format(instant), Instant.class)).isEqualTo(instant);
            LocalDate ld = LocalDate.of(1, 2, 3);
            assertThat(convert(Temporals.format(ld), LocalDate.class)).isEqualTo(ld);
            LocalTime lt = LocalTime.of(23, 59, 59, 1);
            assertThat(convert(Temporals.format(lt), LocalTime.class)).isEqualTo(lt);
            OffsetTime ot = OffsetTime.of(lt, ZoneOffset.ofHours(-7));
            assertThat(convert(Temporals.format(ot), OffsetTime.class)).isEqualTo(ot);
            java.util.Date date = new java.util.Date(1_700_000_000_123L);
            assertThat(convert(Temporals.format(date), java.util.Date.class)).isEqualTo(date);
        }
    }

    @Nested
    class NaturalAndOtherTargets {
        @Test
        void objectGivesNaturalValue() {
            byte[] blob = {1};
            assertThat(convert(5L, Object.class)).isEqualTo(5L);
            assertThat(convert(1.5, Object.class)).isEqualTo(1.5);
            assertThat(convert("s", Object.class)).isEqualTo("s");
            assertThat(convert(blob, Object.class)).isSameAs(blob);
            assertThat(convert(true, Object.class)).isEqualTo(true);
            assertThat(convert(new Iso8601("2024-01-02"), Object.class)).isEqualTo("2024-01-02");
            assertThat(convert(new UnixTime(SECONDS), Object.class)).isEqualTo(SECONDS);
        }

        @Test
        void number() {
            assertThat(convert(5L, Number.class)).isEqualTo(5L);
            assertThat(convert(1.5, Number.class)).isEqualTo(1.5);
            assertThat(convert(" 42 ", Number.class)).isEqualTo(42L);
            assertThat(convert("4.5", Number.class)).isEqualTo(4.5);
            assertThat(convert("99999999999999999999", Number.class)).isEqualTo(1e20);
            assertThat(convert("-Inf", Number.class)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(convert(true, Number.class)).isEqualTo(1L);
            assertThat(convert(new UnixTime(7), Number.class)).isEqualTo(7L);
            assertThatThrownBy(() -> convert("four", Number.class))
                    .hasMessage("cannot convert TEXT \"four\" to java.lang.Number: not a number");
            assertThatThrownBy(() -> convert(new byte[0], Number.class)).hasMessage("cannot convert BLOB to java.lang.Number");
        }

        @Test
        void supertypesOfTheNaturalValue() {
            assertThat(convert("s", CharSequence.class)).isEqualTo("s");
            assertThat(convert(new Iso8601("2024-01-02"), CharSequence.class)).isEqualTo("2024-01-02");
            assertThat(convert(5L, Comparable.class)).isEqualTo(5L);
            assertThat(convert(5L, Serializable.class)).isEqualTo(5L);
            Iso8601 iso = new Iso8601("x");
            assertThat(convert(iso, Iso8601.class)).isSameAs(iso);
            assertThat(convert(new UnixTime(1), UnixTime.class)).isEqualTo(new UnixTime(1));
        }

        @Test
        void unsupportedTarget() {
            assertThatThrownBy(() -> convert("a", List.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot convert TEXT to java.util.List");
            assertThatThrownBy(() -> convert(1L, Character.class)).hasMessage("cannot convert INTEGER to java.lang.Character");
        }

        @Test
        void unknownRawType() {
            assertThatThrownBy(() -> convert(LocalDate.now(), String.class))
                    .hasMessage("not a raw dqlite value: java.time.LocalDate");
        }

        @Test
        void longTextIsQuotedUpTo200Characters() {
            String text = "9".repeat(300) + "x";
            assertThatThrownBy(() -> convert(text, long.class))
                    .hasMessage("cannot convert TEXT \"" + "9".repeat(200) + "\"... (301 characters) to long: not a number");
        }
    }

    @Nested
    class RawFromWire {
        @Test
        void rawFromTypeCodes() {
            assertThat(ValueConversions.raw(1, -5, null)).isEqualTo(-5L);
            assertThat(ValueConversions.raw(2, Double.doubleToRawLongBits(Double.NaN), null)).isEqualTo(Double.NaN);
            assertThat(ValueConversions.raw(2, Double.doubleToLongBits(-2.5), null)).isEqualTo(-2.5);
            assertThat(ValueConversions.raw(3, 0, "t")).isEqualTo("t");
            assertThat(ValueConversions.raw(3, 0, "")).isEqualTo("");
            byte[] blob = {};
            assertThat(ValueConversions.raw(4, 0, blob)).isSameAs(blob);
            assertThat(ValueConversions.raw(5, 0, null)).isNull();
            assertThat(ValueConversions.raw(9, SECONDS, null)).isEqualTo(new UnixTime(SECONDS));
            assertThat(ValueConversions.raw(10, 0, "2024-01-02")).isEqualTo(new Iso8601("2024-01-02"));
            assertThat(ValueConversions.raw(10, 0, "")).isNull();
            assertThat(ValueConversions.raw(11, 0, null)).isEqualTo(false);
            assertThat(ValueConversions.raw(11, 2, null)).isEqualTo(true);
        }

        @Test
        void badTypeCodesAndPayloads() {
            assertThatThrownBy(() -> ValueConversions.raw(6, 0, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown value type code 6");
            assertThatThrownBy(() -> ValueConversions.raw(3, 0, new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("payload [B does not fit value type TEXT");
            assertThatThrownBy(() -> ValueConversions.raw(4, 0, null))
                    .hasMessage("payload null does not fit value type BLOB");
        }

        @Test
        void rawFromDecodedRowBatch() {
            // One row of [INTEGER, TEXT, FLOAT, BLOB, BOOLEAN, ISO8601, UNIXTIME, NULL, ISO8601 ""].
            ByteBuf body = Unpooled.buffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            String[] names = {"i", "t", "f", "b", "z", "d", "u", "n", "e"};
            body.writeLongLE(names.length);
            for (String name : names) {
                writeText(body, name);
            }
            body.writeBytes(new byte[] {0x31, 0x42, (byte) 0xab, 0x59, 0x0a, 0, 0, 0});
            body.writeLongLE(-7);
            writeText(body, "héllo");
            body.writeLongLE(Double.doubleToLongBits(1.25));
            body.writeLongLE(3);
            body.writeBytes(new byte[] {1, 2, 3, 0, 0, 0, 0, 0});
            body.writeLongLE(1);
            writeText(body, "2024-01-02 03:04:05");
            body.writeLongLE(SECONDS);
            body.writeLongLE(0);
            writeText(body, "");
            body.writeLongLE(-1L); // DONE
            ByteBuf frame = Unpooled.buffer();
            frame.writeIntLE(body.readableBytes() / 8);
            frame.writeByte(7); // ROWS
            frame.writeByte(0);
            frame.writeShortLE(0);
            frame.writeBytes(body);
            RowBatch batch = ((Response.Rows) WireCodec.decode(frame)).batch();

            assertThat(ValueConversions.raw(batch, 0, 0)).isEqualTo(-7L);
            assertThat(ValueConversions.raw(batch, 0, 1)).isEqualTo("héllo");
            assertThat(ValueConversions.raw(batch, 0, 2)).isEqualTo(1.25);
            assertThat((byte[]) ValueConversions.raw(batch, 0, 3)).containsExactly(1, 2, 3);
            assertThat(ValueConversions.raw(batch, 0, 4)).isEqualTo(true);
            assertThat(ValueConversions.raw(batch, 0, 5)).isEqualTo(new Iso8601("2024-01-02 03:04:05"));
            assertThat(ValueConversions.raw(batch, 0, 6)).isEqualTo(new UnixTime(SECONDS));
            assertThat(ValueConversions.raw(batch, 0, 7)).isNull();
            assertThat(ValueConversions.raw(batch, 0, 8)).isNull();
            assertThat(convert(ValueConversions.raw(batch, 0, 6), LocalDateTime.class))
                    .isEqualTo(convert(ValueConversions.raw(batch, 0, 5), LocalDateTime.class));
            assertThatThrownBy(() -> ValueConversions.raw(batch, 1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        private void writeText(ByteBuf buf, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            buf.writeBytes(bytes);
            int padded = (bytes.length + 1 + 7) / 8 * 8;
            buf.writeZero(padded - bytes.length);
        }
    }

    @Nested
    class EveryTargetFromEveryKind {
        static Stream<Arguments> rawValues() {
            return Stream.of(Arguments.of(1L), Arguments.of(1.0), Arguments.of("1"), Arguments.of((Object) new byte[16]),
                    Arguments.of(true), Arguments.of(new UnixTime(1)), Arguments.of(new Iso8601("1970-01-01")));
        }

        @ParameterizedTest
        @MethodSource("rawValues")
        void eitherConvertsToTheTargetOrFailsWithIllegalArgument(Object raw) {
            allTargets().forEach(target -> {
                try {
                    Object value = convert(raw, target);
                    assertThat(value).as("%s -> %s", raw, target).isNotNull();
                    Class<?> boxed = target.isPrimitive() ? box(target) : target;
                    assertThat(boxed.isInstance(value)).as("%s -> %s gave %s", raw, target, value.getClass()).isTrue();
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).startsWith("cannot ");
                }
            });
        }

        private Class<?> box(Class<?> primitive) {
            return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
        }
    }
}
