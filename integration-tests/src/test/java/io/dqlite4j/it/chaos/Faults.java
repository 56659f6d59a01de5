package io.dqlite4j.it.chaos;

import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteUrl;
import io.dqlite4j.client.NodeAddress;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.wire.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Injects one fault into the leader and measures the failover: from the fault to the moment a
 * surviving node reports itself leader (the election, observed by asking every survivor LEADER
 * every {@value #POLL_MILLIS} ms), and from the election to the first write a workload had
 * acknowledged.
 */
final class Faults {
    static final long POLL_MILLIS = 20;
    static final Duration PAUSE = Duration.ofSeconds(10);

    enum Kind {
        /** kill -9 of the leader; restarted once the cluster writes again. */
        KILL,
        /** SIGSTOP of the leader for {@link #PAUSE}, then SIGCONT. */
        PAUSE,
        /** Leadership moved to another voter. */
        TRANSFER
    }

    /** One fault's timings, in milliseconds. */
    record Failover(Kind kind, long electionMillis, long firstWriteMillis) {
        @Override
        public String toString() {
            return String.format("%s: new leader %d ms after the fault, first write %d ms after the election", kind,
                    electionMillis, firstWriteMillis);
        }
    }

    private Faults() {
    }

    static Failover inject(Kind kind, LocalCluster cluster, SetWorkload writes) throws Exception {
        LocalNode old = cluster.leader();
        List<LocalNode> survivors = cluster.nodes().stream().filter(n -> n != old && n.isRunning() && !n.isPaused()).toList();
        long faultAt = System.nanoTime();
        Long electedAt;
        switch (kind) {
            case KILL -> {
                old.kill();
                electedAt = awaitElection(cluster, survivors, Duration.ofSeconds(30));
            }
            case PAUSE -> {
                old.pause();
                try {
                    electedAt = awaitElection(cluster, survivors, PAUSE);
                } finally {
                    long left = faultAt + PAUSE.toNanos() - System.nanoTime();
                    if (left > 0) {
                        TimeUnit.NANOSECONDS.sleep(left);
                    }
                    old.resume();
                }
            }
            default -> {
                LocalNode target = survivors.get(0);
                Thread mover = new Thread(() -> cluster.transferLeadership(target), "chaos-transfer");
                mover.start();
                electedAt = awaitElection(cluster, survivors, Duration.ofSeconds(30));
                mover.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        if (electedAt == null) {
            throw new AssertionError("no survivor became leader after " + kind + " of " + old);
        }
        Long firstWrite = awaitWrite(writes, electedAt, Duration.ofSeconds(30));
        if (kind == Kind.KILL) {
            old.restart();
        }
        long firstWriteMillis = firstWrite == null ? -1 : TimeUnit.NANOSECONDS.toMillis(firstWrite - electedAt);
        return new Failover(kind, TimeUnit.NANOSECONDS.toMillis(electedAt - faultAt), firstWriteMillis);
    }

    /** When a survivor first named itself leader, or null if none did within {@code limit}. */
    private static Long awaitElection(LocalCluster cluster, List<LocalNode> survivors, Duration limit)
            throws InterruptedException {
        DqliteConfig config = DqliteUrl.parse(cluster.url() + "?timeout=0.5&dial_timeout=0.3");
        Map<LocalNode, DqliteConnection> conns = new HashMap<>();
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                for (LocalNode node : survivors) {
                    NodeAddress address = NodeAddress.parse(node.address());
                    try {
                        DqliteConnection conn = conns.get(node);
                        if (conn == null || conn.isClosed()) {
                            conn = DqliteConnection.dial(address, config).get(500, TimeUnit.MILLISECONDS);
                            conns.put(node, conn);
                        }
                        Response.Server s = conn.leader().get(500, TimeUnit.MILLISECONDS);
                        if (s.knowsLeader() && address.equals(NodeAddress.parse(s.address()))) {
                            return System.nanoTime();
                        }
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                            | RuntimeException e) {
                        DqliteConnection broken = conns.remove(node);
                        if (broken != null) {
                            broken.close();
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
            return null;
        } finally {
            conns.values().forEach(DqliteConnection::close);
        }
    }

    private static Long awaitWrite(SetWorkload writes, long after, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Long t = writes.firstAckAfter(after);
            if (t != null) {
                return t;
            }
            Thread.sleep(5);
        }
        return null;
    }
}
