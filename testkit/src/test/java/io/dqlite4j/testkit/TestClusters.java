package io.dqlite4j.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Shared helpers of the testkit's own tests. */
final class TestClusters {

    private TestClusters() {
    }

    /** Skips the calling test when the selected server generation is not installed. */
    static void assumeServerInstalled() {
        ServerVersion server = ServerVersion.current();
        assumeTrue(server.isInstalled(), server + " is not installed at " + server.launcherPath()
                + "; run scripts/install-dqlite.sh as root");
    }

    /**
     * A builder whose waits ask the dqlite shell instead of the native client, so that the
     * process-level behaviour can be tested on its own. Skips the test without the shell.
     */
    static LocalCluster.Builder withoutClient() {
        assumeServerInstalled();
        assumeTrue(ShellProbe.available(), "the dqlite shell " + ShellProbe.SHELL + " is not installed");
        return LocalCluster.builder().probe(ShellProbe::new);
    }

    static boolean acceptsTcp(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code ps -o stat= -p PID}: the process state as ps shows it ("" when the process is gone). */
    static String psStat(long pid) throws Exception {
        Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        ps.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** The pids of this JVM's live child processes. */
    static Set<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
