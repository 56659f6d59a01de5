package io.dqlite4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster-level behaviour through the project's native client: formation, leader, leadership
 * transfer, failover and adding nodes. Every test owns its cluster because it breaks nodes.
 */
@Tag("cluster")
@Timeout(180)
class LocalClusterTest {

    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @BeforeAll
    static void serverInstalled() {
        TestClusters.assumeServerInstalled();
    }

    private static List<NodeInfo> members(LocalCluster cluster) {
        return cluster.client().cluster().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    private static Map<NodeRole, Long> roles(List<NodeInfo> members) {
        return members.stream().collect(Collectors.groupingBy(NodeInfo::role, Collectors.counting()));
    }

    @Test
    void threeNodesAreAllVotersWithAConfirmedLeader() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            List<NodeInfo> members = members(cluster);
            assertThat(members).extracting(NodeInfo::address).containsExactlyInAnyOrderElementsOf(cluster.addresses());
            assertThat(members).allMatch(m -> m.role() == NodeRole.VOTER, "every node a voter");
            for (NodeInfo m : members) {
                LocalNode node = cluster.nodes().stream().filter(n -> n.address().equals(m.address())).findFirst()
                        .orElseThrow();
                assertThat(node.id()).as(node.toString()).isEqualTo(m.id());
            }
            assertThat(cluster.node(0).id()).isEqualTo(0x2dc171858c3155beL);

            LocalNode leader = cluster.leader();
            assertThat(cluster.nodes()).containsOnlyOnce(leader);
            assertThat(cluster.client().leader().join().address()).isEqualTo(leader.address());
            assertThat(cluster.client()).isSameAs(cluster.client());
        }
    }

    @Test
    void transferLeadershipMovesItToTheChosenNode() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            LocalNode leader = cluster.leader();
            LocalNode target = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();

            cluster.transferLeadership(target);
            assertThat(cluster.leader()).isSameAs(target);
            assertThat(cluster.client().leader().join().address()).isEqualTo(target.address());

            cluster.transferLeadership(target); // already leading: nothing to do
            assertThat(cluster.leader()).isSameAs(target);

            cluster.transferLeadership(leader); // and back
            assertThat(cluster.leader()).isSameAs(leader);
        }
    }

    @Test
    void killingTheLeaderElectsAnotherAndTheOldOneRejoins() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            LocalNode old = cluster.leader();
            old.kill();
            long started = System.nanoTime();
            LocalNode next = cluster.awaitLeader(FAILOVER);
            assertThat(next).isNotSameAs(old);
            assertThat(next.isRunning()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAILOVER);

            old.restart();
            cluster.transferLeadership(old); // only a caught-up voter can take over
            assertThat(cluster.leader()).isSameAs(old);
            assertThat(members(cluster)).allMatch(m -> m.role() == NodeRole.VOTER);
        }
    }

    @Test
    void pausingTheLeaderElectsAnother() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            LocalNode frozen = cluster.leader();
            frozen.pause();
            LocalNode next = cluster.awaitLeader(FAILOVER);
            assertThat(next).isNotSameAs(frozen);
            frozen.resume();
            assertThat(cluster.awaitLeader(FAILOVER)).isIn(cluster.nodes());
        }
    }

    @Test
    void addNodeStartsAMemberThatTheClusterLists() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            LocalNode fourth = cluster.addNode();
            assertThat(cluster.nodes()).hasSize(4).endsWith(fourth);
            assertThat(cluster.addresses()).endsWith(fourth.address());
            assertThat(cluster.url()).contains(fourth.address());
            NodeInfo listed = members(cluster).stream().filter(m -> m.address().equals(fourth.address()))
                    .findFirst().orElseThrow();
            assertThat(fourth.id()).isEqualTo(listed.id());
            assertThat(roles(members(cluster)).get(NodeRole.VOTER)).isEqualTo(3L);
        }
    }

    @Test
    void clusterSizesOtherThanThree() {
        try (LocalCluster one = LocalCluster.start(1)) {
            assertThat(one.leader()).isSameAs(one.node(0));
            assertThat(members(one)).singleElement().extracting(NodeInfo::role).isEqualTo(NodeRole.VOTER);
        }
        try (LocalCluster two = LocalCluster.start(2)) {
            // go-dqlite keeps a single voter below three nodes.
            assertThat(roles(members(two)).get(NodeRole.VOTER)).isEqualTo(1L);
            assertThat(members(two)).hasSize(2);
        }
        try (LocalCluster five = LocalCluster.start(5)) {
            List<NodeInfo> members = members(five);
            assertThat(members).extracting(NodeInfo::address).containsExactlyInAnyOrderElementsOf(five.addresses());
            assertThat(roles(members).get(NodeRole.VOTER)).isEqualTo(3L);
        }
    }

    @Test
    void closeClosesTheSharedClient() {
        LocalCluster cluster = LocalCluster.start(1);
        DqliteClient client = cluster.client();
        assertThat(client).isNotNull();
        cluster.close();
        assertThatThrownBy(cluster::client).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
