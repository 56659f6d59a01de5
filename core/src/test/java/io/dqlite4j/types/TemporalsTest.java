package io.dqlite4j.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemporalsTest {

    private static final ZoneOffset PLUS_2 = ZoneOffset.ofHours(2);

    @Nested
    class Parsing {
        @Test
        void dateOnly() {
            assertThat(Temporals.toLocalDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(Temporals.toLocalDateTime("2024-02-29")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
            assertThat(Temporals.toOffsetDateTime("2024-02-29"))
                    .isEqualTo(OffsetDateTime.of(2024, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC));
            assertThat(Temporals.toInstant("1970-01-02")).isEqualTo(Instant.ofEpochSecond(86_400));
            assertThat(Temporals.toLocalTime("2024-02-29")).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(Temporals.toOffsetTime("2024-02-29")).isEqualTo(OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.UTC));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-01-02 03:04", "2024-01-02T03:04", "2024-01-02t03:04", "2024-01-02 03:04:00",
                "2024-01-02T03:04:00.000", "  2024-01-02 03:04:00  ", "2024-01-02 03:04:00Z", "2024-01-02 03:04z",
                "2024-01-02 03:04:00+00:00", "2024-01-02 03:04:00-00:00", "2024-01-02 03:04:00+0000", "2024-01-02 03:04:00+00"})
        void separatorsSecondsAndUtcForms(String text) {
            assertThat(Temporals.toLocalDateTime(text)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4));
            assertThat(Temporals.toInstant(text)).isEqualTo(Instant.parse("2024-01-02T03:04:00Z"));
            assertThat(Temporals.toOffsetDateTime(text).getOffset()).isEqualTo(ZoneOffset.UTC);
        }

        @ParameterizedTest
        @CsvSource({
                "2024-01-02 03:04:05.1, 100000000",
                "2024-01-02 03:04:05.12, 120000000",
                "2024-01-02 03:04:05.123, 123000000",
                "2024-01-02 03:04:05.1234, 123400000",
                "2024-01-02 03:04:05.12345, 123450000",
                "2024-01-02 03:04:05.123456, 123456000",
                "2024-01-02 03:04:05.1234567, 123456700",
                "2024-01-02 03:04:05.12345678, 123456780",
                "2024-01-02 03:04:05.123456789, 123456789",
                "2024-01-02 03:04:05.000000001, 1",
                "2024-01-02 03:04:05.0, 0"})
        void fractionsOfOneToNineDigits(String text, int nanos) {
            assertThat(Temporals.toLocalDateTime(text)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, nanos));
            assertThat(Temporals.toLocalTime(text.substring(11))).isEqualTo(LocalTime.of(3, 4, 5, nanos));
        }

        @ParameterizedTest
        @CsvSource({
                "2024-01-02 03:04:05+02:00, 7200",
                "2024-01-02 03:04:05+0200, 7200",
                "2024-01-02 03:04:05+02, 7200",
                "2024-01-02 03:04:05-05:30, -19800",
                "2024-01-02 03:04:05-0530, -19800",
                "2024-01-02T03:04:05.5+05:45, 20700",
                "2024-01-02 03:04:05+18:00, 64800",
                "2024-01-02 03:04:05-18:00, -64800",
                "2024-01-02 03:04:05+01:00:30, 3630",
                "2024-01-02 03:04:05+010030, 3630"})
        void offsets(String text, int seconds) {
            OffsetDateTime value = Temporals.toOffsetDateTime(text);
            assertThat(value.getOffset().getTotalSeconds()).isEqualTo(seconds);
            assertThat(value.toLocalDateTime().withNano(0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            assertThat(Temporals.toInstant(text)).isEqualTo(value.toInstant());
            assertThat(Temporals.toZonedDateTime(text)).isEqualTo(value.toZonedDateTime());
        }

        @Test
        void awareTextBecomesUtcForLocalTypes() {
            String text = "2024-01-01 01:30:00+02:00";
            assertThat(Temporals.toLocalDateTime(text)).isEqualTo(LocalDateTime.of(2023, 12, 31, 23, 30));
            assertThat(Temporals.toLocalDate(text)).isEqualTo(LocalDate.of(2023, 12, 31));
            assertThat(Temporals.toLocalTime(text)).isEqualTo(LocalTime.of(23, 30));
            assertThat(Temporals.toOffsetTime(text)).isEqualTo(OffsetTime.of(1, 30, 0, 0, PLUS_2));
            assertThat(Temporals.toLocalDateTime("2024-12-31 23:30:00-01:00")).isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 30));
        }

        @Test
        void naiveTextIsUtc() {
            assertThat(Temporals.toInstant("2024-01-02 03:04:05")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(Temporals.toZonedDateTime("2024-01-02 03:04:05").getZone()).isEqualTo(ZoneOffset.UTC);
        }

        @Test
        void naiveTextDoesNotDependOnJvmZone() {
            TimeZone saved = TimeZone.getDefault();
            try {
                TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
                assertThat(Temporals.toInstant("2024-01-02 03:04:05")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            } finally {
                TimeZone.setDefault(saved);
            }
        }

        @Test
        void timeOnly() {
            assertThat(Temporals.toLocalTime("03:04")).isEqualTo(LocalTime.of(3, 4));
            assertThat(Temporals.toLocalTime("03:04:05")).isEqualTo(LocalTime.of(3, 4, 5));
            assertThat(Temporals.toLocalTime("23:59:59.999999999")).isEqualTo(LocalTime.MAX);
            assertThat(Temporals.toOffsetTime("03:04:05")).isEqualTo(OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC));
            assertThat(Temporals.toOffsetTime("03:04:05+02:00")).isEqualTo(OffsetTime.of(3, 4, 5, 0, PLUS_2));
            // A zone shifts a plain time to UTC, wrapping around midnight.
            assertThat(Temporals.toLocalTime("01:00+02:00")).isEqualTo(LocalTime.of(23, 0));
            assertThat(Temporals.toLocalTime("23:00-02:00")).isEqualTo(LocalTime.of(1, 0));
        }

        @Test
        void calendarEdges() {
            assertThat(Temporals.toLocalDate("0000-01-01")).isEqualTo(LocalDate.of(0, 1, 1));
            assertThat(Temporals.toLocalDate("9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
            assertThat(Temporals.toLocalDate("2000-02-29")).isEqualTo(LocalDate.of(2000, 2, 29));
            assertThat(Temporals.toLocalDateTime("0000-01-01 00:30+01:00")).isEqualTo(LocalDateTime.of(-1, 12, 31, 23, 30));
            assertThat(Temporals.toInstant("0000-01-01 00:00:00")).isEqualTo(Instant.ofEpochSecond(-62_167_219_200L));
            assertThat(Temporals.toInstant("9999-12-31 23:59:59")).isEqualTo(Instant.ofEpochSecond(253_402_300_799L));
        }

        @Test
        void nullGivesNull() {
            assertThat(Temporals.toOffsetDateTime(null)).isNull();
            assertThat(Temporals.toZonedDateTime(null)).isNull();
            assertThat(Temporals.toLocalDateTime(null)).isNull();
            assertThat(Temporals.toLocalDate(null)).isNull();
            assertThat(Temporals.toLocalTime(null)).isNull();
            assertThat(Temporals.toOffsetTime(null)).isNull();
            assertThat(Temporals.toInstant(null)).isNull();
        }
    }

    @Nested
    class BadText {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "''| the text is empty",
                "'   '| the text is empty",
                "2024| text ends where '-' should be",
                "24-01-02| expected a digit of the year at index 2, found '-'",
                "2024/01/02| expected '-' at index 4, found '/'",
                "2024-1-02| expected a digit of the month at index 6, found '-'",
                "2024-01-2| text ends where the day (2 digits) should be",
                "2024-13-01| month 13 is not in 1-12",
                "2024-00-01| month 0 is not in 1-12",
                "2023-02-29| day 29 is not in 1-28 for that month",
                "1900-02-29| day 29 is not in 1-28 for that month",
                "2024-04-31| day 31 is not in 1-30 for that month",
                "2024-01-00| day 0 is not in 1-31 for that month",
                "2024-01-02X03:04| expected 'T' or a space after the date at index 10, found 'X'",
                "2024-01-02 3:04| expected a digit of the hour at index 12, found ':'",
                "2024-01-02 24:00| hour 24 is not in 0-23",
                "2024-01-02 03:60| minute 60 is not in 0-59",
                "2024-01-02 03:04:60| second 60 is not in 0-59",
                "2024-01-02 03:04:05.| expected fraction digits after '.' at index 20",
                "2024-01-02 03:04:05.1234567890| more than 9 fraction digits at index 29",
                "2024-01-02 03:04:05,5| unexpected ',' at index 19 (expected a zone: Z, +HH:MM or -HH:MM)",
                "2024-01-02 03:04.5| unexpected '.' at index 16 (expected a zone: Z, +HH:MM or -HH:MM)",
                "2024-01-02 03:04:05 +02:00| unexpected ' ' at index 19 (expected a zone: Z, +HH:MM or -HH:MM)",
                "2024-01-02 03:04:05+2| text ends where the zone hours (2 digits) should be",
                "2024-01-02 03:04:05+19:00| zone offset is beyond +/-18:00",
                "2024-01-02 03:04:05+18:01| zone offset is beyond +/-18:00",
                "2024-01-02 03:04:05+02:60| zone minutes and seconds must be in 0-59",
                "2024-01-02 03:04:05+02:0| text ends where the zone minutes (2 digits) should be",
                "2024-01-02 03:04:05+02:00[Europe/Paris]| unexpected '[' at index 25",
                "2024-01-02 03:04:05Zjunk| unexpected 'j' at index 20",
                "2024-01-02 03:04:05UTC| unexpected 'U' at index 19 (expected a zone: Z, +HH:MM or -HH:MM)",
                "-2024-01-02| expected a digit of the year at index 0, found '-'",
                "12024-01-02| expected '-' at index 4, found '4'",
                "1700000000| expected '-' at index 4, found '0'",
                "garbage| expected a digit of the year at index 0, found 'g'"})
        void preciseMessages(String text, String reason) {
            assertThatThrownBy(() -> Temporals.toLocalDateTime(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot parse \"" + text + "\" as LocalDateTime: " + reason);
        }

        @Test
        void timeOnlyHasNoDate() {
            assertThatThrownBy(() -> Temporals.toOffsetDateTime("03:04:05"))
                    .hasMessage("cannot parse \"03:04:05\" as OffsetDateTime: it holds a time of day but no date");
            assertThatThrownBy(() -> Temporals.toInstant("03:04")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Temporals.toLocalDate("03:04")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Temporals.toLocalDateTime("03:04")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void badTimeOnly() {
            assertThatThrownBy(() -> Temporals.toLocalTime("03:4"))
                    .hasMessage("cannot parse \"03:4\" as LocalTime: text ends where the minute (2 digits) should be");
            assertThatThrownBy(() -> Temporals.toLocalTime("25:00"))
                    .hasMessage("cannot parse \"25:00\" as LocalTime: hour 25 is not in 0-23");
        }

        @Test
        void longTextIsQuotedUpTo200Characters() {
            String text = "x".repeat(500);
            assertThatThrownBy(() -> Temporals.toInstant(text))
                    .hasMessageStartingWith("cannot parse \"" + "x".repeat(200) + "\"... (500 characters) as Instant: ")
                    .hasMessageNotContaining("x".repeat(201));
        }
    }

    @Nested
    class UnixSeconds {
        @Test
        void conversions() {
            long s = 1_704_164_645L; // 2024-01-02T03:04:05Z
            assertThat(Temporals.fromUnixSeconds(s)).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(Temporals.unixSecondsToOffsetDateTime(s))
                    .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
            assertThat(Temporals.unixSecondsToLocalDateTime(s)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            assertThat(Temporals.unixSecondsToLocalDate(s)).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(Temporals.unixSecondsToLocalTime(s)).isEqualTo(LocalTime.of(3, 4, 5));
            assertThat(Temporals.unixSecondsToOffsetTime(s)).isEqualTo(OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC));
        }

        @Test
        void beforeEpoch() {
            assertThat(Temporals.unixSecondsToLocalDateTime(-1)).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59));
            assertThat(Temporals.unixSecondsToLocalDate(-1)).isEqualTo(LocalDate.of(1969, 12, 31));
            assertThat(Temporals.unixSecondsToLocalTime(-1)).isEqualTo(LocalTime.of(23, 59, 59));
            assertThat(Temporals.unixSecondsToLocalDate(-86_400)).isEqualTo(LocalDate.of(1969, 12, 31));
            assertThat(Temporals.unixSecondsToLocalDate(-86_401)).isEqualTo(LocalDate.of(1969, 12, 30));
        }

        @Test
        void extremes() {
            assertThat(Temporals.unixSecondsToLocalTime(Long.MIN_VALUE)).isNotNull();
            assertThat(Temporals.unixSecondsToLocalTime(Long.MAX_VALUE)).isNotNull();
            assertThatThrownBy(() -> Temporals.fromUnixSeconds(Long.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Unix time 9223372036854775807 s is outside the range of Instant");
            assertThatThrownBy(() -> Temporals.unixSecondsToLocalDateTime(Long.MIN_VALUE))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Temporals.unixSecondsToOffsetDateTime(Long.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Temporals.unixSecondsToLocalDate(Long.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Formatting {
        @Test
        void localDateTime() {
            assertThat(Temporals.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02 03:04:05");
            assertThat(Temporals.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000))).isEqualTo("2024-01-02 03:04:05.5");
            assertThat(Temporals.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000))).isEqualTo("2024-01-02 03:04:05.12");
            assertThat(Temporals.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789))).isEqualTo("2024-01-02 03:04:05.123456789");
            assertThat(Temporals.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 1))).isEqualTo("2024-01-02 03:04:05.000000001");
            assertThat(Temporals.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 1_000))).isEqualTo("2024-01-02 03:04:05.000001");
            assertThat(Temporals.format(LocalDateTime.of(0, 1, 1, 0, 0))).isEqualTo("0000-01-01 00:00:00");
            assertThat(Temporals.format(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999)))
                    .isEqualTo("9999-12-31 23:59:59.999999999");
            assertThat(Temporals.format(LocalDateTime.of(987, 6, 5, 4, 3, 2))).isEqualTo("0987-06-05 04:03:02");
        }

        @Test
        void offsetDateTime() {
            assertThat(Temporals.format(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))).isEqualTo("2024-01-02 03:04:05+00:00");
            assertThat(Temporals.format(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000, PLUS_2)))
                    .isEqualTo("2024-01-02 03:04:05.5+02:00");
            assertThat(Temporals.format(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30))))
                    .isEqualTo("2024-01-02 03:04:05-05:30");
            assertThat(Temporals.format(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofTotalSeconds(3630))))
                    .isEqualTo("2024-01-02 03:04:05+01:00:30");
            assertThat(Temporals.format(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.MIN)))
                    .isEqualTo("2024-01-02 03:04:05.123456789-18:00");
        }

        @Test
        void zonedDateTimeUsesItsOffset() {
            ZonedDateTime paris = ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));
            assertThat(Temporals.format(paris)).isEqualTo("2024-07-01 12:00:00+02:00");
        }

        @Test
        void instantIsUtc() {
            assertThat(Temporals.format(Instant.parse("2024-01-02T03:04:05.25Z"))).isEqualTo("2024-01-02 03:04:05.25+00:00");
            assertThat(Temporals.format(Instant.EPOCH)).isEqualTo("1970-01-01 00:00:00+00:00");
        }

        @Test
        void dateAndTimes() {
            assertThat(Temporals.format(LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
            assertThat(Temporals.format(LocalTime.of(3, 4))).isEqualTo("03:04:00");
            assertThat(Temporals.format(LocalTime.of(3, 4, 5, 10_000_000))).isEqualTo("03:04:05.01");
            assertThat(Temporals.format(LocalTime.MAX)).isEqualTo("23:59:59.999999999");
            assertThat(Temporals.format(OffsetTime.of(3, 4, 5, 0, PLUS_2))).isEqualTo("03:04:05+02:00");
            assertThat(Temporals.format(OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC))).isEqualTo("03:04:05+00:00");
        }

        @Test
        void legacyTypes() {
            java.sql.Timestamp ts = java.sql.Timestamp.valueOf("2020-01-02 03:04:05.006");
            assertThat(Temporals.format(ts)).isEqualTo("2020-01-02 03:04:05.006");
            assertThat(Temporals.format(java.sql.Timestamp.valueOf("2020-01-02 03:04:05"))).isEqualTo("2020-01-02 03:04:05");
            assertThat(Temporals.format(java.sql.Date.valueOf("2020-01-02"))).isEqualTo("2020-01-02");
            assertThat(Temporals.format(java.sql.Time.valueOf("03:04:05"))).isEqualTo("03:04:05");
            java.util.Date date = java.util.Date.from(Instant.parse("2024-01-02T03:04:05.123Z"));
            assertThat(Temporals.format(date)).isEqualTo("2024-01-02 03:04:05.123+00:00");
        }

        @Test
        void utilDateDispatchesOnRuntimeType() {
            java.util.Date ts = java.sql.Timestamp.valueOf("2020-01-02 03:04:05");
            java.util.Date day = java.sql.Date.valueOf("2020-01-02");
            java.util.Date time = java.sql.Time.valueOf("03:04:05");
            assertThat(Temporals.format(ts)).isEqualTo("2020-01-02 03:04:05");
            assertThat(Temporals.format(day)).isEqualTo("2020-01-02");
            assertThat(Temporals.format(time)).isEqualTo("03:04:05");
        }

        @Test
        void timestampRoundTripsThroughJooqStyleReadingInAnyZone() {
            TimeZone saved = TimeZone.getDefault();
            try {
                for (String zone : new String[] {"UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"}) {
                    TimeZone.setDefault(TimeZone.getTimeZone(zone));
                    java.sql.Timestamp ts = java.sql.Timestamp.valueOf("2021-03-14 02:30:00.123456");
                    // jOOQ reads TIMESTAMP with Timestamp.valueOf(getString().replace('T', ' ')).
                    assertThat(java.sql.Timestamp.valueOf(Temporals.format(ts))).isEqualTo(ts);
                }
            } finally {
                TimeZone.setDefault(saved);
            }
        }

        @Test
        void formatTemporalDispatches() {
            assertThat(Temporals.formatTemporal(null)).isNull();
            assertThat(Temporals.formatTemporal(LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
            assertThat(Temporals.formatTemporal(LocalDateTime.of(2024, 1, 2, 3, 4))).isEqualTo("2024-01-02 03:04:00");
            assertThat(Temporals.formatTemporal(LocalTime.of(3, 4))).isEqualTo("03:04:00");
            assertThat(Temporals.formatTemporal(Instant.EPOCH)).isEqualTo("1970-01-01 00:00:00+00:00");
            assertThat(Temporals.formatTemporal(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, PLUS_2))).isEqualTo("2024-01-02 03:04:00+02:00");
            assertThat(Temporals.formatTemporal(ZonedDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC))).isEqualTo("2024-01-02 03:04:00+00:00");
            assertThat(Temporals.formatTemporal(OffsetTime.of(3, 4, 0, 0, PLUS_2))).isEqualTo("03:04:00+02:00");
            assertThat(Temporals.formatTemporal(java.sql.Date.valueOf("2024-01-02"))).isEqualTo("2024-01-02");
            assertThatThrownBy(() -> Temporals.formatTemporal("2024-01-02"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot format java.lang.String as date/time text");
        }

        @Test
        void nullGivesNull() {
            assertThat(Temporals.format((LocalDateTime) null)).isNull();
            assertThat(Temporals.format((OffsetDateTime) null)).isNull();
            assertThat(Temporals.format((ZonedDateTime) null)).isNull();
            assertThat(Temporals.format((Instant) null)).isNull();
            assertThat(Temporals.format((LocalDate) null)).isNull();
            assertThat(Temporals.format((LocalTime) null)).isNull();
            assertThat(Temporals.format((OffsetTime) null)).isNull();
            assertThat(Temporals.format((java.sql.Timestamp) null)).isNull();
            assertThat(Temporals.format((java.sql.Date) null)).isNull();
            assertThat(Temporals.format((java.sql.Time) null)).isNull();
            assertThat(Temporals.format((java.util.Date) null)).isNull();
        }

        @Test
        void yearsOutside0000To9999AreRejected() {
            assertThatThrownBy(() -> Temporals.format(LocalDate.of(10_000, 1, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot format +10000-01-01: year 10000 is outside 0000-9999, which text dates cannot hold");
            assertThatThrownBy(() -> Temporals.format(LocalDateTime.of(-1, 12, 31, 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Temporals.format(OffsetDateTime.MAX)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Temporals.format(Instant.MAX))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside 0000-9999");
            assertThatThrownBy(() -> Temporals.format(Instant.ofEpochSecond(253_402_300_800L)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Temporals.format(Instant.ofEpochSecond(-62_167_219_201L)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Temporals.format(Instant.ofEpochSecond(253_402_300_799L))).isEqualTo("9999-12-31 23:59:59+00:00");
            assertThat(Temporals.format(Instant.ofEpochSecond(-62_167_219_200L))).isEqualTo("0000-01-01 00:00:00+00:00");
        }
    }

    @Nested
    class RoundTrips {
        private final Random random = new Random(20240102);

        private LocalDateTime randomLocalDateTime() {
            long min = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
            long max = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
        }

        private ZoneOffset randomOffset() {
            return ZoneOffset.ofTotalSeconds((random.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15 * 60);
        }

        @Test
        void localDateTime() {
            for (int i = 0; i < 2000; i++) {
                LocalDateTime value = randomLocalDateTime();
                assertThat(Temporals.toLocalDateTime(Temporals.format(value))).isEqualTo(value);
            }
        }

        @Test
        void offsetDateTimeKeepsOffset() {
            for (int i = 0; i < 2000; i++) {
                OffsetDateTime value = OffsetDateTime.of(randomLocalDateTime(), randomOffset());
                assertThat(Temporals.toOffsetDateTime(Temporals.format(value))).isEqualTo(value);
                assertThat(Temporals.toInstant(Temporals.format(value))).isEqualTo(value.toInstant());
            }
        }

        @Test
        void offsetWithSecondsRoundTrips() {
            OffsetDateTime value = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6, ZoneOffset.ofTotalSeconds(-3661));
            assertThat(Temporals.toOffsetDateTime(Temporals.format(value))).isEqualTo(value);
        }

        @Test
        void instant() {
            for (int i = 0; i < 2000; i++) {
                Instant value = randomLocalDateTime().toInstant(ZoneOffset.UTC);
                assertThat(Temporals.toInstant(Temporals.format(value))).isEqualTo(value);
            }
        }

        @Test
        void zonedDateTimeKeepsTheInstant() {
            ZonedDateTime value = ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Berlin"));
            ZonedDateTime back = Temporals.toZonedDateTime(Temporals.format(value));
            assertThat(back.toInstant()).isEqualTo(value.toInstant());
            assertThat(back.getOffset()).isEqualTo(value.getOffset());
        }

        @Test
        void localDate() {
            for (int i = 0; i < 2000; i++) {
                LocalDate value = randomLocalDateTime().toLocalDate();
                assertThat(Temporals.toLocalDate(Temporals.format(value))).isEqualTo(value);
            }
        }

        @Test
        void localTimeAndOffsetTime() {
            for (int i = 0; i < 2000; i++) {
                LocalTime value = randomLocalDateTime().toLocalTime();
                assertThat(Temporals.toLocalTime(Temporals.format(value))).isEqualTo(value);
                OffsetTime offsetTime = OffsetTime.of(value, randomOffset());
                assertThat(Temporals.toOffsetTime(Temporals.format(offsetTime))).isEqualTo(offsetTime);
            }
        }

        @Test
        void javaToStringFormsParse() {
            // What applications and other drivers put in the database.
            OffsetDateTime odt = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000, PLUS_2);
            assertThat(Temporals.toOffsetDateTime(odt.toString())).isEqualTo(odt);
            LocalDateTime ldt = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000);
            assertThat(Temporals.toLocalDateTime(ldt.toString())).isEqualTo(ldt);
            Instant instant = Instant.parse("2024-01-02T03:04:05.123456Z");
            assertThat(Temporals.toInstant(instant.toString())).isEqualTo(instant);
            assertThat(Temporals.toLocalDateTime("2020-01-02 03:04:05.0")).isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4, 5));
            // go-dqlite's bind format.
            assertThat(Temporals.toOffsetDateTime("2024-01-02 03:04:05.123456789+00:00"))
                    .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.UTC));
        }
    }
}
