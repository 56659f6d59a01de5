package io.dqlite4j.spring.boot;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.NodeAddress;
import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of the dqlite cluster, through the native client's admin API: the leader
 * (asked of the leader itself), the members with their roles, and how many voters accept a
 * connection. UP when a leader answers and a majority of the voters is reachable (the cluster
 * can commit and survive the loss of the leader as far as the majority allows), DOWN otherwise.
 *
 * <p>Details: {@code leader} (address), {@code members} (id, address, role), {@code voters},
 * {@code reachableVoters}. Every call is bounded by the configured timeout.
 */
public class DqliteHealthIndicator implements HealthIndicator, AutoCloseable {
    private final DqliteClient client;
    private final Duration timeout;

    /**
     * Creates the indicator.
     *
     * @param client the client to ask (closed with the indicator)
     * @param timeout the bound of each call
     */
    public DqliteHealthIndicator(DqliteClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        long millis = timeout.toMillis();
        try {
            NodeInfo leader = client.leader().get(millis, TimeUnit.MILLISECONDS);
            List<NodeInfo> members = client.cluster().get(millis, TimeUnit.MILLISECONDS);
            List<Map<String, Object>> described = new ArrayList<>();
            List<CompletableFuture<Boolean>> probes = new ArrayList<>();
            for (NodeInfo n : members) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", n.id());
                m.put("address", n.address());
                m.put("role", n.role().name());
                described.add(m);
                if (n.role() == NodeRole.VOTER) {
                    probes.add(reachable(n.address()));
                }
            }
            int reachable = 0;
            for (CompletableFuture<Boolean> p : probes) {
                try {
                    if (p.get(millis, TimeUnit.MILLISECONDS)) {
                        reachable++;
                    }
                } catch (Exception e) {
                    // counted as unreachable
                }
            }
            Health.Builder health = reachable > probes.size() / 2 ? Health.up() : Health.down();
            return health.withDetail("leader", leader.address())
                    .withDetail("members", described)
                    .withDetail("voters", probes.size())
                    .withDetail("reachableVoters", reachable)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down(e).withDetail("seeds", String.valueOf(client.config().seeds())).build();
        }
    }

    /** Whether the node accepts a connection and the protocol handshake. */
    private CompletableFuture<Boolean> reachable(String address) {
        return DqliteConnection.dial(NodeAddress.parse(address), client.config())
                .handle((conn, e) -> {
                    if (conn != null) {
                        conn.close();
                        return true;
                    }
                    return false;
                });
    }

    @Override
    public void close() {
        client.close();
    }
}
