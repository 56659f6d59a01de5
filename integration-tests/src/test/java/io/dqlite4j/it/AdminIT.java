package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cluster administration through the native client on a cluster this test owns. */
@Timeout(240)
class AdminIT {

    private static Optional<NodeInfo> member(DqliteClient client, String address) {
        return client.cluster().join().stream().filter(n -> n.address().equals(address)).findFirst();
    }

    private static void awaitRole(DqliteClient client, String address, Optional<NodeRole> role) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (member(client, address).map(NodeInfo::role).equals(role)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(member(client, address).map(NodeInfo::role)).isEqualTo(role);
    }

    private static void awaitListed(DqliteClient client, String address) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (member(client, address).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(member(client, address)).as(address + " is listed").isPresent();
    }

    @Test
    void transferAddAssignRemoveDescribeWeightDump() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3);
             DqliteClient client = DqliteClient.connect(cluster.url("admin")).join()) {
            // Listing: three voters, one of them the leader.
            List<NodeInfo> members = client.cluster().join();
            assertThat(members).hasSize(3).allMatch(n -> n.role() == NodeRole.VOTER);
            NodeInfo leader = client.leader().join();
            assertThat(members).extracting(NodeInfo::address).contains(leader.address());

            // Transfer leadership to a chosen follower and observe it.
            NodeInfo target = members.stream().filter(n -> n.id() != leader.id()).findFirst().orElseThrow();
            client.transferLeadership(target.id()).join();
            assertThat(client.leader().join().address()).isEqualTo(target.address());
            assertThat(cluster.leader().address()).isEqualTo(target.address());

            // A fourth node: it joins by itself (dqlite-demo); take it out, then add it back as a
            // spare with our client, promote it to voter, and remove it.
            LocalNode fourth = cluster.addNode();
            long fourthId = fourth.id();
            awaitListed(client, fourth.address());
            client.removeNode(fourthId).join();
            awaitRole(client, fourth.address(), Optional.empty());

            client.addNode(fourthId, fourth.address(), NodeRole.SPARE).join();
            // ADD makes a spare; dqlite-demo's own role manager may already have promoted it to standby.
            assertThat(member(client, fourth.address()).map(NodeInfo::role)).get()
                    .isIn(NodeRole.SPARE, NodeRole.STANDBY);
            client.assignRole(fourthId, NodeRole.VOTER).join();
            awaitRole(client, fourth.address(), Optional.of(NodeRole.VOTER));
            assertThatThrownBy(() -> client.addNode(fourthId, fourth.address(), NodeRole.SPARE).join())
                    .hasCauseInstanceOf(DqliteServerException.class);
            client.assignRole(fourthId, NodeRole.SPARE).join();
            client.removeNode(fourthId).join();
            awaitRole(client, fourth.address(), Optional.empty());

            // Describe and weight are per node.
            String some = cluster.node(1).address();
            client.setWeight(some, 7).join();
            assertThat(client.describe(some).join().weight()).isEqualTo(7);

            // Dump returns the database file and its WAL.
            client.execute("CREATE TABLE d (v TEXT)").join();
            client.execute("INSERT INTO d VALUES ('x')").join();
            Map<String, byte[]> files = client.dump("admin").join();
            assertThat(files).containsKeys("admin", "admin-wal");
            assertThat(files.get("admin").length + files.get("admin-wal").length).isPositive();
        }
    }
}
