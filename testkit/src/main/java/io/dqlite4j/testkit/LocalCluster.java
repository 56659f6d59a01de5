package io.dqlite4j.testkit;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A real dqlite cluster on loopback: {@code dqlite-demo} nodes started as child processes of this
 * JVM, with free ports and throwaway data directories.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(3)) {
 *     Connection c = DriverManager.getConnection(cluster.jdbcUrl());
 *     cluster.leader().kill();
 *     cluster.awaitLeader(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} returns only once the cluster is usable for fault tests: a confirmed
 * leader, every node listed, and as many voters as dqlite-demo will make (it adds joining nodes as
 * spares and promotes them asynchronously; killing a node before that can lose quorum). That is
 * every node for one or three nodes, three voters (the others stand-bys or spares) for more, and a
 * single voter plus a spare for two nodes: go-dqlite's role management keeps one voter until the
 * cluster has three nodes, so a two-node cluster cannot survive the loss of its leader.
 *
 * <p>Everything that needs the dqlite protocol (leader, membership, leadership transfer) goes
 * through the native {@link DqliteClient}. Every wait is bounded, and a failed wait throws an
 * {@link IllegalStateException} whose message carries the tail of every node's log.
 *
 * <p>{@link #close()} kills every node and deletes the data directories; a JVM shutdown hook does
 * the same for clusters that were never closed. Instances are thread-safe.
 */
public final class LocalCluster implements AutoCloseable {

    /** dqlite-demo (go-dqlite's app) promotes at most this many nodes to voter, and only from this size on. */
    private static final int MAX_VOTERS = 3;
    /** Each protocol call of a polling loop gets at most this long. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final long POLL_MILLIS = 100;
    /** {@link #leader()} waits this long for an election in progress to finish. */
    private static final Duration LEADER_WAIT = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** Lost races for a port are retried this many times in all. */
    private static final int START_ATTEMPTS = 3;
    /** Lines of each node's log in failure messages. */
    private static final int FAILURE_TAIL_LINES = 25;

    private final ServerVersion server;
    private final String database;
    private final Duration startupTimeout;
    private final int initialNodes;
    private final Path dataRoot;
    private final boolean ownsDataRoot;
    private final AdminProbe probe;
    /** The cluster certificate when the nodes serve TLS, else null. */
    private final TlsFiles tls;
    private final boolean ownsTlsFiles;
    /** {@code ?tls_…} for a TLS cluster's URLs, else empty. */
    private final String tlsQuery;
    private final TlsClusterLock tlsLock;
    private final List<LocalNode> nodes = new CopyOnWriteArrayList<>();

    private DqliteClient client; // guarded by this
    private volatile boolean closed;

    private LocalCluster(Builder b, ServerVersion server, TlsClusterLock tlsLock) {
        this.server = server;
        this.tlsLock = tlsLock;
        this.database = b.database;
        this.startupTimeout = b.startupTimeout;
        this.initialNodes = b.nodes;
        try {
            if (b.dataRoot == null) {
                this.dataRoot = Files.createTempDirectory("dqlite4j-cluster-");
                this.ownsDataRoot = true;
            } else {
                this.dataRoot = Files.createDirectories(b.dataRoot.toAbsolutePath());
                this.ownsDataRoot = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster's data root", e);
        }
        if (b.tls == null) {
            this.tls = null;
            this.ownsTlsFiles = false;
        } else {
            this.ownsTlsFiles = b.tls.isEmpty();
            this.tls = b.tls.orElseGet(() -> TlsFiles.generate(dataRoot.resolve("tls")));
        }
        this.tlsQuery = tls == null ? "" : "?" + tls.loopbackUrlParameters();
        this.probe = b.probeFactory != null ? b.probeFactory.create(this::liveAddresses, database)
                : new ClientProbe(this::liveAddresses, database, tlsQuery);
        Reaper.register(this);
    }

    /** A builder with the defaults: 3 nodes, {@link ServerVersion#current()}, database {@code default}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a cluster of {@code nodes} nodes with the defaults; see {@link Builder#start()}. */
    public static LocalCluster start(int nodes) {
        return builder().nodes(nodes).start();
    }

    // ---- topology ----

    /** The nodes, in start order (nodes added by {@link #addNode()} last). */
    public List<LocalNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The node at {@code index} (0-based) of {@link #nodes()}. */
    public LocalNode node(int index) {
        List<LocalNode> all = nodes();
        if (index < 0 || index >= all.size()) {
            throw new IndexOutOfBoundsException("node " + index + " of a cluster of " + all.size() + " nodes");
        }
        return all.get(index);
    }

    /** Every node's {@code host:port}, in {@link #nodes()} order, whether running or not. */
    public List<String> addresses() {
        return nodes.stream().map(LocalNode::address).collect(Collectors.toUnmodifiableList());
    }

    /** The server generation the nodes run. */
    public ServerVersion server() {
        return server;
    }

    /** The database name used by {@link #url()} and friends. */
    public String database() {
        return database;
    }

    /** The directory holding the nodes' data directories. */
    public Path dataRoot() {
        return dataRoot;
    }

    // ---- URLs ----

    /** {@code dqlite://a1,a2,a3/<database>}: every node is a seed. */
    public String url() {
        return url(database);
    }

    /**
     * {@code dqlite://a1,a2,a3/<name>}; for a TLS cluster followed by
     * {@code ?tls_ca=…&tls_cert=…&tls_key=…} (the cluster certificate as CA and client certificate)
     * and, when the certificate does not name 127.0.0.1, {@code &tls_server_name=} its first DNS
     * name ({@link TlsFiles#loopbackUrlParameters()}).
     */
    public String url(String database) {
        return "dqlite://" + String.join(",", addresses()) + "/" + checkDatabase(database) + tlsQuery;
    }

    /**
     * The cluster certificate when the nodes serve TLS ({@link Builder#tls()}).
     *
     * @return the certificate and key files, or empty for a plain TCP cluster
     */
    public Optional<TlsFiles> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * Whether {@code server} serves TLS ({@code dqlite-demo --cert/--key}): 1.18 and newer.
     *
     * @param server the generation
     * @return whether a TLS cluster can run on it
     */
    public static boolean servesTls(ServerVersion server) {
        return server != ServerVersion.V1_11;
    }

    /** {@code jdbc:dqlite://a1,a2,a3/<database>}. */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /** {@code jdbc:dqlite://a1,a2,a3/<name>}. */
    public String jdbcUrl(String database) {
        return "jdbc:" + url(database);
    }

    /** {@code r2dbc:dqlite://a1,a2,a3/<database>}. */
    public String r2dbcUrl() {
        return r2dbcUrl(database);
    }

    /** {@code r2dbc:dqlite://a1,a2,a3/<name>}. */
    public String r2dbcUrl(String database) {
        return "r2dbc:" + url(database);
    }

    // ---- protocol-level operations ----

    /**
     * The node the cluster confirms as leader. Waits up to 15 s if an election is in progress (for
     * example right after the leader was killed).
     *
     * @throws IllegalStateException if no live node is confirmed leader in that time
     */
    public LocalNode leader() {
        return awaitLeader(LEADER_WAIT);
    }

    /**
     * Polls until a node that is running and not paused is confirmed leader, and returns it.
     *
     * @throws IllegalStateException on timeout, with every node's log tail
     */
    public LocalNode awaitLeader(Duration timeout) {
        requireOpen();
        return poll("a confirmed leader among the live nodes", deadline(timeout), (callTimeout, note) -> {
            NodeInfo leader = probe.leader(callTimeout);
            LocalNode node = nodeAt(leader.address());
            if (node == null) {
                note.accept("leader " + leader.address() + " is not a node of this cluster");
                return null;
            }
            if (!node.isLive()) {
                // A stale answer naming a node we just killed or paused.
                note.accept("leader " + node);
                return null;
            }
            return node;
        });
    }

    /**
     * Moves the leadership to {@code target} and waits until the cluster confirms it as leader.
     * Returns at once if it already leads. Bounded by the startup timeout.
     *
     * @throws IllegalArgumentException if {@code target} is not a node of this cluster
     * @throws IllegalStateException if {@code target} is not live, or on timeout
     */
    public void transferLeadership(LocalNode target) {
        requireOpen();
        if (!nodes.contains(target)) {
            throw new IllegalArgumentException(target + " is not a node of this cluster");
        }
        if (!target.isLive()) {
            throw new IllegalStateException("cannot transfer leadership to " + target + ": it is not live");
        }
        long targetId = target.id();
        poll("leadership to move to " + target, deadline(startupTimeout), (callTimeout, note) -> {
            NodeInfo leader = probe.leader(callTimeout);
            note.accept("leader " + leader.address());
            if (leader.address().equals(target.address())) {
                return target;
            }
            // Retried on every round: Raft refuses a transfer to a follower that is lagging behind.
            probe.transferLeadership(targetId, callTimeout);
            return probe.leader(callTimeout).address().equals(target.address()) ? target : null;
        });
    }

    /**
     * Starts one more node that joins the cluster through the live nodes, and returns once the
     * cluster lists it (dqlite-demo first adds it as a spare; it may be promoted later).
     *
     * @throws IllegalStateException on failure or timeout, with every node's log tail
     */
    public synchronized LocalNode addNode() {
        requireOpen();
        int index = nodes.size();
        for (int attempt = 1; ; attempt++) {
            List<String> join = liveAddresses();
            if (join.isEmpty()) {
                throw new IllegalStateException("cannot add a node: no live node to join");
            }
            int[] ports = Ports.allocate(2);
            LocalNode node = newNode(index, ports[0], ports[1], join);
            nodes.add(node); // from now on close() kills it and failure messages show its log
            try {
                long deadline = deadline(startupTimeout);
                node.launch();
                node.awaitPort(deadline);
                poll(node + " to be listed in the cluster", deadline, (callTimeout, note) -> {
                    node.checkAlive();
                    List<NodeInfo> members = probe.cluster(callTimeout);
                    note.accept("members " + members);
                    return members.stream().anyMatch(m -> m.address().equals(node.address())) ? node : null;
                });
                return node;
            } catch (NodeFailedException e) {
                discard(List.of(node));
                nodes.remove(node);
                if (!e.portConflict() || attempt >= START_ATTEMPTS) {
                    throw failure(e.getMessage(), null);
                }
            } catch (RuntimeException | Error e) {
                discard(List.of(node));
                nodes.remove(node);
                throw e;
            }
        }
    }

    /**
     * A native client connected to this cluster ({@link #url()}), created on first use and shared;
     * {@link #close()} closes it. Do not close it yourself.
     */
    public synchronized DqliteClient client() {
        requireOpen();
        if (client == null) {
            try {
                client = ClientProbe.await(DqliteClient.connect(url()), deadline(startupTimeout), DqliteClient::close);
            } catch (Exception e) {
                throw failure("could not connect a client to " + url() + ": " + e, e);
            }
        }
        return client;
    }

    /**
     * The last {@code lines} lines of every node's log, each under a header naming the node; what
     * failure messages carry. Handy in a test's own assertion messages.
     */
    public String logTails(int lines) {
        StringBuilder sb = new StringBuilder();
        for (LocalNode node : nodes) {
            sb.append("--- ").append(node).append(", log ").append(node.logFile()).append(":\n");
            String tail = node.tail(lines);
            sb.append(tail.isEmpty() ? "(empty)" : tail).append('\n');
        }
        return sb.toString();
    }

    // ---- shutdown ----

    /**
     * Kills every node (SIGKILL), waits for the processes to exit, closes the shared client and
     * deletes the data directories (and the data root if the cluster created it). Idempotent.
     *
     * @throws IllegalStateException if a process would not die (the directories are still removed)
     */
    @Override
    public void close() {
        DqliteClient c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            c = client;
            client = null;
        }
        List<String> problems = new ArrayList<>();
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                problems.add("closing the client: " + e);
            }
        }
        probe.close();
        discardAll(problems);
        Reaper.unregister(this);
        if (tlsLock != null) {
            tlsLock.close();
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("closing " + this + ": " + String.join("; ", problems));
        }
    }

    /** The shutdown hook's last resort: no client, no exceptions, just processes and directories. */
    void reap() {
        closed = true;
        discardAll(new ArrayList<>());
        if (tlsLock != null) {
            tlsLock.close();
        }
    }

    private void discardAll(List<String> problems) {
        List<LocalNode> all = nodes();
        // Signal every node first so that they die in parallel, then wait for each.
        all.forEach(LocalNode::destroyForcibly);
        for (LocalNode node : all) {
            try {
                if (!node.awaitExit(KILL_WAIT)) {
                    problems.add(node + " did not exit within " + KILL_WAIT.toSeconds() + " s of SIGKILL");
                }
            } catch (RuntimeException e) {
                problems.add(node + ": " + e);
            }
            Ports.release(node.port(), node.apiPort());
            deleteQuietly(node.dataDir(), problems);
        }
        if (ownsTlsFiles && !ownsDataRoot) {
            deleteQuietly(dataRoot.resolve("tls"), problems);
        }
        if (ownsDataRoot) {
            deleteQuietly(dataRoot, problems);
        }
    }

    /** {@code LocalCluster[dqlite 1.18.1, 3 nodes: 127.0.0.1:p1, ...]}. */
    @Override
    public String toString() {
        return "LocalCluster[" + server + ", " + nodes.size() + " nodes: " + String.join(", ", addresses()) + "]";
    }

    // ---- startup ----

    private void startNodes() {
        for (int attempt = 1; ; attempt++) {
            long deadline = deadline(startupTimeout);
            try {
                launchInitialNodes(deadline);
                awaitFormed(deadline);
                return;
            } catch (NodeFailedException e) {
                IllegalStateException failure = failure(e.getMessage(), null);
                if (!e.portConflict() || attempt >= START_ATTEMPTS) {
                    throw failure;
                }
                // Another process took a port between our probe and the server's bind: start over
                // from clean directories with new ports.
                discard(nodes());
                nodes.clear();
            }
        }
    }

    private void launchInitialNodes(long deadline) {
        int[] ports = Ports.allocate(2 * initialNodes);
        String bootstrap = "127.0.0.1:" + ports[0];
        for (int i = 0; i < initialNodes; i++) {
            nodes.add(newNode(i, ports[2 * i], ports[2 * i + 1], i == 0 ? List.of() : List.of(bootstrap)));
        }
        LocalNode first = nodes.get(0);
        first.launch();
        first.awaitPort(deadline);
        List<LocalNode> others = nodes().subList(1, initialNodes);
        // Joins run concurrently: each asks the leader to add it and the app promotes them in turn.
        others.forEach(LocalNode::launch);
        others.forEach(n -> n.awaitPort(deadline));
    }

    private void awaitFormed(long deadline) {
        List<LocalNode> expected = nodes();
        int voters = expectedVoters(expected.size());
        String what = voters == expected.size()
                ? "a leader and all " + expected.size() + " nodes listed as voters"
                : "a leader, " + voters + " voter(s) and all " + expected.size() + " nodes listed";
        Set<String> ours = expected.stream().map(LocalNode::address).collect(Collectors.toSet());
        poll(what, deadline, (callTimeout, note) -> {
            expected.forEach(LocalNode::checkAlive);
            List<NodeInfo> members = probe.cluster(callTimeout);
            NodeInfo leader = probe.leader(callTimeout);
            note.accept("leader " + leader.address() + ", members " + members);
            Set<String> listed = members.stream().map(NodeInfo::address).collect(Collectors.toSet());
            long voting = members.stream()
                    .filter(m -> m.role() == NodeRole.VOTER && ours.contains(m.address()))
                    .count();
            boolean ready = ours.contains(leader.address()) && listed.containsAll(ours) && voting >= voters;
            return ready ? Boolean.TRUE : null;
        });
    }

    /**
     * How many voters dqlite-demo settles on for a cluster of {@code size} nodes. go-dqlite's role
     * management keeps a single voter (the leader) while the cluster has fewer than three nodes, so
     * a two-node cluster is one voter and one spare; from three nodes on, it keeps three voters and
     * makes the rest stand-bys (up to three) or spares.
     */
    static int expectedVoters(int size) {
        return size < MAX_VOTERS ? 1 : MAX_VOTERS;
    }

    private LocalNode newNode(int index, int port, int apiPort, List<String> join) {
        Path dir = dataRoot.resolve("node-" + (index + 1));
        try {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    if (entries.iterator().hasNext()) {
                        // Stale Raft state would make the node rejoin some old cluster.
                        throw new IllegalStateException("data directory " + dir + " is not empty; LocalCluster"
                                + " needs fresh directories (choose another dataRoot)");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return new LocalNode(this, index, port, apiPort, dir, join);
    }

    /** Kills the given nodes and removes their directories, for a retry. */
    private void discard(List<LocalNode> doomed) {
        List<String> ignored = new ArrayList<>();
        doomed.forEach(LocalNode::destroyForcibly);
        for (LocalNode node : doomed) {
            node.awaitExit(KILL_WAIT);
            Ports.release(node.port(), node.apiPort());
            deleteQuietly(node.dataDir(), ignored);
        }
    }

    // ---- helpers shared with LocalNode ----

    /** The node's id from the cluster listing, for when its identity file cannot be read. */
    long idFromListing(LocalNode node) {
        requireOpen();
        return poll(node + " to be listed in the cluster", deadline(startupTimeout), (callTimeout, note) -> {
            List<NodeInfo> members = probe.cluster(callTimeout);
            note.accept("members " + members);
            return members.stream().filter(m -> m.address().equals(node.address()))
                    .map(NodeInfo::id).findFirst().orElse(null);
        });
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** A deadline one startup timeout from now. */
    long deadline() {
        return deadline(startupTimeout);
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /** An exception for a failed wait, with the cluster's identity and every node's log tail. */
    IllegalStateException failure(String message, Throwable cause) {
        return new IllegalStateException(this + ": " + message + "\n" + logTails(FAILURE_TAIL_LINES), cause);
    }

    private List<String> liveAddresses() {
        return nodes.stream().filter(LocalNode::isLive).map(LocalNode::address).collect(Collectors.toList());
    }

    private LocalNode nodeAt(String address) {
        for (LocalNode node : nodes) {
            if (node.address().equals(address)) {
                return node;
            }
        }
        return null;
    }

    private static String checkDatabase(String name) {
        Objects.requireNonNull(name, "database");
        if (name.isEmpty() || name.chars().anyMatch(ch -> ch == '/' || ch == '?' || ch == '#' || ch == '%'
                || ch == ',' || Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            throw new IllegalArgumentException("database name '" + name + "' cannot be put in a URL path;"
                    + " use a plain name such as 'default'");
        }
        return name;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private static void deleteQuietly(Path dir, List<String> problems) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            problems.add("deleting " + dir + ": " + e);
        }
    }

    /** One round of a polling loop: a result when done, {@code null} to go again. */
    @FunctionalInterface
    private interface Attempt<T> {
        T once(Duration callTimeout, Consumer<String> note) throws Exception;
    }

    /**
     * Runs {@code attempt} every 100 ms until it returns a result or {@code deadline} passes.
     * Transient failures (a node not answering, no leader yet) are retried and the last one is
     * reported on timeout; a dead node or a missing client implementation ends the wait at once.
     */
    private <T> T poll(String what, long deadline, Attempt<T> attempt) {
        long started = System.nanoTime();
        String[] lastSeen = {"nothing yet"};
        Throwable lastError = null;
        while (true) {
            long remaining = deadline - System.nanoTime();
            // The last round still gets a fair chance to answer.
            Duration callTimeout = Duration.ofNanos(Math.min(CALL_TIMEOUT.toNanos(),
                    Math.max(remaining, TimeUnit.MILLISECONDS.toNanos(500))));
            try {
                T result = attempt.once(callTimeout, s -> lastSeen[0] = s);
                if (result != null) {
                    return result;
                }
                lastError = null;
            } catch (NodeFailedException e) {
                throw e;
            } catch (UnsupportedOperationException e) {
                throw failure("cannot wait for " + what + ": the native client cannot do it (" + e + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw failure("timed out after " + seconds(System.nanoTime() - started) + " waiting for " + what
                        + "; last seen: " + lastSeen[0]
                        + (lastError == null ? "" : "; last error: " + lastError), lastError);
            }
            sleep(POLL_MILLIS);
        }
    }

    /**
     * Configures and starts a {@link LocalCluster}. Defaults: 3 nodes, {@link ServerVersion#current()},
     * database {@code default}, 60 s startup timeout, a fresh temporary data root.
     */
    public static final class Builder {
        private int nodes = 3;
        private ServerVersion server;
        private String database = "default";
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Path dataRoot;
        /** Null for plain TCP; empty for a generated certificate. */
        private Optional<TlsFiles> tls;
        private AdminProbe.Factory probeFactory;

        private Builder() {
        }

        /**
         * How many nodes to start (at least 1). dqlite-demo makes three of them voters from three
         * nodes on, and only one (the leader) for two nodes.
         */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, got " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** The server generation to run. */
        public Builder server(ServerVersion server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** The database name of {@link LocalCluster#url()} and friends. */
        public Builder database(String database) {
            this.database = checkDatabase(database);
            return this;
        }

        /**
         * The bound of every wait of the cluster that takes no explicit timeout: startup, adding a
         * node, restarting one, transferring leadership, connecting {@link LocalCluster#client()}.
         */
        public Builder startupTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startup timeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * The directory under which the node directories ({@code node-1}, ...) are created. It is
         * created if missing and kept by {@link LocalCluster#close()} (only the node directories are
         * deleted); the default is a fresh temporary directory that is deleted.
         */
        public Builder dataRoot(Path dataRoot) {
            this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
            return this;
        }

        /**
         * Nodes serve mutual TLS ({@code dqlite-demo --cert/--key}) with a freshly generated
         * self-signed EC certificate naming {@code localhost} and {@code 127.0.0.1}; the
         * cluster's URLs carry {@code tls_ca}, {@code tls_cert} and {@code tls_key}. Needs 1.18 or
         * newer ({@link #start()} refuses 1.11).
         *
         * <p>Only one TLS cluster runs on a host at a time: go-dqlite names an abstract unix
         * socket after the node ID, which is the same for every bootstrap node. {@link #start()}
         * therefore waits (up to the startup timeout) until no other TLS cluster of any JVM on
         * this host runs; a file lock in {@code java.io.tmpdir} orders them.
         */
        public Builder tls() {
            this.tls = Optional.empty();
            return this;
        }

        /**
         * Like {@link #tls()} with a given certificate and key (the certificate is also the CA).
         *
         * @param files the cluster certificate
         */
        public Builder tls(TlsFiles files) {
            this.tls = Optional.of(Objects.requireNonNull(files, "files"));
            return this;
        }

        /** Replaces the native client in the cluster's waits; for the testkit's own tests. */
        Builder probe(AdminProbe.Factory factory) {
            this.probeFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Starts the nodes and waits until the cluster is ready (see {@link LocalCluster}).
         * On failure every started process is killed and the directories are removed.
         *
         * @throws IllegalStateException if the server is not installed, or the cluster does not
         *         form within the startup timeout (the message carries every node's log tail)
         */
        public LocalCluster start() {
            ServerVersion chosen = server != null ? server : ServerVersion.current();
            chosen.launcher(); // fail before creating anything when the server is not installed
            if (tls != null && !servesTls(chosen)) {
                throw new IllegalStateException("dqlite " + chosen.version() + " does not serve TLS (its dqlite-demo has"
                        + " no --cert/--key); TLS clusters need 1.18 or newer");
            }
            TlsClusterLock lock = tls == null ? null : TlsClusterLock.acquire(startupTimeout.multipliedBy(5));
            LocalCluster cluster;
            try {
                cluster = new LocalCluster(this, chosen, lock);
            } catch (RuntimeException | Error e) {
                if (lock != null) {
                    lock.close();
                }
                throw e;
            }
            try {
                cluster.startNodes();
                return cluster;
            } catch (RuntimeException | Error e) {
                try {
                    cluster.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
