package io.dqlite4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A JVM that exits without closing its cluster still leaves no node process and no data behind. */
@Tag("process")
@Timeout(120)
class ShutdownHookTest {

    /** The child JVM: starts a cluster, reports it, and exits without closing it. */
    public static void main(String[] args) {
        LocalCluster cluster = LocalCluster.builder().nodes(2).probe(ShellProbe::new).start();
        StringBuilder line = new StringBuilder("CLUSTER ").append(cluster.dataRoot());
        cluster.nodes().forEach(n -> line.append(' ').append(n.pid()));
        System.out.println(line);
        System.out.flush();
        // A crashed run: the exception escapes main and the JVM exits with the cluster open.
        throw new IllegalStateException("test run crashed");
    }

    @Test
    void theShutdownHookKillsTheNodesOfAnUnclosedCluster() throws Exception {
        TestClusters.withoutClient(); // skips without server or shell
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + ServerVersion.PROPERTY + "=" + ServerVersion.current().label(), ShutdownHookTest.class.getName())
                .redirectErrorStream(true)
                .start();
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(out).contains("test run crashed");

        String report = out.lines().filter(l -> l.startsWith("CLUSTER ")).findFirst().orElseThrow(
                () -> new AssertionError("the child did not start its cluster:\n" + out));
        String[] parts = report.split(" ");
        Path root = Path.of(parts[1]);
        List<Long> pids = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
            pids.add(Long.parseLong(parts[i]));
        }
        assertThat(pids).hasSize(2);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
        }
        assertThat(root).doesNotExist();
    }
}
