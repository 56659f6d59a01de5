package io.dqlite4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DqliteUrlTest {

    private static void rejects(String url, String... fragments) {
        assertThatThrownBy(() -> DqliteUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid dqlite URL: ")
                .hasMessageContainingAll(fragments);
    }

    @Nested
    class Structure {

        @ParameterizedTest
        @ValueSource(strings = {"dqlite://localhost", "jdbc:dqlite://localhost", "r2dbc:dqlite://localhost",
            "JDBC:DQLITE://localhost", "dqlite://localhost/", "dqlite://localhost?", "dqlite://localhost/?"})
        void minimalUrlUsesDefaults(String url) {
            DqliteConfig c = DqliteUrl.parse(url);
            assertThat(c.seeds()).containsExactly(NodeAddress.parse("localhost:9001"));
            assertThat(c.database()).isEqualTo("default");
            assertThat(c.toRawMap()).isEmpty();
            assertThat(c).isEqualTo(DqliteConfig.builder().seeds(NodeAddress.parse("localhost:9001")).build());
        }

        @Test
        void hostsPortsAndDatabase() {
            DqliteConfig c = DqliteUrl.parse("jdbc:dqlite://a:9002,B,[::1]:9003,10.0.0.1/mydb");
            assertThat(c.seeds()).extracting(NodeAddress::toString)
                    .containsExactly("a:9002", "b:9001", "[::1]:9003", "10.0.0.1:9001");
            assertThat(c.database()).isEqualTo("mydb");
        }

        @Test
        void duplicateSeedsCollapseKeepingOrder() {
            DqliteConfig c = DqliteUrl.parse("dqlite://B,A:9001,a,a.:9001,b:9001,[::ffff:10.0.0.1],10.0.0.1/db");
            assertThat(c.seeds()).extracting(NodeAddress::toString).containsExactly("b:9001", "a:9001", "10.0.0.1:9001");
        }

        @Test
        void queryWithoutPath() {
            DqliteConfig c = DqliteUrl.parse("dqlite://h?timeout=5");
            assertThat(c.database()).isEqualTo("default");
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        void acceptsOnlyLooksAtThePrefix() {
            assertThat(DqliteUrl.accepts("dqlite://h")).isTrue();
            assertThat(DqliteUrl.accepts("jdbc:dqlite://h")).isTrue();
            assertThat(DqliteUrl.accepts("r2dbc:dqlite://h")).isTrue();
            assertThat(DqliteUrl.accepts("Jdbc:Dqlite://")).isTrue();
            assertThat(DqliteUrl.accepts(null)).isFalse();
            assertThat(DqliteUrl.accepts("")).isFalse();
            assertThat(DqliteUrl.accepts("jdbc:postgresql://h/db")).isFalse();
            assertThat(DqliteUrl.accepts("jdbc:dqlite:h")).isFalse();
            assertThat(DqliteUrl.accepts("dqlite+aio://h")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"postgresql://h/db", "jdbc:dqlite:h", "dqlite:/h", "dqlite+aio://h", "", " dqlite://h"})
        void wrongPrefix(String url) {
            rejects(url, "must start with one of jdbc:dqlite://, r2dbc:dqlite://, dqlite://");
        }

        @Test
        void wrongPrefixDoesNotLeakCredentials() {
            assertThatThrownBy(() -> DqliteUrl.parse("jdbc:mysql://root:s3cret@h/db"))
                    .hasMessageContaining("'jdbc:mysql://...'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
            assertThatThrownBy(() -> DqliteUrl.parse("root:s3cret@h"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        }

        @Test
        void nullUrl() {
            assertThatThrownBy(() -> DqliteUrl.parse(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class RejectedStructure {

        @Test
        void userInformation() {
            rejects("dqlite://user@h/db", "user information", "no authentication");
            rejects("jdbc:dqlite://user:s3cret@h:9001/db", "user information");
            assertThatThrownBy(() -> DqliteUrl.parse("jdbc:dqlite://user:s3cret@h:9001/db"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
            rejects("dqlite://a,user@b/db", "user information");
        }

        @Test
        void fragment() {
            rejects("dqlite://h/db#frag", "'#' fragment");
            rejects("dqlite://h/db?timeout=5#x", "'#' fragment");
            assertThat(DqliteUrl.parse("dqlite://h/a%23b").database()).isEqualTo("a#b");
        }

        @ParameterizedTest
        @ValueSource(strings = {"dqlite://", "dqlite:///db", "dqlite://?timeout=1", "jdbc:dqlite:///"})
        void emptyHostList(String url) {
            rejects(url, "no host");
        }

        @Test
        void emptyHostEntries() {
            rejects("dqlite://a,,b/db", "host entry 2 of 3 is empty");
            rejects("dqlite://a,/db", "host entry 2 of 2 is empty");
            rejects("dqlite://,a/db", "host entry 1 of 2 is empty");
        }

        @Test
        void whitespaceAndControlCharacters() {
            rejects("dqlite://a /db", "whitespace at index 10");
            rejects("dqlite://a/db ", "whitespace", "leading or trailing");
            rejects("dqlite://a/d\tb", "whitespace");
            rejects("dqlite://a/db?timeout=1\n", "whitespace");
            rejects("dqlite://a/d\u0001b", "control character");
            rejects("dqlite://a/d\uD800b", "unpaired");
        }

        @Test
        void badHosts() {
            rejects("dqlite://::1/db", "must be in brackets");
            rejects("dqlite://fe80::1:9001/db", "must be in brackets");
            rejects("dqlite://0.0.0.0/db", "unspecified");
            rejects("dqlite://[::]:9001/db", "unspecified");
            rejects("dqlite://[::ffff:0.0.0.0]/db", "unspecified");
            rejects("dqlite://224.0.0.1/db", "multicast");
            rejects("dqlite://[ff02::1]/db", "multicast");
            rejects("dqlite://h:0/db", "out of range 1..65535");
            rejects("dqlite://h:65536/db", "out of range 1..65535");
            rejects("dqlite://[127.0.0.1]:9001/db", "brackets are only for IPv6");
            rejects("dqlite://bücher.de/db", "non-ASCII");
            rejects("dqlite://h:x/db", "plain ASCII digits");
            rejects("jdbc:dqlite://h;k=v", "only ASCII letters, digits");
        }

        @Test
        void ipv6Accepted() {
            DqliteConfig c = DqliteUrl.parse("dqlite://[2001:DB8::1]:9002,[::1],[fe80::1%25eth0]/db");
            assertThat(c.seeds()).extracting(NodeAddress::toString)
                    .containsExactly("[2001:db8::1]:9002", "[::1]:9001", "[fe80::1%25eth0]:9001");
        }
    }

    @Nested
    class Database {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "dqlite://h/my%20db, my db",
            "dqlite://h/%C3%A9t%C3%A9, été",
            "dqlite://h/données, données",
            "dqlite://h/a+b, a+b",
            "dqlite://h/a%2Bb, a+b",
            "dqlite://h/a%25b, a%b",
            "dqlite://h/app.db, app.db",
        })
        void decoded(String url, String database) {
            assertThat(DqliteUrl.parse(url).database()).isEqualTo(database);
        }

        @Test
        void rejectedNames() {
            rejects("dqlite://h/a/b", "must not contain '/'");
            rejects("dqlite://h//db", "must not contain '/'");
            rejects("dqlite://h/db/", "must not contain '/'");
            rejects("dqlite://h/a%2Fb", "must not contain '/'");
            rejects("dqlite://h/a%00b", "NUL");
            rejects("dqlite://h/a%zzb", "malformed percent-escape", "database name");
            rejects("dqlite://h/a%4", "malformed percent-escape");
            rejects("dqlite://h/a%", "malformed percent-escape");
            rejects("dqlite://h/a%C3", "not valid UTF-8");
            rejects("dqlite://h/a%FF%FE", "not valid UTF-8");
        }

        @Test
        void lengthLimitInUtf8Bytes() {
            String ok = "%C3%A9".repeat(509) + "a";
            assertThat(DqliteUrl.parse("dqlite://h/" + ok).database()).hasSize(510);
            rejects("dqlite://h/" + ok + "a", "1020 bytes long in UTF-8; at most 1019");
        }
    }

    @Nested
    class Query {

        @Test
        void everyKeyFromTheUrl() {
            DqliteConfig c = DqliteUrl.parse("dqlite://h/db?timeout=2&dial_timeout=0.5&attempt_timeout=1.5"
                    + "&close_timeout=0.01&busy_timeout=0&max_total_rows=none&max_continuation_frames=7"
                    + "&max_message_size=1024&trust_server_heartbeat=on&session_mode=EXCLUSIVE&max_attempts=100"
                    + "&max_elapsed=60&concurrent_leader_conns=1&batch_rewrite=false&statement_cache_size=0&redirect_allowlist=h:1");
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(c.dialTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(c.attemptTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(c.closeTimeout()).isEqualTo(Duration.ofMillis(10));
            assertThat(c.busyTimeout()).isZero();
            assertThat(c.maxTotalRows()).isEqualTo(Long.MAX_VALUE);
            assertThat(c.maxContinuationFrames()).isEqualTo(7);
            assertThat(c.maxMessageSize()).isEqualTo(1024);
            assertThat(c.trustServerHeartbeat()).isTrue();
            assertThat(c.sessionMode()).isEqualTo(SessionMode.EXCLUSIVE);
            assertThat(c.maxAttempts()).isEqualTo(100);
            assertThat(c.maxElapsed()).contains(Duration.ofSeconds(60));
            assertThat(c.concurrentLeaderConns()).isEqualTo(1);
            assertThat(c.statementCacheSize()).isZero();
            assertThat(c.valueText(DqliteProperty.BATCH_REWRITE)).isEqualTo("false");
            assertThat(c.redirectAllowlist()).containsExactly(NodeAddress.parse("h:1"));
            // The tls_* keys need files; TlsPropertiesTest covers them.
            assertThat(c.toRawMap()).hasSize(DqliteProperty.values().length - 6);
        }

        @Test
        void repeatedKeyLastWins() {
            assertThat(DqliteUrl.parse("dqlite://h?timeout=1&timeout=2").timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(DqliteUrl.parse("dqlite://h?max_total_rows=5&busy_timeout=1&max_total_rows=none")
                    .maxTotalRows()).isEqualTo(Long.MAX_VALUE);
            // Only the effective (last) value is validated.
            assertThat(DqliteUrl.parse("dqlite://h?timeout=abc&timeout=3").timeout()).isEqualTo(Duration.ofSeconds(3));
            rejects("dqlite://h?timeout=3&timeout=abc", "'abc'", "'timeout'");
        }

        @Test
        void unknownKeyListsAllowedKeys() {
            rejects("dqlite://h/db?foo=1", "unknown parameter 'foo'", "allowed keys: " + DqliteProperty.allowedKeys());
            rejects("dqlite://h/db?timeout=1&user=x", "unknown parameter 'user'");
            rejects("dqlite://h/db?password=x", "unknown parameter 'password'");
        }

        @Test
        void unknownKeySuggestsTheLikelyOne() {
            rejects("dqlite://h/db?Timeout=1", "unknown parameter 'Timeout' (did you mean 'timeout'?)");
            rejects("dqlite://h/db?busy-timeout=1", "(did you mean 'busy_timeout'?)");
        }

        @Test
        void keysAndValuesArePercentDecodedAndTrimmed() {
            DqliteConfig c = DqliteUrl.parse("dqlite://h?session_mode=read%5Fonly&busy%5Ftimeout=%202.5%20&timeout=+5");
            assertThat(c.sessionMode()).isEqualTo(SessionMode.READ_ONLY);
            assertThat(c.busyTimeout()).isEqualTo(Duration.ofMillis(2500));
            // '+' is a literal plus sign (RFC 3986), so this is "+5" seconds.
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
            rejects("dqlite://h?timeout=%zz", "malformed percent-escape", "value of parameter 'timeout'");
            rejects("dqlite://h?time%ZZout=1", "malformed percent-escape", "parameter name");
        }

        @Test
        void malformedPairs() {
            rejects("dqlite://h?timeout", "parameter 'timeout' has no value");
            rejects("dqlite://h?timeout=", "'timeout'", "empty");
            rejects("dqlite://h?timeout=5=6", "'5=6'", "not a decimal number");
            assertThat(DqliteUrl.parse("dqlite://h?&timeout=4&&").timeout()).isEqualTo(Duration.ofSeconds(4));
        }

        @Test
        void invalidValuesNameKeyValueAndRange() {
            rejects("dqlite://h?timeout=0", "'timeout'", "'0'", "> 0");
            rejects("dqlite://h?max_attempts=101", "'max_attempts'", "'101'", "1..100");
            rejects("dqlite://h?trust_server_heartbeat=maybe", "'trust_server_heartbeat'", "'maybe'", "yes/no");
            rejects("dqlite://h?timeout=NaN", "finite");
            rejects("dqlite://h?timeout=true", "boolean");
            rejects("dqlite://h?session_mode=serializable", "'session_mode'", "immediate, deferred, exclusive, read_only");
        }

        @Test
        void crossFieldErrorsAreUrlErrors() {
            rejects("dqlite://h?dial_timeout=5&attempt_timeout=2", "dial_timeout (5 s)");
        }

        @Test
        void rawMapHoldsOnlyExplicitValues() {
            DqliteConfig c = DqliteUrl.parse("dqlite://h?max_elapsed=NONE&timeout=7.50");
            assertThat(c.toRawMap()).containsExactly(entry(DqliteProperty.TIMEOUT, "7.5"), entry(DqliteProperty.MAX_ELAPSED, "none"));
        }
    }

    @Nested
    class PropertiesMerge {

        private Properties props(String... kv) {
            Properties p = new Properties();
            for (int i = 0; i < kv.length; i += 2) {
                p.setProperty(kv[i], kv[i + 1]);
            }
            return p;
        }

        @Test
        void propertiesAreDefaultsAndTheUrlWins() {
            Properties p = props("timeout", "3", "max_attempts", "7");
            DqliteConfig c = DqliteUrl.parse("jdbc:dqlite://h/db?timeout=9", p);
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(c.maxAttempts()).isEqualTo(7);
        }

        @Test
        void propertiesAloneApply() {
            DqliteConfig c = DqliteUrl.parse("jdbc:dqlite://h/db", props("busy_timeout", " 1.5 ", "session_mode", "deferred"));
            assertThat(c.busyTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(c.sessionMode()).isEqualTo(SessionMode.DEFERRED);
        }

        @Test
        void userAndPasswordAreIgnored() {
            DqliteConfig c = DqliteUrl.parse("jdbc:dqlite://h/db", props("user", "sa", "password", "secret"));
            assertThat(c).isEqualTo(DqliteUrl.parse("jdbc:dqlite://h/db"));
        }

        @Test
        void unknownPropertyIsAnError() {
            assertThatThrownBy(() -> DqliteUrl.parse("jdbc:dqlite://h/db", props("foo", "1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("unknown property 'foo'", DqliteProperty.allowedKeys(),
                            "user and password are accepted and ignored");
        }

        @Test
        void invalidPropertyValueSaysItCameFromProperties() {
            assertThatThrownBy(() -> DqliteUrl.parse("jdbc:dqlite://h/db", props("max_attempts", "0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid dqlite connection property: ")
                    .hasMessageContainingAll("'max_attempts'", "'0'", "1..100");
        }

        @Test
        void overriddenInvalidPropertyIsNotEvaluated() {
            DqliteConfig c = DqliteUrl.parse("jdbc:dqlite://h/db?max_attempts=5", props("max_attempts", "zero"));
            assertThat(c.maxAttempts()).isEqualTo(5);
        }

        @Test
        void propertiesAreNotPercentDecoded() {
            assertThatThrownBy(() -> DqliteUrl.parse("jdbc:dqlite://h/db", props("session_mode", "read%5Fonly")))
                    .hasMessageContaining("'read%5Fonly'");
        }

        @Test
        void defaultChainAndNonStringValues() {
            Properties defaults = props("max_attempts", "8", "timeout", "1");
            Properties p = new Properties(defaults);
            p.setProperty("timeout", "2");
            p.put("statement_cache_size", 5);
            DqliteConfig c = DqliteUrl.parse("dqlite://h", p);
            assertThat(c.maxAttempts()).isEqualTo(8);
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(c.statementCacheSize()).isEqualTo(5);
        }

        @Test
        void nullPropertiesAreFine() {
            assertThat(DqliteUrl.parse("dqlite://h", null)).isEqualTo(DqliteUrl.parse("dqlite://h"));
        }
    }
}
