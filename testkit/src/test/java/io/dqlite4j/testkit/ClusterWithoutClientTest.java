package io.dqlite4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster formation, leader mapping, failover waits and node addition against real servers, with
 * the dqlite shell answering the protocol questions in place of the native client. This checks the
 * testkit's own waiting logic; {@link LocalClusterTest} runs the same scenarios through the client.
 */
@Tag("process")
@Timeout(180)
class ClusterWithoutClientTest {

    private static final Duration ASK = Duration.ofSeconds(5);

    private static List<NodeInfo> members(LocalCluster cluster) throws Exception {
        try (ShellProbe shell = new ShellProbe(cluster::addresses, cluster.database())) {
            return shell.cluster(ASK);
        }
    }

    @Test
    void threeNodesFormAsVotersAndSurviveLosingTheirLeader() throws Exception {
        try (LocalCluster cluster = TestClusters.withoutClient().nodes(3).start()) {
            List<NodeInfo> members = members(cluster);
            assertThat(members).extracting(NodeInfo::address).containsExactlyInAnyOrderElementsOf(cluster.addresses());
            assertThat(members).allMatch(m -> m.role() == NodeRole.VOTER, "every node a voter");
            Map<String, Long> ids = members.stream().collect(Collectors.toMap(NodeInfo::address, NodeInfo::id));
            for (LocalNode node : cluster.nodes()) {
                assertThat(node.id()).as(node.toString()).isEqualTo(ids.get(node.address()));
            }

            LocalNode leader = cluster.leader();
            assertThat(cluster.nodes()).containsOnlyOnce(leader);

            leader.kill();
            LocalNode next = cluster.awaitLeader(Duration.ofSeconds(30));
            assertThat(next).isNotSameAs(leader);
            assertThat(next.isRunning()).isTrue();

            // The old leader comes back as a follower with its state.
            leader.restart();
            assertThat(cluster.leader()).isNotSameAs(leader);

            // A frozen leader is replaced as well.
            next.pause();
            LocalNode third = cluster.awaitLeader(Duration.ofSeconds(30));
            assertThat(third).isNotSameAs(next);
            next.resume();

            LocalNode fourth = cluster.addNode();
            assertThat(cluster.nodes()).hasSize(4).endsWith(fourth);
            assertThat(fourth.index()).isEqualTo(3);
            assertThat(fourth.dataDir().getFileName()).hasToString("node-4");
            assertThat(cluster.url()).contains(fourth.address());
            NodeInfo listed = members(cluster).stream()
                    .filter(m -> m.address().equals(fourth.address())).findFirst().orElseThrow();
            assertThat(fourth.id()).isEqualTo(listed.id());
        }
    }

    @Test
    void fiveNodesGiveThreeVotersAndListEveryNode() throws Exception {
        try (LocalCluster cluster = TestClusters.withoutClient().nodes(5).start()) {
            List<NodeInfo> members = members(cluster);
            assertThat(members).extracting(NodeInfo::address).containsExactlyInAnyOrderElementsOf(cluster.addresses());
            Map<NodeRole, Long> roles = members.stream()
                    .collect(Collectors.groupingBy(NodeInfo::role, Collectors.counting()));
            assertThat(roles.get(NodeRole.VOTER)).isEqualTo(3L);
            assertThat(cluster.nodes().stream().map(LocalNode::id).collect(Collectors.toSet())).hasSize(5);
            assertThat(cluster.nodes().stream().collect(Collectors.toMap(LocalNode::address, Function.identity())))
                    .containsKey(cluster.leader().address());
        }
    }
}
