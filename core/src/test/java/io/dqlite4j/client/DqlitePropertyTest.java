package io.dqlite4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DqlitePropertyTest {

    /** Asserts the three things every value error must name: key, value and allowed range. */
    private static void rejects(DqliteProperty p, String raw, String problem) {
        assertThatThrownBy(() -> p.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + p.key() + "'")
                .hasMessageContaining("'" + raw + "'")
                .hasMessageContaining(p.allowedValues())
                .hasMessageContaining(problem);
    }

    @Nested
    class Metadata {

        @Test
        void keysAreTheDocumentedOnes() {
            assertThat(Arrays.stream(DqliteProperty.values()).map(DqliteProperty::key)).containsExactly(
                    "timeout", "dial_timeout", "attempt_timeout", "close_timeout", "busy_timeout",
                    "max_total_rows", "max_continuation_frames", "max_message_size", "trust_server_heartbeat",
                    "session_mode", "max_attempts", "max_elapsed", "concurrent_leader_conns",
                    "batch_rewrite", "statement_cache_size", "redirect_allowlist",
                    "tls", "tls_ca", "tls_cert", "tls_key", "tls_verify", "tls_server_name");
        }

        @ParameterizedTest
        @EnumSource(DqliteProperty.class)
        void forKeyFindsEveryConstant(DqliteProperty p) {
            assertThat(DqliteProperty.forKey(p.key())).contains(p);
            assertThat(p.description()).isNotBlank();
            assertThat(p.allowedValues()).isNotBlank();
        }

        @Test
        void forKeyIsExact() {
            assertThat(DqliteProperty.forKey("nope")).isEmpty();
            assertThat(DqliteProperty.forKey(null)).isEmpty();
            assertThat(DqliteProperty.forKey("TIMEOUT")).isEmpty();
            assertThat(DqliteProperty.forKey(" timeout")).isEmpty();
        }

        @Test
        void allowedKeysAreSortedAndComplete() {
            String expected = Arrays.stream(DqliteProperty.values()).map(DqliteProperty::key).sorted()
                    .collect(Collectors.joining(", "));
            assertThat(DqliteProperty.allowedKeys()).isEqualTo(expected).startsWith("attempt_timeout, batch_rewrite, busy_timeout, ");
        }

        @Test
        void defaults() {
            assertThat(DqliteProperty.TIMEOUT.defaultValue()).isEqualTo("10");
            assertThat(DqliteProperty.DIAL_TIMEOUT.defaultValue()).isEmpty();
            assertThat(DqliteProperty.ATTEMPT_TIMEOUT.defaultValue()).isEmpty();
            assertThat(DqliteProperty.CLOSE_TIMEOUT.defaultValue()).isEqualTo("0.5");
            assertThat(DqliteProperty.BUSY_TIMEOUT.defaultValue()).isEqualTo("5");
            assertThat(DqliteProperty.MAX_TOTAL_ROWS.defaultValue()).isEqualTo("10000000");
            assertThat(DqliteProperty.MAX_CONTINUATION_FRAMES.defaultValue()).isEqualTo("100000");
            assertThat(DqliteProperty.MAX_MESSAGE_SIZE.defaultValue()).isEqualTo("67108864");
            assertThat(DqliteProperty.TRUST_SERVER_HEARTBEAT.defaultValue()).isEqualTo("false");
            assertThat(DqliteProperty.SESSION_MODE.defaultValue()).isEqualTo("immediate");
            assertThat(DqliteProperty.MAX_ATTEMPTS.defaultValue()).isEqualTo("20");
            assertThat(DqliteProperty.MAX_ELAPSED.defaultValue()).isEqualTo("none");
            assertThat(DqliteProperty.CONCURRENT_LEADER_CONNS.defaultValue()).isEqualTo("10");
            assertThat(DqliteProperty.STATEMENT_CACHE_SIZE.defaultValue()).isEqualTo("64");
        }

        @ParameterizedTest
        @EnumSource(value = DqliteProperty.class, mode = EnumSource.Mode.EXCLUDE, names = {"DIAL_TIMEOUT", "ATTEMPT_TIMEOUT",
                "TLS_CA", "TLS_CERT", "TLS_KEY", "TLS_SERVER_NAME"})
        void everyNonEmptyDefaultParses(DqliteProperty p) {
            assertThat(p.parse(p.defaultValue())).isNotNull();
        }

        @Test
        void choicesOnlyForEnumeratedKeys() {
            assertThat(DqliteProperty.TRUST_SERVER_HEARTBEAT.choices()).containsExactly("true", "false");
            assertThat(DqliteProperty.SESSION_MODE.choices())
                    .containsExactly("immediate", "deferred", "exclusive", "read_only");
            assertThat(DqliteProperty.TIMEOUT.choices()).isEmpty();
            assertThat(DqliteProperty.MAX_TOTAL_ROWS.choices()).isEmpty();
            // A defensive copy: callers cannot corrupt the enum.
            DqliteProperty.SESSION_MODE.choices()[0] = "x";
            assertThat(DqliteProperty.SESSION_MODE.choices()[0]).isEqualTo("immediate");
        }

        @Test
        void allowedValuesText() {
            assertThat(DqliteProperty.TIMEOUT.allowedValues()).contains("> 0");
            assertThat(DqliteProperty.CLOSE_TIMEOUT.allowedValues()).contains(">= 0.01");
            assertThat(DqliteProperty.BUSY_TIMEOUT.allowedValues()).contains(">= 0");
            assertThat(DqliteProperty.MAX_TOTAL_ROWS.allowedValues()).contains("1..2147483647").contains("none");
            assertThat(DqliteProperty.MAX_ATTEMPTS.allowedValues()).isEqualTo("an integer 1..100");
            assertThat(DqliteProperty.SESSION_MODE.allowedValues()).contains("read_only");
            assertThat(DqliteProperty.TRUST_SERVER_HEARTBEAT.allowedValues()).contains("yes/no");
        }
    }

    @Nested
    class Seconds {

        @ParameterizedTest(name = "{0} -> {1} ns")
        @CsvSource({
            "10, 10000000000",
            "0.5, 500000000",
            "'  2.5  ', 2500000000",
            "+3, 3000000000",
            ".5, 500000000",
            "5., 5000000000",
            "1e3, 1000000000000",
            "1E-3, 1000000",
            "0.000000001, 1",
            "1e-12, 1",
            "1000000000, 1000000000000000000",
        })
        void parsesDecimalSeconds(String raw, long nanos) {
            assertThat(DqliteProperty.TIMEOUT.parse(raw)).isEqualTo(Duration.ofNanos(nanos));
        }

        @Test
        void timeoutBoundaries() {
            rejects(DqliteProperty.TIMEOUT, "0", "out of range");
            rejects(DqliteProperty.TIMEOUT, "-0", "out of range");
            rejects(DqliteProperty.TIMEOUT, "0.0", "out of range");
            rejects(DqliteProperty.TIMEOUT, "-1", "out of range");
            rejects(DqliteProperty.TIMEOUT, "1000000000.000000001", "out of range");
            rejects(DqliteProperty.TIMEOUT, "1e10", "out of range");
            assertThat(DqliteProperty.TIMEOUT.parse("1e-9")).isEqualTo(Duration.ofNanos(1));
        }

        @ParameterizedTest
        @EnumSource(value = DqliteProperty.class, names = {"DIAL_TIMEOUT", "ATTEMPT_TIMEOUT"})
        void dialAndAttemptMustBePositive(DqliteProperty p) {
            rejects(p, "0", "out of range");
            assertThat(p.parse("0.001")).isEqualTo(Duration.ofMillis(1));
            rejects(p, "none", "not a decimal number");
        }

        @Test
        void closeTimeoutFloor() {
            assertThat(DqliteProperty.CLOSE_TIMEOUT.parse("0.01")).isEqualTo(Duration.ofMillis(10));
            rejects(DqliteProperty.CLOSE_TIMEOUT, "0.0099", "out of range");
            rejects(DqliteProperty.CLOSE_TIMEOUT, "0", "out of range");
        }

        @Test
        void busyTimeoutAllowsZero() {
            assertThat(DqliteProperty.BUSY_TIMEOUT.parse("0")).isEqualTo(Duration.ZERO);
            rejects(DqliteProperty.BUSY_TIMEOUT, "-0.001", "out of range");
            assertThat(DqliteProperty.BUSY_TIMEOUT.parse("1000000000")).isEqualTo(Duration.ofSeconds(1_000_000_000));
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "nan", "-nan", "inf", "+inf", "-inf", "Infinity", "-Infinity", "INFINITY"})
        void nonFiniteIsRejected(String raw) {
            rejects(DqliteProperty.TIMEOUT, raw, "finite");
            rejects(DqliteProperty.BUSY_TIMEOUT, raw, "finite");
            rejects(DqliteProperty.MAX_ELAPSED, raw, "finite");
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "False", "yes", "NO", "on", "off"})
        void booleansAreRejectedForNumbers(String raw) {
            rejects(DqliteProperty.TIMEOUT, raw, "boolean is not accepted");
            rejects(DqliteProperty.MAX_ATTEMPTS, raw, "boolean is not accepted");
            rejects(DqliteProperty.MAX_TOTAL_ROWS, raw, "boolean is not accepted");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "1_000", "0x10", "1,5", "10s", "1e", "--1", ".", "\u0661"})
        void garbageIsRejected(String raw) {
            rejects(DqliteProperty.TIMEOUT, raw, "not a decimal number");
        }

        @Test
        void emptyAndBlankAreRejected() {
            rejects(DqliteProperty.TIMEOUT, "", "empty");
            rejects(DqliteProperty.TIMEOUT, "   ", "empty");
            assertThatThrownBy(() -> DqliteProperty.TIMEOUT.parse(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void hugeExponentAndLongText() {
            rejects(DqliteProperty.TIMEOUT, "1e9999999999", "exponent");
            rejects(DqliteProperty.TIMEOUT, "1" + "0".repeat(70), "too long");
        }

        @Test
        void maxElapsedTakesNone() {
            assertThat(DqliteProperty.MAX_ELAPSED.parse("none")).isEqualTo(Optional.empty());
            assertThat(DqliteProperty.MAX_ELAPSED.parse(" NoNe ")).isEqualTo(Optional.empty());
            assertThat(DqliteProperty.MAX_ELAPSED.parse("30")).isEqualTo(Optional.of(Duration.ofSeconds(30)));
            rejects(DqliteProperty.MAX_ELAPSED, "0", "out of range");
            rejects(DqliteProperty.TIMEOUT, "none", "not a decimal number");
        }
    }

    @Nested
    class Counts {

        @ParameterizedTest(name = "{0}={1} accepted: {2}")
        @CsvSource({
            "MAX_TOTAL_ROWS, 0, false",
            "MAX_TOTAL_ROWS, 1, true",
            "MAX_TOTAL_ROWS, 2147483647, true",
            "MAX_TOTAL_ROWS, 2147483648, false",
            "MAX_CONTINUATION_FRAMES, 0, false",
            "MAX_CONTINUATION_FRAMES, 1, true",
            "MAX_CONTINUATION_FRAMES, 2147483647, true",
            "MAX_CONTINUATION_FRAMES, 2147483648, false",
            "MAX_MESSAGE_SIZE, 0, false",
            "MAX_MESSAGE_SIZE, 1, true",
            "MAX_MESSAGE_SIZE, 2147483647, true",
            "MAX_MESSAGE_SIZE, 2147483648, false",
            "MAX_ATTEMPTS, 0, false",
            "MAX_ATTEMPTS, 1, true",
            "MAX_ATTEMPTS, 100, true",
            "MAX_ATTEMPTS, 101, false",
            "CONCURRENT_LEADER_CONNS, 0, false",
            "CONCURRENT_LEADER_CONNS, 1, true",
            "CONCURRENT_LEADER_CONNS, 64, true",
            "CONCURRENT_LEADER_CONNS, 65, false",
            "STATEMENT_CACHE_SIZE, -1, false",
            "STATEMENT_CACHE_SIZE, 0, true",
            "STATEMENT_CACHE_SIZE, 10000, true",
            "STATEMENT_CACHE_SIZE, 10001, false",
        })
        void rangeBoundaries(DqliteProperty p, String raw, boolean accepted) {
            if (accepted) {
                assertThat(((Number) p.parse(raw)).longValue()).isEqualTo(Long.parseLong(raw));
            } else {
                rejects(p, raw, "out of range");
            }
        }

        @Test
        void typesPerConstant() {
            assertThat(DqliteProperty.MAX_TOTAL_ROWS.parse("5")).isEqualTo(5L);
            assertThat(DqliteProperty.MAX_CONTINUATION_FRAMES.parse("5")).isEqualTo(5L);
            assertThat(DqliteProperty.MAX_MESSAGE_SIZE.parse("5")).isEqualTo(5);
            assertThat(DqliteProperty.MAX_ATTEMPTS.parse(" 7 ")).isEqualTo(7);
            assertThat(DqliteProperty.MAX_ATTEMPTS.parse("+7")).isEqualTo(7);
        }

        @Test
        void noneMeaning() {
            assertThat(DqliteProperty.MAX_TOTAL_ROWS.parse("none")).isEqualTo(Long.MAX_VALUE);
            assertThat(DqliteProperty.MAX_TOTAL_ROWS.parse("NONE")).isEqualTo(Long.MAX_VALUE);
            assertThat(DqliteProperty.MAX_CONTINUATION_FRAMES.parse("None")).isEqualTo(Long.MAX_VALUE);
            assertThat(DqliteProperty.MAX_MESSAGE_SIZE.parse("none")).isEqualTo(Integer.MAX_VALUE);
            rejects(DqliteProperty.MAX_ATTEMPTS, "none", "not a number");
            rejects(DqliteProperty.STATEMENT_CACHE_SIZE, "none", "not a number");
        }

        @Test
        void nonIntegers() {
            rejects(DqliteProperty.MAX_ATTEMPTS, "1.5", "not a whole number");
            rejects(DqliteProperty.MAX_ATTEMPTS, "1.0", "not a whole number");
            rejects(DqliteProperty.MAX_ATTEMPTS, "1e2", "not a whole number");
            rejects(DqliteProperty.MAX_ATTEMPTS, "NaN", "finite");
            rejects(DqliteProperty.MAX_ATTEMPTS, "ten", "not a number");
            rejects(DqliteProperty.MAX_ATTEMPTS, "", "empty");
            rejects(DqliteProperty.MAX_TOTAL_ROWS, "99999999999999999999999", "out of range");
            rejects(DqliteProperty.MAX_TOTAL_ROWS, "-99999999999999999999999", "out of range");
        }
    }

    @Nested
    class Enumerated {

        @ParameterizedTest
        @ValueSource(strings = {"1", "true", "TRUE", "True", "yes", "YES", "on", "On", " true "})
        void trueTokens(String raw) {
            assertThat(DqliteProperty.TRUST_SERVER_HEARTBEAT.parse(raw)).isEqualTo(Boolean.TRUE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "false", "FALSE", "no", "No", "off", "OFF"})
        void falseTokens(String raw) {
            assertThat(DqliteProperty.TRUST_SERVER_HEARTBEAT.parse(raw)).isEqualTo(Boolean.FALSE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "y", "n", "t", "enable", "truee", "-1", "01"})
        void otherBooleanTextIsRejected(String raw) {
            rejects(DqliteProperty.TRUST_SERVER_HEARTBEAT, raw, "not a boolean");
        }

        @Test
        void sessionModes() {
            assertThat(DqliteProperty.SESSION_MODE.parse("immediate")).isEqualTo(SessionMode.IMMEDIATE);
            assertThat(DqliteProperty.SESSION_MODE.parse("DEFERRED")).isEqualTo(SessionMode.DEFERRED);
            assertThat(DqliteProperty.SESSION_MODE.parse(" exclusive ")).isEqualTo(SessionMode.EXCLUSIVE);
            assertThat(DqliteProperty.SESSION_MODE.parse("read_only")).isEqualTo(SessionMode.READ_ONLY);
            rejects(DqliteProperty.SESSION_MODE, "readonly", "not a session mode");
            rejects(DqliteProperty.SESSION_MODE, "", "empty");
        }
    }
}
