package io.dqlite4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DqliteConfigTest {

    private static final NodeAddress A = NodeAddress.parse("a:9001");
    private static final NodeAddress B = NodeAddress.parse("b:9001");

    private static DqliteConfig.Builder base() {
        return DqliteConfig.builder().seeds(A);
    }

    @Test
    void defaults() {
        DqliteConfig c = base().build();
        assertThat(c.seeds()).containsExactly(A);
        assertThat(c.database()).isEqualTo("default");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.dialTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.closeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxTotalRows()).isEqualTo(10_000_000L);
        assertThat(c.maxContinuationFrames()).isEqualTo(100_000L);
        assertThat(c.maxMessageSize()).isEqualTo(64 * 1024 * 1024);
        assertThat(c.trustServerHeartbeat()).isFalse();
        assertThat(c.sessionMode()).isEqualTo(SessionMode.IMMEDIATE);
        assertThat(c.maxAttempts()).isEqualTo(20);
        assertThat(c.maxElapsed()).isEmpty();
        assertThat(c.concurrentLeaderConns()).isEqualTo(10);
        assertThat(c.statementCacheSize()).isEqualTo(64);
        assertThat(c.toRawMap()).isEmpty();
    }

    @Test
    void dialAndAttemptFollowTimeoutUnlessSet() {
        DqliteConfig c = base().timeout(Duration.ofSeconds(3)).build();
        assertThat(c.dialTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.attemptTimeout()).isEqualTo(Duration.ofSeconds(3));

        DqliteConfig d = base().timeout(Duration.ofSeconds(3)).dialTimeout(Duration.ofSeconds(1)).build();
        assertThat(d.dialTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.attemptTimeout()).isEqualTo(Duration.ofSeconds(3));

        DqliteConfig reset = d.toBuilder().dialTimeout(null).build();
        assertThat(reset.dialTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void typedSettersAndGetters() {
        DqliteConfig c = base()
                .timeout(Duration.ofMillis(1500))
                .attemptTimeout(Duration.ofSeconds(4))
                .dialTimeout(Duration.ofSeconds(2))
                .closeTimeout(Duration.ofMillis(10))
                .busyTimeout(Duration.ZERO)
                .maxTotalRows(Long.MAX_VALUE)
                .maxContinuationFrames(7)
                .maxMessageSize(Integer.MAX_VALUE)
                .trustServerHeartbeat(true)
                .sessionMode(SessionMode.READ_ONLY)
                .maxAttempts(100)
                .maxElapsed(Duration.ofSeconds(30))
                .concurrentLeaderConns(64)
                .statementCacheSize(0)
                .database("app")
                .build();
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.attemptTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.dialTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.closeTimeout()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.busyTimeout()).isZero();
        assertThat(c.maxTotalRows()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.maxContinuationFrames()).isEqualTo(7);
        assertThat(c.maxMessageSize()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.trustServerHeartbeat()).isTrue();
        assertThat(c.sessionMode()).isEqualTo(SessionMode.READ_ONLY);
        assertThat(c.maxAttempts()).isEqualTo(100);
        assertThat(c.maxElapsed()).contains(Duration.ofSeconds(30));
        assertThat(c.concurrentLeaderConns()).isEqualTo(64);
        assertThat(c.statementCacheSize()).isZero();
        assertThat(c.database()).isEqualTo("app");

        assertThat(c.toRawMap()).containsExactly(
                entry(DqliteProperty.TIMEOUT, "1.5"),
                entry(DqliteProperty.DIAL_TIMEOUT, "2"),
                entry(DqliteProperty.ATTEMPT_TIMEOUT, "4"),
                entry(DqliteProperty.CLOSE_TIMEOUT, "0.01"),
                entry(DqliteProperty.BUSY_TIMEOUT, "0"),
                entry(DqliteProperty.MAX_TOTAL_ROWS, "none"),
                entry(DqliteProperty.MAX_CONTINUATION_FRAMES, "7"),
                entry(DqliteProperty.MAX_MESSAGE_SIZE, "2147483647"),
                entry(DqliteProperty.TRUST_SERVER_HEARTBEAT, "true"),
                entry(DqliteProperty.SESSION_MODE, "read_only"),
                entry(DqliteProperty.MAX_ATTEMPTS, "100"),
                entry(DqliteProperty.MAX_ELAPSED, "30"),
                entry(DqliteProperty.CONCURRENT_LEADER_CONNS, "64"),
                entry(DqliteProperty.STATEMENT_CACHE_SIZE, "0"));
    }

    @Test
    void rawMapTextParsesBackToTheSameConfig() {
        DqliteConfig c = base().set(DqliteProperty.TIMEOUT, " 2.50 ").set(DqliteProperty.MAX_TOTAL_ROWS, "NONE")
                .set(DqliteProperty.TRUST_SERVER_HEARTBEAT, "Yes").maxElapsed(null).build();
        Map<DqliteProperty, String> raw = c.toRawMap();
        assertThat(raw).containsExactly(
                entry(DqliteProperty.TIMEOUT, "2.5"),
                entry(DqliteProperty.MAX_TOTAL_ROWS, "none"),
                entry(DqliteProperty.TRUST_SERVER_HEARTBEAT, "true"),
                entry(DqliteProperty.MAX_ELAPSED, "none"));
        DqliteConfig.Builder again = base();
        raw.forEach(again::set);
        assertThat(again.build()).isEqualTo(c);
        assertThatThrownBy(() -> raw.put(DqliteProperty.TIMEOUT, "1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void typedSettersValidateRanges() {
        assertThatThrownBy(() -> base().timeout(Duration.ZERO)).hasMessageContaining("'timeout'")
                .hasMessageContaining("'0'").hasMessageContaining("out of range");
        assertThatThrownBy(() -> base().timeout(Duration.ofSeconds(-1))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> base().timeout(Duration.ofSeconds(1_000_000_001))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> base().dialTimeout(Duration.ZERO)).hasMessageContaining("'dial_timeout'");
        assertThatThrownBy(() -> base().closeTimeout(Duration.ofMillis(9))).hasMessageContaining("'close_timeout'")
                .hasMessageContaining("'0.009'");
        assertThatThrownBy(() -> base().busyTimeout(Duration.ofNanos(-1))).hasMessageContaining("'busy_timeout'");
        assertThatThrownBy(() -> base().maxTotalRows(0)).hasMessageContaining("'max_total_rows'");
        assertThatThrownBy(() -> base().maxTotalRows(1L << 31)).hasMessageContaining("'max_total_rows'");
        assertThatThrownBy(() -> base().maxContinuationFrames(-5)).hasMessageContaining("'max_continuation_frames'");
        assertThatThrownBy(() -> base().maxMessageSize(0)).hasMessageContaining("'max_message_size'");
        assertThatThrownBy(() -> base().maxAttempts(101)).hasMessageContaining("'max_attempts'");
        assertThatThrownBy(() -> base().maxElapsed(Duration.ZERO)).hasMessageContaining("'max_elapsed'");
        assertThatThrownBy(() -> base().concurrentLeaderConns(65)).hasMessageContaining("'concurrent_leader_conns'");
        assertThatThrownBy(() -> base().statementCacheSize(-1)).hasMessageContaining("'statement_cache_size'");
        assertThatThrownBy(() -> base().timeout(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> base().sessionMode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void setParsesRawText() {
        DqliteConfig c = base().set(DqliteProperty.SESSION_MODE, "deferred").set(DqliteProperty.MAX_ATTEMPTS, "9").build();
        assertThat(c.sessionMode()).isEqualTo(SessionMode.DEFERRED);
        assertThat(c.maxAttempts()).isEqualTo(9);
        assertThatThrownBy(() -> base().set(DqliteProperty.MAX_ATTEMPTS, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'max_attempts'");
    }

    @Test
    void unsetReturnsToDefault() {
        DqliteConfig c = base().maxAttempts(9).build().toBuilder().unset(DqliteProperty.MAX_ATTEMPTS).build();
        assertThat(c.maxAttempts()).isEqualTo(20);
        assertThat(c.toRawMap()).isEmpty();
    }

    @Test
    void seedsAreRequiredAndDeduplicatedInOrder() {
        assertThatThrownBy(() -> DqliteConfig.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seed");
        DqliteConfig c = DqliteConfig.builder()
                .seeds(List.of(B, A, NodeAddress.parse("B.:9001"), A))
                .addSeed(NodeAddress.parse("c:1"))
                .build();
        assertThat(c.seeds()).extracting(NodeAddress::toString).containsExactly("b:9001", "a:9001", "c:1");
        assertThatThrownBy(() -> c.seeds().add(A)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> DqliteConfig.builder().addSeed(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void crossFieldDialMustFitInAttemptWhenBothExplicit() {
        assertThatThrownBy(() -> base().dialTimeout(Duration.ofSeconds(5)).attemptTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dial_timeout (5 s)").hasMessageContaining("attempt_timeout (2 s)");
        // Equal is fine; an implicit attempt budget never conflicts.
        assertThat(base().dialTimeout(Duration.ofSeconds(2)).attemptTimeout(Duration.ofSeconds(2)).build()).isNotNull();
        assertThat(base().dialTimeout(Duration.ofSeconds(20)).build().attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(base().attemptTimeout(Duration.ofSeconds(1)).build().dialTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void databaseNameRules() {
        assertThat(base().database("données").build().database()).isEqualTo("données");
        assertThatThrownBy(() -> base().database("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> base().database("a/b")).hasMessageContaining("'/'");
        assertThatThrownBy(() -> base().database("a\0b")).hasMessageContaining("NUL").hasMessageContaining("'a\\0b'");
        assertThatThrownBy(() -> base().database("a\uD800b")).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> base().database(null)).isInstanceOf(NullPointerException.class);
        // 509 two-byte characters + 1 = 1019 bytes: the limit exactly.
        String limit = "é".repeat(509) + "a";
        assertThat(base().database(limit).build().database()).isEqualTo(limit);
        assertThatThrownBy(() -> base().database(limit + "a")).hasMessageContaining("1020 bytes long in UTF-8; at most 1019");
        assertThatThrownBy(() -> base().database("é".repeat(510))).hasMessageContaining("1020 bytes");
    }

    @Test
    void equalityUsesEffectiveValues() {
        DqliteConfig implicit = base().build();
        DqliteConfig explicit = base().timeout(Duration.ofSeconds(10)).build();
        assertThat(explicit).isEqualTo(implicit).hasSameHashCodeAs(implicit);
        assertThat(explicit.toRawMap()).isNotEqualTo(implicit.toRawMap());
        assertThat(base().maxAttempts(4).build()).isNotEqualTo(implicit);
        assertThat(base().database("x").build()).isNotEqualTo(implicit);
        assertThat(DqliteConfig.builder().seeds(B, A).build()).isNotEqualTo(DqliteConfig.builder().seeds(A, B).build());
        assertThat(implicit.toBuilder().build()).isEqualTo(implicit);
    }

    @Test
    void readableToStringAndValueText() {
        DqliteConfig c = DqliteConfig.builder().seeds(A, NodeAddress.parse("[::1]:9002")).maxTotalRows(Long.MAX_VALUE).build();
        assertThat(c.toString())
                .startsWith("DqliteConfig{seeds=[a:9001, [::1]:9002], database=default, timeout=10, dial_timeout=10, ")
                .contains("close_timeout=0.5", "max_total_rows=none", "session_mode=immediate", "max_elapsed=none")
                .endsWith("statement_cache_size=64, redirect_allowlist=none, tls=false, tls_ca=, tls_cert=, tls_key=,"
                        + " tls_verify=full, tls_server_name=}");
        assertThat(c.valueText(DqliteProperty.ATTEMPT_TIMEOUT)).isEqualTo("10");
        assertThat(c.valueText(DqliteProperty.MAX_MESSAGE_SIZE)).isEqualTo("67108864");
    }
}
