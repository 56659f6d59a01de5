package io.dqlite4j.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the cluster's leader and returns a connection to it (PROTOCOL.md §9.2).
 *
 * <p>One round: the last known leader is asked first; if it no longer leads, every seed is asked
 * in parallel (at most {@code concurrent_leader_conns} at a time) with LEADER. A node that names
 * itself is the leader. A node that names another is a redirect: the address is validated like a
 * seed (no unspecified, multicast or malformed address is ever dialled) and that node must
 * confirm by naming itself. Rounds repeat with capped, jittered exponential backoff (100 ms
 * doubling, at most 1 s, ±10 %) up to {@code max_attempts} and {@code max_elapsed}.
 */
final class LeaderFinder {
    private static final long BACKOFF_BASE_MILLIS = 100;
    private static final long BACKOFF_CAP_MILLIS = 1000;

    private final DqliteConfig config;
    private volatile NodeAddress lastLeader;
    /** The SSLException of the latest failed TLS handshake, kept as the cause of a NoLeaderException. */
    private volatile Throwable tlsFailure;

    LeaderFinder(DqliteConfig config) {
        this.config = config;
    }

    /** The last leader a round confirmed, or null. */
    NodeAddress lastLeader() {
        return lastLeader;
    }

    /** Forgets the last leader (after a failover or a leadership transfer). */
    void forgetLeader() {
        lastLeader = null;
    }

    /** A connection to a confirmed leader, with no database opened yet. */
    CompletableFuture<DqliteConnection> connect() {
        CompletableFuture<DqliteConnection> result = new CompletableFuture<>();
        attempt(1, System.nanoTime(), new ConcurrentLinkedQueue<>(), result);
        return result;
    }

    private void attempt(int n, long startNanos, ConcurrentLinkedQueue<String> errors,
            CompletableFuture<DqliteConnection> result) {
        round(errors).whenComplete((conn, e) -> {
            if (conn != null) {
                lastLeader = conn.address();
                if (!result.complete(conn)) {
                    conn.close();
                }
                return;
            }
            long elapsed = System.nanoTime() - startNanos;
            boolean outOfTime = config.maxElapsed().map(d -> elapsed >= d.toNanos()).orElse(false);
            if (n >= config.maxAttempts() || outOfTime) {
                result.completeExceptionally(new NoLeaderException("no leader found among " + config.seeds()
                        + " after " + n + " attempt(s) in " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms: "
                        + summarize(errors), tlsFailure));
                return;
            }
            long backoff = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(10, n - 1));
            long jittered = (long) (backoff * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
            Transport.group().schedule(() -> attempt(n + 1, startNanos, errors, result), jittered, TimeUnit.MILLISECONDS);
        });
    }

    private CompletableFuture<DqliteConnection> round(ConcurrentLinkedQueue<String> errors) {
        NodeAddress known = lastLeader;
        if (known == null) {
            return sweep(errors);
        }
        return probe(known, errors).thenCompose(conn -> {
            if (conn != null) {
                return CompletableFuture.completedFuture(conn);
            }
            lastLeader = null;
            return sweep(errors);
        });
    }

    /** Probes every seed, at most {@code concurrent_leader_conns} at once; the first confirmed leader wins. */
    private CompletableFuture<DqliteConnection> sweep(ConcurrentLinkedQueue<String> errors) {
        List<NodeAddress> seeds = new ArrayList<>(config.seeds());
        CompletableFuture<DqliteConnection> winner = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger outstanding = new AtomicInteger(seeds.size());
        int parallel = Math.min(seeds.size(), config.concurrentLeaderConns());
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= seeds.size()) {
                return;
            }
            if (winner.isDone()) {
                if (outstanding.decrementAndGet() == 0) {
                    winner.complete(null);
                }
                launch[0].run();
                return;
            }
            probe(seeds.get(i), errors).whenComplete((conn, e) -> {
                if (conn != null && !winner.complete(conn)) {
                    conn.close(); // another probe won first
                }
                if (outstanding.decrementAndGet() == 0) {
                    winner.complete(null);
                }
                launch[0].run();
            });
        };
        for (int i = 0; i < parallel; i++) {
            launch[0].run();
        }
        return winner;
    }

    /**
     * Asks one node for the leader. Completes with a connection to the confirmed leader, or with
     * null (never exceptionally) when this node does not lead to one; the reason is recorded.
     */
    CompletableFuture<DqliteConnection> probe(NodeAddress address, ConcurrentLinkedQueue<String> errors) {
        long budgetMillis = Math.max(1, config.attemptTimeout().toMillis());
        CompletableFuture<DqliteConnection> result = new CompletableFuture<>();
        Opened opened = new Opened();
        dialAndAsk(address, opened).thenCompose(first -> {
            DqliteConnection conn = first.connection;
            String reported = first.server.address();
            if (!first.server.knowsLeader()) {
                conn.close();
                errors.add(address + ": knows no leader");
                return CompletableFuture.completedFuture(null);
            }
            NodeAddress leader;
            try {
                leader = NodeAddress.parse(reported);
            } catch (IllegalArgumentException e) {
                conn.close();
                errors.add(address + ": named an invalid leader address (" + e.getMessage() + ")");
                return CompletableFuture.completedFuture(null);
            }
            if (leader.equals(address)) {
                return CompletableFuture.completedFuture(conn);
            }
            conn.close();
            return dialAndAsk(leader, opened).thenApply(second -> {
                if (second.server.knowsLeader() && leader.equals(safeParse(second.server.address()))) {
                    return second.connection;
                }
                second.connection.close();
                errors.add(address + ": redirected to " + leader + ", which does not confirm it leads");
                return null;
            });
        }).orTimeout(budgetMillis, TimeUnit.MILLISECONDS).whenComplete((conn, e) -> {
            opened.done.set(true);
            if (e != null) {
                Throwable cause = DqliteConnection.unwrap(e);
                if (cause.getCause() instanceof javax.net.ssl.SSLException) {
                    tlsFailure = cause.getCause();
                }
                errors.add(address + ": " + (cause instanceof java.util.concurrent.TimeoutException
                        ? "no answer within attempt_timeout " + budgetMillis + " ms" : cause.getMessage()));
                opened.all.forEach(DqliteConnection::close);
                result.complete(null);
            } else {
                // Close every probe connection except the one that is handed over.
                opened.all.stream().filter(c -> c != conn).forEach(DqliteConnection::close);
                result.complete(conn);
            }
        });
        return result;
    }

    private record Answer(DqliteConnection connection, io.dqlite4j.wire.Response.Server server) {
    }

    /** The connections one probe opened; any that arrives after the probe ended is closed at once. */
    private static final class Opened {
        final List<DqliteConnection> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    }

    private CompletableFuture<Answer> dialAndAsk(NodeAddress address, Opened opened) {
        return DqliteConnection.dial(address, config).thenCompose(conn -> {
            opened.all.add(conn);
            if (opened.done.get()) {
                conn.close();
            }
            return conn.leader().thenApply(server -> new Answer(conn, server));
        });
    }

    private static NodeAddress safeParse(String address) {
        try {
            return NodeAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String summarize(ConcurrentLinkedQueue<String> errors) {
        StringBuilder sb = new StringBuilder();
        java.util.LinkedHashSet<String> unique = new java.util.LinkedHashSet<>(errors);
        int shown = 0;
        for (String e : unique) {
            if (shown++ == 16) {
                sb.append("; …");
                break;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.length() > 200 ? e.substring(0, 200) + "…" : e);
        }
        return sb.length() == 0 ? "no node answered" : sb.toString();
    }
}
