package io.dqlite4j.testkit;

import static io.dqlite4j.testkit.TestClusters.acceptsTcp;
import static io.dqlite4j.testkit.TestClusters.psStat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process management of single nodes against the real server; needs no native client (the waits
 * ask the dqlite shell).
 */
@Tag("process")
@Timeout(120)
class LocalNodeProcessTest {

    /** The id go-dqlite's app gives the bootstrap node. */
    private static final long BOOTSTRAP_ID = 0x2dc171858c3155beL;

    private static LocalCluster single() {
        return TestClusters.withoutClient().nodes(1).start();
    }

    @Test
    void aSingleNodeStartsAcceptsTcpAndLogsToItsDataDir() {
        try (LocalCluster cluster = single()) {
            LocalNode node = cluster.node(0);
            assertThat(cluster.nodes()).containsExactly(node);
            assertThat(cluster.server()).isEqualTo(ServerVersion.current());
            assertThat(node.isRunning()).isTrue();
            assertThat(node.isPaused()).isFalse();
            assertThat(node.address()).isEqualTo("127.0.0.1:" + node.port());
            assertThat(acceptsTcp(node.port())).isTrue();
            assertThat(ProcessHandle.of(node.pid())).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
            assertThat(LocalNode.listensOn(node.pid(), node.port())).isTrue();

            assertThat(node.dataDir()).isDirectory().startsWith(cluster.dataRoot());
            assertThat(node.logFile()).isRegularFile().startsWith(node.dataDir());
            assertThat(node.tail(50)).contains(LocalNode.LOG_MARKER).contains("--db " + node.address());
            assertThat(node.id()).isEqualTo(BOOTSTRAP_ID);
            assertThat(cluster.leader()).isSameAs(node);
            assertThat(node.toString()).contains("node-1", node.address(), "pid " + node.pid(), "running");
        }
    }

    @Test
    void urlsNameEveryNodeAndTheDatabase() {
        try (LocalCluster cluster = TestClusters.withoutClient().nodes(1).database("things").start()) {
            String a = cluster.node(0).address();
            assertThat(cluster.addresses()).containsExactly(a);
            assertThat(cluster.url()).isEqualTo("dqlite://" + a + "/things");
            assertThat(cluster.url("other")).isEqualTo("dqlite://" + a + "/other");
            assertThat(cluster.jdbcUrl()).isEqualTo("jdbc:dqlite://" + a + "/things");
            assertThat(cluster.jdbcUrl("other")).isEqualTo("jdbc:dqlite://" + a + "/other");
            assertThat(cluster.r2dbcUrl()).isEqualTo("r2dbc:dqlite://" + a + "/things");
            assertThatThrownBy(() -> cluster.url("a/b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.node(1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void killMakesThePortRefuseConnectionsAndTheProcessDisappear() {
        try (LocalCluster cluster = single()) {
            LocalNode node = cluster.node(0);
            long pid = node.pid();
            node.kill();
            assertThat(node.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(acceptsTcp(node.port())).isFalse();
            assertThat(node.toString()).contains("exited");
            node.kill(); // a dead node is left alone
            assertThatThrownBy(node::pause).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
        }
    }

    @Test
    void pauseStopsTheProcessAndResumeContinuesIt() throws Exception {
        try (LocalCluster cluster = single()) {
            LocalNode node = cluster.node(0);
            node.pause();
            assertThat(node.isPaused()).isTrue();
            assertThat(node.isRunning()).isTrue();
            assertThat(psStat(node.pid())).startsWith("T");
            // The kernel still completes the handshake; only the answers stop.
            assertThat(acceptsTcp(node.port())).isTrue();
            node.pause(); // idempotent

            node.resume();
            assertThat(node.isPaused()).isFalse();
            assertThat(psStat(node.pid())).doesNotStartWith("T");
            assertThat(cluster.leader()).isSameAs(node);
            node.resume(); // idempotent
        }
    }

    @Test
    void restartBringsTheNodeBackOnTheSamePortWithItsState() throws Exception {
        try (LocalCluster cluster = single()) {
            LocalNode node = cluster.node(0);
            long firstPid = node.pid();
            long id = node.id();

            node.restart(); // from running: graceful stop first
            long secondPid = node.pid();
            assertThat(secondPid).isNotEqualTo(firstPid);
            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(acceptsTcp(node.port())).isTrue();

            node.kill();
            node.restart(); // from dead
            assertThat(node.isRunning()).isTrue();

            node.pause();
            node.restart(); // from paused
            assertThat(node.isPaused()).isFalse();
            assertThat(psStat(node.pid())).doesNotStartWith("T");
            assertThat(acceptsTcp(node.port())).isTrue();

            assertThat(node.id()).isEqualTo(id);
            assertThat(cluster.leader()).isSameAs(node);
            // Each start is marked in the one log file.
            assertThat(node.tail(1000).split(LocalNode.LOG_MARKER, -1)).hasSize(5);
        }
    }

    @Test
    void stopEndsTheProcessGracefully() {
        try (LocalCluster cluster = single()) {
            LocalNode node = cluster.node(0);
            long pid = node.pid();
            long started = System.nanoTime();
            node.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(node.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            node.stop(); // idempotent
        }
    }

    @Test
    void aProcessThatIsGoneListensOnNothingEvenWhenAnotherProcessHoldsThePort() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LocalNode.listensOn(gone.pid(), other.getLocalPort())).isFalse();
        }
    }

    @Test
    void aRestartWhosePortWasTakenFailsWithTheServersComplaint() throws Exception {
        try (LocalCluster cluster = single()) {
            LocalNode node = cluster.node(0);
            node.stop();
            try (ServerSocket thief = new ServerSocket()) {
                thief.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()));
                assertThatThrownBy(node::restart)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("taken by another process")
                        .hasMessageContaining("--- node-1");
                assertThat(node.isRunning()).isFalse();
            }
            node.restart();
            assertThat(node.isRunning()).isTrue();
            assertThat(LocalNode.listensOn(node.pid(), node.port())).isTrue();
        }
    }

    @Test
    void closeKillsEveryProcessAndDeletesTheDataDirs() {
        Set<Long> before = TestClusters.liveChildren();
        LocalCluster cluster = TestClusters.withoutClient().nodes(2).start();
        Path root = cluster.dataRoot();
        LocalNode first = cluster.node(0);
        LocalNode second = cluster.node(1);
        second.pause(); // a stopped process must die too
        long firstPid = first.pid();
        long secondPid = second.pid();

        cluster.close();
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(secondPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(root).doesNotExist();
        assertThat(TestClusters.liveChildren()).isSubsetOf(before);
        assertThat(acceptsTcp(first.port())).isFalse();

        cluster.close(); // idempotent
        assertThatThrownBy(first::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(cluster::leader).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aGivenDataRootIsKeptWhileTheNodeDirectoriesGo(@TempDir Path root) throws Exception {
        Path dataRoot = root.resolve("cluster");
        try (LocalCluster cluster = TestClusters.withoutClient().nodes(1).dataRoot(dataRoot).start()) {
            assertThat(cluster.node(0).dataDir()).isEqualTo(dataRoot.resolve("node-1"));
        }
        assertThat(dataRoot).isEmptyDirectory();

        // Stale state would rejoin an old cluster: refused.
        Files.createDirectories(dataRoot.resolve("node-1"));
        Files.writeString(dataRoot.resolve("node-1/leftover"), "x");
        assertThatThrownBy(() -> TestClusters.withoutClient().nodes(1).dataRoot(dataRoot).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void aStartupTimeoutReportsTheLogTailsAndLeavesNothingBehind() {
        Set<Long> before = TestClusters.liveChildren();
        assertThatThrownBy(() -> TestClusters.withoutClient().nodes(1).startupTimeout(Duration.ofMillis(1)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("--- node-1")
                .hasMessageContaining(LocalNode.LOG_MARKER);
        assertThat(TestClusters.liveChildren()).isSubsetOf(before);
    }

    @Test
    void tailReturnsTheLastLines() {
        try (LocalCluster cluster = single()) {
            LocalNode node = cluster.node(0);
            assertThat(node.tail(0)).isEmpty();
            assertThat(node.tail(1)).doesNotContain("\n").isNotEmpty();
            assertThat(cluster.logTails(3)).contains("--- node-1", node.logFile().toString());
        }
    }

    @Test
    void theBuilderRejectsNonsense() {
        assertThatThrownBy(() -> LocalCluster.builder().nodes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCluster.builder().startupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCluster.builder().database("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCluster.builder().database("a?b")).isInstanceOf(IllegalArgumentException.class);
    }
}
