package io.dqlite4j.client;

import static io.dqlite4j.client.Failures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leader discovery against scripted nodes: the redirect policy, frozen nodes, learned members. */
@Timeout(60)
class LeaderDiscoveryTest {

    /** Accepts requests and never answers: what a SIGSTOPped dqlite node looks like from outside. */
    private static final FakeNode.Handler FROZEN = (n, r, out, s) -> Thread.sleep(60_000);

    private static String seeds(FakeNode... nodes) {
        StringBuilder sb = new StringBuilder("dqlite://");
        for (int i = 0; i < nodes.length; i++) {
            sb.append(i == 0 ? "" : ",").append(nodes[i].address());
        }
        return sb.append("/db").toString();
    }

    @Test
    void redirectToALinkLocalAddressIsRefusedByDefault() throws Exception {
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> { }))) {
            node.redirectTo("169.254.169.254:9001");
            Throwable t = failureOf(DqliteClient.connect(node.url("max_attempts=1")));
            assertThat(t).isInstanceOf(NoLeaderException.class)
                    .hasMessageContaining("redirected to 169.254.169.254:9001, which the redirect policy refuses");
            node.redirectTo("[fe80::1]:9001");
            assertThat(failureOf(DqliteClient.connect(node.url("max_attempts=1"))))
                    .hasMessageContaining("which the redirect policy refuses");
        }
    }

    @Test
    void linkLocalRedirectIsFollowedWhenAllowlisted() throws Exception {
        try (FakeNode node = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> { }))) {
            node.redirectTo("169.254.169.254:9001");
            Throwable t = failureOf(DqliteClient.connect(node.url(
                    "max_attempts=1&dial_timeout=0.2&attempt_timeout=0.3&redirect_allowlist=169.254.169.254:9001")));
            // Nothing listens there: the point is that the client dialled it.
            assertThat(t).isInstanceOf(NoLeaderException.class).hasMessageContaining("169.254.169.254:9001")
                    .hasMessageNotContaining("redirect policy");
        }
    }

    @Test
    void anAllowlistRefusesUnlistedRedirectsAndFollowsListedOnes() throws Exception {
        try (FakeNode leader = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> { }));
             FakeNode follower = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> { }))) {
            follower.redirectTo(leader.address());
            assertThat(failureOf(DqliteClient.connect(follower.url("max_attempts=1&redirect_allowlist=127.0.0.1:1"))))
                    .hasMessageContaining("not in redirect_allowlist");
            try (DqliteClient c = DqliteClient.connect(follower.url("redirect_allowlist=" + leader.address()))
                    .get(10, TimeUnit.SECONDS)) {
                assertThat(c.lastKnownLeader().toString()).isEqualTo(leader.address());
            }
        }
    }

    @Test
    void aFrozenSeedDoesNotHoldDiscoveryForAttemptTimeout() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (FakeNode frozen = new FakeNode(FROZEN);
             FakeNode leader = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> { }));
             FakeNode follower = new FakeNode((n, r, out, s) -> {
                 // Knows no leader for its first two answers (an election), then names the leader.
                 out.write(asked.incrementAndGet() <= 2 ? FakeNode.server(0, "") : FakeNode.server(2, "127.0.0.1:"
                         + leader.address().substring("127.0.0.1:".length())));
             })) {
            leader.handler(FakeNode.leaderWith((n, r, out, s) -> { }));
            long start = System.nanoTime();
            // attempt_timeout is 10 s: rounds that waited for the frozen seed would take 30 s here.
            try (DqliteClient c = DqliteClient.connect(seeds(frozen, follower) + "?attempt_timeout=10&max_attempts=10")
                    .get(30, TimeUnit.SECONDS)) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(c.lastKnownLeader().toString()).isEqualTo(leader.address());
                // Two rounds of at most the straggler grace (0.5 s) plus backoff; 2 s of slack for a loaded host.
                assertThat(took).isLessThan(Duration.ofMillis(4000));
            }
        }
    }

    @Test
    void aConnectionThatTimedOutMakesItsNodeSuspectAndMembersLeadToTheNewLeader() throws Exception {
        try (FakeNode next = new FakeNode(FakeNode.leaderWith((n, r, out, s) -> { }));
             FakeNode first = new FakeNode(null)) {
            String[] cluster = {first.address(), next.address()};
            java.util.concurrent.atomic.AtomicBoolean frozen = new java.util.concurrent.atomic.AtomicBoolean();
            first.handler((n, r, out, s) -> {
                if (frozen.get()) {
                    Thread.sleep(60_000);
                }
                switch (r.type()) {
                    case FakeNode.LEADER -> out.write(FakeNode.server(1, n.address()));
                    case FakeNode.OPEN -> out.write(FakeNode.frame(4, FakeNode.word(0)));
                    case FakeNode.CLUSTER -> out.write(FakeNode.servers(cluster));
                    default -> { // freezes (SIGSTOP) while a statement is due
                        frozen.set(true);
                        Thread.sleep(60_000);
                    }
                }
            });
            next.redirectTo(first.address());
            // The only seed is `first`; `next` is known only from the cluster listing.
            try (DqliteClient c = DqliteClient.connect(first.url("timeout=0.3&attempt_timeout=10&max_attempts=10"))
                    .get(10, TimeUnit.SECONDS)) {
                LeaderFinder finder = finderOf(c);
                assertThat(finder.members()).containsExactly(NodeAddress.parse(next.address()));
                assertThat(failureOf(c.execute("INSERT INTO t VALUES (1)"))).isInstanceOf(DqliteInDoubtException.class);
                assertThat(finder.isSuspect(NodeAddress.parse(first.address()))).isTrue();
                assertThat(c.lastKnownLeader()).isNull();
                next.redirectTo(null); // `next` now leads
                long start = System.nanoTime();
                assertThat(c.leader().get(10, TimeUnit.SECONDS).address()).isEqualTo(next.address());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
            }
        }
    }

    private static LeaderFinder finderOf(DqliteClient c) throws ReflectiveOperationException {
        java.lang.reflect.Field f = DqliteClient.class.getDeclaredField("finder");
        f.setAccessible(true);
        return (LeaderFinder) f.get(c);
    }

    @Test
    void redirectPolicyUnitRules() {
        DqliteConfig plain = DqliteUrl.parse("dqlite://127.0.0.1:9001/db");
        assertThat(plain.allowsRedirect(NodeAddress.parse("10.0.0.1:9001"))).isTrue();
        assertThat(plain.allowsRedirect(NodeAddress.parse("169.254.0.1:9001"))).isFalse();
        assertThat(plain.allowsRedirect(NodeAddress.parse("[::ffff:169.254.3.4]:9001"))).isFalse();
        assertThat(plain.allowsRedirect(NodeAddress.parse("[fe80::1]:9001"))).isFalse();
        assertThat(plain.allowsRedirect(NodeAddress.parse("[fec0::1]:9001"))).isTrue();
        DqliteConfig listed = DqliteUrl.parse("dqlite://127.0.0.1:9001/db?redirect_allowlist=169.254.0.1:9001,node2:9001");
        assertThat(listed.redirectAllowlist()).containsExactly(NodeAddress.parse("169.254.0.1:9001"),
                NodeAddress.parse("node2:9001"));
        assertThat(listed.allowsRedirect(NodeAddress.parse("169.254.0.1:9001"))).isTrue();
        assertThat(listed.allowsRedirect(NodeAddress.parse("NODE2.:9001"))).as("canonical form").isTrue();
        assertThat(listed.allowsRedirect(NodeAddress.parse("10.0.0.1:9001"))).isFalse();
        assertThat(listed.allowsRedirect(NodeAddress.parse("127.0.0.1:9001"))).as("a seed").isTrue();
        assertThat(DqliteUrl.parse("dqlite://h:1/db?redirect_allowlist=a:1,b:2").toString())
                .contains("redirect_allowlist=a:1,b:2");
        assertThat(DqliteProperty.REDIRECT_ALLOWLIST.parse("none")).isEqualTo(List.of());
        assertThat(List.of("x", "a:1,", "a:99999"))
                .allSatisfy(bad -> org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DqliteUrl.parse("dqlite://h:1/db?redirect_allowlist=" + bad))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redirect_allowlist"));
    }
}
