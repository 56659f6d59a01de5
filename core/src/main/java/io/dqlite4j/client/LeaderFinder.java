package io.dqlite4j.client;

import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.Request;
import io.dqlite4j.wire.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the cluster's leader and returns a connection to it (docs/servers.md, "Leader
 * discovery").
 *
 * <p>One round: the last known leader is asked first; if it no longer leads, the seeds and the
 * members learned from the cluster are asked in parallel (at most {@code concurrent_leader_conns}
 * at a time) with LEADER. A node that names itself is the leader. A node that names another is a
 * redirect: the address is validated like a seed (no unspecified, multicast or malformed address
 * is ever dialled), must pass the redirect policy ({@link DqliteConfig#allowsRedirect}) and that
 * node must confirm by naming itself. Rounds repeat with capped, jittered exponential backoff
 * (100 ms doubling, at most 500 ms, ±10 %) up to {@code max_attempts} and {@code max_elapsed}.
 *
 * <p>A node that just went silent (a connection to it hit its timeout, or a probe got no answer)
 * is <em>suspect</em> for {@link #SUSPECT_NANOS}: it is not asked first as the last leader, its
 * probe gets at most {@link #SUSPECT_PROBE_MILLIS}, a redirect to it is not followed (followers
 * name a frozen leader until they elect another), and a round does not wait for its answer once
 * every other node has answered. A frozen (SIGSTOPped) leader accepts
 * connections but never answers; without this, every round would wait the full
 * {@code attempt_timeout} on it. Any answer from the node clears the suspicion.
 */
final class LeaderFinder {
    private static final long BACKOFF_BASE_MILLIS = 100;
    private static final long BACKOFF_CAP_MILLIS = 500;
    /** How long one probe of a suspect node (or a redirect to one) may take. */
    static final long SUSPECT_PROBE_MILLIS = 500;
    /**
     * Once one node of a round has answered, how much longer the round waits for the others
     * before it ends and the silent ones become suspect.
     */
    static final long STRAGGLER_GRACE_MILLIS = 500;
    /** How long a silent node stays suspect unless it answers first. */
    static final long SUSPECT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** At most this many members learned from CLUSTER are probed besides the seeds. */
    private static final int MAX_MEMBERS = 64;

    private final DqliteConfig config;
    private volatile NodeAddress lastLeader;
    /** The last leader any round confirmed; unlike lastLeader never forgotten (for leader-change events). */
    private volatile NodeAddress lastConfirmed;
    /** Suspect node → when it went silent (System.nanoTime). */
    private final Map<NodeAddress, Long> silentSince = new ConcurrentHashMap<>();
    /** Members the leader listed, beyond the seeds; replaced whenever a new leader is confirmed. */
    private volatile List<NodeAddress> members = List.of();
    /** The leader whose CLUSTER listing {@link #members} is. */
    private volatile NodeAddress membersFrom;
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

    /**
     * {@code address} left a request unanswered for the connection's whole timeout: it is
     * suspect, and forgotten as the leader if it was one.
     */
    void markSilent(NodeAddress address) {
        silentSince.put(address, System.nanoTime());
        if (address.equals(lastLeader)) {
            lastLeader = null;
        }
    }

    /** Whether {@code address} went silent recently and has not answered since. */
    boolean isSuspect(NodeAddress address) {
        Long since = silentSince.get(address);
        if (since == null) {
            return false;
        }
        if (System.nanoTime() - since > SUSPECT_NANOS) {
            silentSince.remove(address, since);
            return false;
        }
        return true;
    }

    /** The members (besides the seeds) learned from the cluster listing; for tests. */
    List<NodeAddress> members() {
        return members;
    }

    /** A connection to a confirmed leader, with no database opened yet. */
    CompletableFuture<DqliteConnection> connect() {
        CompletableFuture<DqliteConnection> result = new CompletableFuture<>();
        attempt(1, System.nanoTime(), new ConcurrentLinkedQueue<>(), result);
        return result;
    }

    private void attempt(int n, long startNanos, ConcurrentLinkedQueue<String> errors,
            CompletableFuture<DqliteConnection> result) {
        DqliteMetrics.listeners().discoveryAttempt();
        round(errors).thenCompose(this::learnMembers).whenComplete((conn, e) -> {
            if (conn != null) {
                lastLeader = conn.address();
                NodeAddress previous = lastConfirmed;
                lastConfirmed = conn.address();
                if (previous != null && !previous.equals(conn.address())) {
                    DqliteMetrics.listeners().leaderChanged(previous, conn.address());
                }
                if (!result.complete(conn)) {
                    conn.close();
                }
                return;
            }
            long elapsed = System.nanoTime() - startNanos;
            long backoff = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(10, n - 1));
            long jittered = (long) (backoff * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
            boolean outOfTime = config.maxElapsed()
                    .map(d -> elapsed + TimeUnit.MILLISECONDS.toNanos(jittered) >= d.toNanos()).orElse(false);
            if (n >= config.maxAttempts() || outOfTime) {
                result.completeExceptionally(new NoLeaderException("no leader found among " + candidates()
                        + " after " + n + " attempt(s) in " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms: "
                        + summarize(errors), tlsFailure));
                return;
            }
            Transport.group().schedule(() -> attempt(n + 1, startNanos, errors, result), jittered, TimeUnit.MILLISECONDS);
        });
    }

    private CompletableFuture<DqliteConnection> round(ConcurrentLinkedQueue<String> errors) {
        NodeAddress known = lastLeader;
        if (known == null || isSuspect(known)) {
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

    /**
     * After a new leader is confirmed, asks it for the members (CLUSTER) on the same connection, so
     * that a later sweep also reaches nodes that are not seeds: with a single seed that froze, the
     * other members are the only way to the new leader. Failures are ignored (the connection
     * reports them to its next user); addresses that fail validation or the redirect policy are
     * dropped.
     */
    private CompletableFuture<DqliteConnection> learnMembers(DqliteConnection conn) {
        if (conn == null || conn.address().equals(membersFrom)) {
            return CompletableFuture.completedFuture(conn);
        }
        return conn.send(new Request.Cluster()).handle((r, e) -> {
            if (e == null && r instanceof Response.Servers servers) {
                List<NodeAddress> learned = new ArrayList<>();
                for (NodeInfo node : servers.nodes()) {
                    NodeAddress a = safeParse(node.address());
                    if (a != null && !config.seeds().contains(a) && config.allowsRedirect(a) && !learned.contains(a)
                            && learned.size() < MAX_MEMBERS) {
                        learned.add(a);
                    }
                }
                members = List.copyOf(learned);
                membersFrom = conn.address();
            }
            return conn;
        });
    }

    /** Seeds, then learned members; nodes not suspect first, so that they are probed first. */
    private List<NodeAddress> candidates() {
        List<NodeAddress> all = new ArrayList<>(config.seeds());
        for (NodeAddress m : members) {
            if (!all.contains(m)) {
                all.add(m);
            }
        }
        List<NodeAddress> ordered = new ArrayList<>(all.size());
        for (NodeAddress a : all) {
            if (!isSuspect(a)) {
                ordered.add(a);
            }
        }
        for (NodeAddress a : all) {
            if (isSuspect(a)) {
                ordered.add(a);
            }
        }
        return ordered;
    }

    /**
     * Probes every candidate, at most {@code concurrent_leader_conns} at once; the first confirmed
     * leader wins. The round ends without a leader once every candidate that is not suspect has
     * answered (or all have, when every one is suspect), or {@link #STRAGGLER_GRACE_MILLIS} after
     * the first answer: a silent node does not hold it up.
     */
    private CompletableFuture<DqliteConnection> sweep(ConcurrentLinkedQueue<String> errors) {
        List<NodeAddress> nodes = candidates();
        int trusted = 0;
        for (NodeAddress a : nodes) {
            trusted += isSuspect(a) ? 0 : 1;
        }
        CompletableFuture<DqliteConnection> winner = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger outstanding = new AtomicInteger(nodes.size());
        AtomicInteger outstandingTrusted = new AtomicInteger(trusted);
        boolean waitForAll = trusted == 0;
        int parallel = Math.min(nodes.size(), config.concurrentLeaderConns());
        Set<NodeAddress> pending = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean graceStarted = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= nodes.size()) {
                return;
            }
            NodeAddress node = nodes.get(i);
            boolean suspect = isSuspect(node);
            pending.add(node);
            Runnable finished = () -> {
                pending.remove(node);
                int left = outstanding.decrementAndGet();
                int trustedLeft = suspect ? outstandingTrusted.get() : outstandingTrusted.decrementAndGet();
                if (left == 0 || (!waitForAll && trustedLeft == 0)) {
                    winner.complete(null);
                } else if (!winner.isDone() && graceStarted.compareAndSet(false, true)) {
                    // A node has answered; one that stays silent much longer than its peers is
                    // treated as frozen, so that it cannot hold every round for attempt_timeout.
                    Transport.group().schedule(() -> {
                        if (winner.complete(null)) {
                            pending.forEach(this::markSilent);
                        }
                    }, STRAGGLER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            };
            if (winner.isDone()) {
                finished.run();
                launch[0].run();
                return;
            }
            probe(node, errors).whenComplete((conn, e) -> {
                if (conn != null && !winner.complete(conn)) {
                    conn.close(); // another probe won first, or the round already ended
                }
                finished.run();
                launch[0].run();
            });
        };
        for (int i = 0; i < parallel; i++) {
            launch[0].run();
        }
        return winner;
    }

    /** How long one probe stage against {@code address} may take. */
    private long budgetMillis(NodeAddress address) {
        long attempt = Math.max(1, config.attemptTimeout().toMillis());
        return isSuspect(address) ? Math.min(attempt, SUSPECT_PROBE_MILLIS) : attempt;
    }

    /**
     * Asks one node for the leader. Completes with a connection to the confirmed leader, or with
     * null (never exceptionally) when this node does not lead to one; the reason is recorded.
     */
    CompletableFuture<DqliteConnection> probe(NodeAddress address, ConcurrentLinkedQueue<String> errors) {
        CompletableFuture<DqliteConnection> result = new CompletableFuture<>();
        Opened opened = new Opened();
        ask(address, opened, errors).thenCompose(first -> {
            if (first == null) {
                return CompletableFuture.completedFuture(null);
            }
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
            if (!config.allowsRedirect(leader)) {
                errors.add(address + ": redirected to " + leader + ", which the redirect policy refuses ("
                        + (config.redirectAllowlist().isEmpty() ? "a link-local address" : "not in redirect_allowlist")
                        + ")");
                return CompletableFuture.completedFuture(null);
            }
            if (isSuspect(leader)) {
                // Followers keep naming a frozen leader until they elect another. The suspect is
                // probed directly in the same sweep (it is a seed or a member) if it is one.
                errors.add(address + ": redirected to " + leader + ", which went silent recently");
                return CompletableFuture.completedFuture(null);
            }
            return ask(leader, opened, errors).thenApply(second -> {
                if (second == null) {
                    return null;
                }
                if (second.server.knowsLeader() && leader.equals(safeParse(second.server.address()))) {
                    return second.connection;
                }
                second.connection.close();
                errors.add(address + ": redirected to " + leader + ", which does not confirm it leads");
                return null;
            });
        }).whenComplete((conn, e) -> {
            opened.done.set(true);
            if (e != null) {
                Throwable cause = DqliteConnection.unwrap(e);
                recordTlsFailure(cause);
                errors.add(address + ": " + (cause instanceof java.util.concurrent.TimeoutException
                        ? "no answer within attempt_timeout " + budgetMillis(address) + " ms" : cause.getMessage()));
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

    /**
     * Dials {@code address} and asks LEADER within its budget. Completes with the answer, or with
     * null when the node cannot be reached or stays silent (recorded; a silent node becomes
     * suspect).
     */
    private CompletableFuture<Answer> ask(NodeAddress address, Opened opened, ConcurrentLinkedQueue<String> errors) {
        long budget = budgetMillis(address);
        return DqliteConnection.dial(address, config).thenCompose(conn -> {
            opened.all.add(conn);
            conn.watchSilence(this::markSilent);
            if (opened.done.get()) {
                conn.close();
            }
            return conn.leader().thenApply(server -> new Answer(conn, server));
        }).orTimeout(budget, TimeUnit.MILLISECONDS).handle((answer, e) -> {
            if (e == null) {
                silentSince.remove(address);
                return answer;
            }
            Throwable cause = DqliteConnection.unwrap(e);
            recordTlsFailure(cause);
            if (cause instanceof java.util.concurrent.TimeoutException) {
                markSilent(address);
                errors.add(address + ": no answer within " + budget + " ms");
            } else {
                errors.add(address + ": " + cause.getMessage());
            }
            opened.all.forEach(DqliteConnection::close);
            return null;
        });
    }

    /** Keeps the SSLException of a refused handshake, so that the NoLeaderException can carry it. */
    private void recordTlsFailure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                tlsFailure = c;
                return;
            }
        }
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
