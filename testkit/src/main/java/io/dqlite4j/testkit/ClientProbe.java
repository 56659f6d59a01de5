package io.dqlite4j.testkit;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.wire.NodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link AdminProbe} over the project's native client.
 *
 * <p>It keeps one client between calls (polling loops ask many times a second) but throws it away
 * after any failure or timeout: after a node is killed or paused, the old connection may point at
 * a dead or frozen leader, and a fresh connect seeded with the nodes that are live <em>now</em> is
 * the quickest way back to a working leader. This client is private to the cluster's waits; the
 * shared {@link LocalCluster#client()} is never recycled under its users.
 */
final class ClientProbe implements AdminProbe {

    private final Supplier<List<String>> liveAddresses;
    private final String database;
    /** URL query ({@code ?tls_…}) of a TLS cluster, else empty. */
    private final String query;
    private DqliteClient client; // guarded by this

    ClientProbe(Supplier<List<String>> liveAddresses, String database) {
        this(liveAddresses, database, "");
    }

    ClientProbe(Supplier<List<String>> liveAddresses, String database, String query) {
        this.liveAddresses = liveAddresses;
        this.database = database;
        this.query = query;
    }

    @Override
    public List<NodeInfo> cluster(Duration timeout) throws Exception {
        return call(DqliteClient::cluster, timeout);
    }

    @Override
    public NodeInfo leader(Duration timeout) throws Exception {
        return call(DqliteClient::leader, timeout);
    }

    @Override
    public void transferLeadership(long id, Duration timeout) throws Exception {
        call(c -> c.transferLeadership(id), timeout);
    }

    private synchronized <T> T call(Function<DqliteClient, CompletableFuture<T>> op, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (client == null) {
                List<String> seeds = liveAddresses.get();
                if (seeds.isEmpty()) {
                    throw new IllegalStateException("no live node to ask");
                }
                CompletableFuture<DqliteClient> connecting =
                        DqliteClient.connect("dqlite://" + String.join(",", seeds) + "/" + database + query);
                // A connect that finishes after we gave up must not leak its connection.
                client = await(connecting, deadline, DqliteClient::close);
            }
            return await(op.apply(client), deadline, null);
        } catch (Exception | Error e) {
            closeClient();
            throw e;
        }
    }

    /** Waits for {@code future} until {@code deadline}, unwrapping its failure. */
    static <T> T await(CompletableFuture<T> future, long deadlineNanos, Consumer<T> lateResult)
            throws Exception {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (lateResult != null) {
                // Cancelling would only orphan whatever the future is still building; hand it back
                // to be disposed of when it arrives instead.
                future.thenAccept(lateResult);
            } else {
                future.cancel(true);
            }
            throw e;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (CancellationException e) {
            throw new TimeoutException("cancelled");
        }
    }

    private synchronized void closeClient() {
        DqliteClient c = client;
        client = null;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // Best effort: the connection is being discarded because it already misbehaved.
            }
        }
    }

    @Override
    public void close() {
        closeClient();
    }
}
