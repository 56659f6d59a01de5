package io.dqlite4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The extension closes its cluster after the class, whatever the tests did. */
@Tag("cluster")
@Timeout(120)
class DqliteClusterLifecycleTest {

    private static final List<LocalCluster> SEEN = new CopyOnWriteArrayList<>();

    /** Run through the launcher below only (surefire does not pick up nested classes). */
    @DqliteCluster(nodes = 1)
    static class Sample {
        @Test
        void passes(LocalCluster cluster) {
            SEEN.add(cluster);
        }

        @Test
        void failsAndKillsItsNode(LocalCluster cluster) {
            SEEN.add(cluster);
            cluster.node(0).pause();
            throw new AssertionError("failing on purpose");
        }
    }

    @BeforeAll
    static void serverInstalled() {
        TestClusters.assumeServerInstalled();
    }

    @Test
    void theClusterIsClosedAfterTheClassEvenWhenATestFails() {
        Set<Long> before = TestClusters.liveChildren();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessage("failing on purpose"));
        assertThat(SEEN).hasSize(2);
        LocalCluster cluster = SEEN.get(0);
        assertThat(SEEN.get(1)).isSameAs(cluster);
        assertThat(cluster.nodes()).noneMatch(LocalNode::isRunning);
        assertThat(cluster.dataRoot()).doesNotExist();
        assertThat(TestClusters.liveChildren()).isSubsetOf(before);
    }
}
