package io.dqlite4j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One {@code dqlite-demo} node of a {@link LocalCluster}, running as a child process of this JVM.
 *
 * <p>A node keeps its address, port and data directory for its whole life, so that
 * {@link #restart()} brings back the same Raft member with its state. The fault-injection methods
 * act on the process: {@link #kill()} (SIGKILL, a crash), {@link #pause()}/{@link #resume()}
 * (SIGSTOP/SIGCONT, a frozen or partitioned node: the kernel still accepts TCP connections on its
 * port but nothing answers) and {@link #stop()} (SIGTERM, a clean shutdown). Each of them returns
 * only once the process is in the requested state.
 *
 * <p>The process's stdout and stderr go to {@link #logFile()} (started with {@code --verbose}), never
 * to the test console; {@link #tail(int)} gives the last lines for failure messages.
 *
 * <p>Methods are thread-safe. Linux only, as dqlite itself.
 */
public final class LocalNode {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration SIGNAL_WAIT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(250);
    private static final long PORT_POLL_MILLIS = 50;
    /** Never read more than this much of a log for a tail: logs are small, but bound it anyway. */
    private static final int MAX_TAIL_BYTES = 256 * 1024;
    /** Starts every line the testkit itself writes into a node's log, so a run's output can be found. */
    static final String LOG_MARKER = "=== dqlite4j testkit: ";

    private final LocalCluster cluster;
    private final int index;
    private final int port;
    private final int apiPort;
    private final Path dataDir;
    private final Path logFile;
    private final List<String> join;

    // Written under the node's lock, read without it (isRunning, the shutdown-hook reaper).
    private volatile Process process;
    private volatile boolean paused;
    private volatile boolean idKnown;
    private volatile long id;

    LocalNode(LocalCluster cluster, int index, int port, int apiPort, Path dataDir, List<String> join) {
        this.cluster = cluster;
        this.index = index;
        this.port = port;
        this.apiPort = apiPort;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolve("node.log");
        this.join = List.copyOf(join);
    }

    /** The node's position in {@link LocalCluster#nodes()}, 0-based. */
    public int index() {
        return index;
    }

    /** {@code node-1}, {@code node-2}, ...: the name used in log messages and data directories. */
    public String name() {
        return "node-" + (index + 1);
    }

    /** The node's Raft and client address, {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The node's Raft and client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The node's data directory ({@code --dir}); dqlite-demo keeps its state in a subdirectory named by the address. */
    public Path dataDir() {
        return dataDir;
    }

    /** The file that receives the node's stdout and stderr, across restarts. */
    public Path logFile() {
        return logFile;
    }

    /**
     * The operating-system process id of the node's current (or last) process. It changes on
     * {@link #restart()}.
     *
     * @throws IllegalStateException if the node was never started
     */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name() + " was never started");
        }
        return p.pid();
    }

    /** Whether the node's process is alive (a paused process is alive). */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Whether the node's process is stopped by {@link #pause()}. */
    public boolean isPaused() {
        return paused && isRunning();
    }

    /** Running and not paused: a node that can answer. */
    boolean isLive() {
        return isRunning() && !paused;
    }

    /**
     * The node's Raft id, as assigned by dqlite-demo when the node was first started. Read from
     * the node's own identity file when present, otherwise from the cluster listing; cached.
     */
    public long id() {
        if (!idKnown) {
            OptionalLong own = idFromInfoFile();
            long value = own.isPresent() ? own.getAsLong() : cluster.idFromListing(this);
            id = value;
            idKnown = true;
        }
        return id;
    }

    /**
     * go-dqlite's app writes {@code <dir>/<address>/info.yaml} ({@code ID: <decimal>}) before the
     * node starts, in both server generations. It is the id the node really uses, and reading it
     * needs neither a quorum nor a round trip.
     */
    private OptionalLong idFromInfoFile() {
        Path info = dataDir.resolve(address()).resolve("info.yaml");
        try {
            for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                String t = line.trim();
                if (t.startsWith("ID:")) {
                    return OptionalLong.of(Long.parseUnsignedLong(t.substring(3).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not written yet or an unexpected format: the caller falls back to the cluster listing.
        }
        return OptionalLong.empty();
    }

    /** SIGKILL, then waits for the process to be gone. A node that is not running is left alone. */
    public synchronized void kill() {
        Process p = process;
        paused = false;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroyForcibly();
        if (!awaitExit(p, KILL_WAIT)) {
            throw cluster.failure(name() + " (pid " + p.pid() + ") did not die within " + KILL_WAIT.toSeconds()
                    + " s of SIGKILL", null);
        }
    }

    /**
     * SIGSTOP: freezes the process. Its port keeps accepting connections (the kernel does that) but
     * nothing is answered, which is how a hung or partitioned node looks to its peers and clients.
     *
     * @throws IllegalStateException if the node is not running
     */
    public synchronized void pause() {
        requireRunning("pause");
        if (paused) {
            return;
        }
        Process p = process;
        signal(p.pid(), "STOP");
        awaitProcState(p, true);
        paused = true;
    }

    /** SIGCONT: undoes {@link #pause()}. A node that is not paused is left alone. */
    public synchronized void resume() {
        Process p = process;
        if (!paused || p == null || !p.isAlive()) {
            paused = false;
            return;
        }
        signal(p.pid(), "CONT");
        awaitProcState(p, false);
        paused = false;
    }

    /**
     * A clean shutdown: SIGTERM (dqlite-demo then hands over leadership and closes), waits up to 5 s,
     * then SIGKILL. A node that is not running is left alone.
     */
    public synchronized void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            paused = false;
            return;
        }
        p.destroy();
        if (paused) {
            // A stopped process only acts on SIGTERM once it runs again.
            signal(p.pid(), "CONT");
            paused = false;
        }
        if (!awaitExit(p, STOP_GRACE)) {
            kill();
        }
    }

    /**
     * Stops the node if it is running ({@link #stop()}), starts it again with the same address and
     * data directory, and waits until its port accepts TCP connections. Raft membership catches up
     * by itself afterwards; use {@link LocalCluster#awaitLeader} to wait for a leader.
     *
     * @throws IllegalStateException if the cluster is closed, or the node does not come back within
     *         the cluster's startup timeout (the message carries the log tails)
     */
    public void restart() {
        synchronized (this) {
            cluster.requireOpen();
            stop();
            launch();
        }
        try {
            awaitPort(cluster.deadline());
        } catch (NodeFailedException e) {
            // The port cannot move (it is the node's identity): report, do not retry.
            throw cluster.failure(e.getMessage(), null);
        }
    }

    /**
     * The last {@code lines} lines of {@link #logFile()}, for diagnostics. Never throws; returns a
     * note instead when the log cannot be read.
     */
    public String tail(int lines) {
        if (lines <= 0) {
            return "";
        }
        try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.READ)) {
            long size = ch.size();
            long start = Math.max(0, size - MAX_TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate((int) (size - start));
            while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
                // read until the snapshot of the file's size is in
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            List<String> all = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all.remove(all.size() - 1);
            }
            if (start > 0 && !all.isEmpty()) {
                all.remove(0); // cut mid-line
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (NoSuchFileException e) {
            return "(no log file " + logFile + ")";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** {@code node-1 127.0.0.1:40001 (pid 1234, running)}. */
    @Override
    public String toString() {
        return name() + " " + address() + " (" + state() + ")";
    }

    String state() {
        Process p = process;
        if (p == null) {
            return "not started";
        }
        if (p.isAlive()) {
            return "pid " + p.pid() + (paused ? ", paused" : ", running");
        }
        return "pid " + p.pid() + ", exited with code " + p.exitValue();
    }

    // ---- lifecycle used by LocalCluster ----

    int apiPort() {
        return apiPort;
    }

    /** Starts the process; the caller waits with {@link #awaitPort}. */
    synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException(this + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(
                cluster.server().launcher().toString(),
                "--verbose",
                "--db", address(),
                // Required by dqlite-demo although the testkit never uses its HTTP API.
                "--api", "127.0.0.1:" + apiPort,
                "--dir", dataDir.toString()));
        cluster.tls().ifPresent(t -> {
            command.add("--cert");
            command.add(t.certificate().toString());
            command.add("--key");
            command.add(t.key().toString());
        });
        if (!join.isEmpty()) {
            // Kept on restarts too: dqlite-demo ignores --join once the node has state, and a node
            // that died before it ever joined gets another chance.
            command.add("--join");
            command.add(String.join(",", join));
        }
        try {
            Files.createDirectories(dataDir);
            Files.writeString(logFile, LOG_MARKER + "starting " + name() + " at " + Instant.now() + ": "
                            + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            paused = false;
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name() + ": " + String.join(" ", command), e);
        }
    }

    /**
     * Waits until the node's port accepts a TCP connection.
     *
     * @throws NodeFailedException if the process dies first
     * @throws IllegalStateException on timeout
     */
    void awaitPort(long deadlineNanos) {
        Process p = process;
        long started = System.nanoTime();
        while (true) {
            checkAlive();
            // A connection alone is not proof: another process may have won the race for the port
            // (ours then exits with a bind error, which checkAlive reports). So the listener must be
            // ours too, where /proc can tell.
            if (accepts() && listensOn(p.pid(), port) != Boolean.FALSE) {
                return;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw cluster.failure("timed out after " + LocalCluster.seconds(System.nanoTime() - started)
                        + " waiting for " + name() + " (pid " + p.pid() + ") to accept TCP connections on "
                        + address(), null);
            }
            LocalCluster.sleep(PORT_POLL_MILLIS);
        }
    }

    /**
     * Throws if the process that should be running has died, telling a lost port race from other
     * deaths by the server's own error message.
     */
    void checkAlive() {
        Process p = process;
        if (p == null || p.isAlive()) {
            return;
        }
        String run = lastRunLog();
        String lower = run.toLowerCase(Locale.ROOT);
        boolean conflict = lower.contains("address already in use") || lower.contains("failed to set bind address");
        // dqlite-demo sometimes exits with "database is locked" when it joins while the cluster is
        // still settling its first configuration change; a fresh start avoids it.
        boolean joinRace = lower.contains("database is locked");
        throw new NodeFailedException(name() + " " + address() + " (pid " + p.pid() + ") exited with code "
                + p.exitValue() + (conflict ? ": one of its ports (" + port + ", " + apiPort
                + ") was taken by another process" : joinRace ? ": it lost a race while joining" : "")
                + "; its output:\n" + run, conflict || joinRace);
    }

    /** The log written since the last start, at most the last 40 lines. */
    private String lastRunLog() {
        String tail = tail(40);
        int at = tail.lastIndexOf(LOG_MARKER);
        if (at < 0) {
            return tail;
        }
        int eol = tail.indexOf('\n', at);
        return eol < 0 ? "" : tail.substring(eol + 1);
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether process {@code pid} holds a listening TCP socket on {@code port}: the socket's inode
     * from {@code /proc/net/tcp*} among the process's file descriptors. {@code null} when /proc
     * cannot tell (not Linux, no permission).
     */
    static Boolean listensOn(long pid, int port) {
        Set<String> inodes = new HashSet<>();
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path path = Path.of(table);
                if (!Files.isReadable(path)) {
                    continue;
                }
                for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(portHex) && f[3].equals("0A")) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            }
            if (inodes.isEmpty()) {
                return Boolean.FALSE;
            }
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds) {
                    try {
                        if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                            return Boolean.TRUE;
                        }
                    } catch (IOException closedMeanwhile) {
                        // fds come and go while we look
                    }
                }
            }
            return Boolean.FALSE;
        } catch (java.nio.file.NoSuchFileException processGone) {
            // The process exited while we looked (for example after losing the port): it listens on nothing.
            return Boolean.FALSE;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** SIGKILL without waiting: {@link LocalCluster#close()} kills all nodes first, then waits. */
    void destroyForcibly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** Whether the current process (if any) is gone within {@code timeout}. */
    boolean awaitExit(Duration timeout) {
        Process p = process;
        return p == null || awaitExit(p, timeout);
    }

    private static boolean awaitExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + p.pid() + " to exit", e);
        }
    }

    private void requireRunning(String action) {
        if (!isRunning()) {
            throw new IllegalStateException("cannot " + action + " " + this + ": it is not running");
        }
    }

    /**
     * Sends a signal by name. Java has no API for SIGSTOP/SIGCONT; the shell's built-in
     * {@code kill} is used because it exists even where procps is not installed.
     */
    private void signal(long pid, String name) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "kill -s " + name + " \"$1\"", "sh", Long.toString(pid))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        try {
            Process kill = pb.start();
            if (!kill.waitFor(SIGNAL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -s " + name + " " + pid + " did not finish");
            }
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.exitValue() != 0) {
                throw new IllegalStateException("kill -s " + name + " " + pid + " failed (exit " + kill.exitValue()
                        + "): " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kill -s " + name + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling pid " + pid, e);
        }
    }

    /**
     * Signals are delivered asynchronously; wait until {@code /proc/PID/stat} shows the process
     * stopped ('T') or not, so that callers observe the state they asked for.
     */
    private void awaitProcState(Process p, boolean stopped) {
        long deadline = System.nanoTime() + SIGNAL_WAIT.toNanos();
        while (true) {
            char state = procState(p.pid());
            if (state == '?' || (state == 'T') == stopped) {
                return; // '?': no /proc here; the signal was delivered, trust it
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(this + " died while being " + (stopped ? "paused" : "resumed"));
            }
            if (System.nanoTime() - deadline >= 0) {
                throw cluster.failure(name() + " did not become " + (stopped ? "stopped" : "running")
                        + " within " + SIGNAL_WAIT.toSeconds() + " s (state " + state + ")", null);
            }
            LocalCluster.sleep(10);
        }
    }

    /** The state letter of {@code /proc/PID/stat} (after the parenthesised command name), or '?'. */
    static char procState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            return close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        } catch (IOException e) {
            return '?';
        }
    }
}
