package io.dqlite4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @DqliteCluster}: one ready cluster per class, injected wherever a LocalCluster is asked for. */
@Tag("cluster")
@Timeout(120)
@DqliteCluster(nodes = 3, database = "ext")
class DqliteClusterExtensionTest {

    private static LocalCluster fromBeforeAll;
    private final LocalCluster fromConstructor;

    DqliteClusterExtensionTest(LocalCluster cluster) {
        this.fromConstructor = cluster;
    }

    @BeforeAll
    static void remember(LocalCluster cluster) {
        fromBeforeAll = cluster;
    }

    @Test
    void theSameClusterIsInjectedEverywhere(LocalCluster cluster) {
        assertThat(cluster).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
    }

    @Test
    void theClusterIsReadyWhenTestsRun(LocalCluster cluster) {
        assertThat(cluster.nodes()).hasSize(3).allMatch(LocalNode::isRunning);
        assertThat(cluster.url()).endsWith("/ext");
        assertThat(cluster.client().cluster().join()).hasSize(3).extracting(NodeInfo::role)
                .containsOnly(NodeRole.VOTER);
        assertThat(cluster.nodes()).contains(cluster.leader());
    }

    @Nested
    class WithoutItsOwnAnnotation {
        @Test
        void sharesTheEnclosingCluster(LocalCluster cluster) {
            assertThat(cluster).isSameAs(fromBeforeAll);
        }
    }

    @Nested
    @DqliteCluster(nodes = 1, database = "nested")
    class WithItsOwnAnnotation {
        @Test
        void getsItsOwnCluster(LocalCluster cluster) {
            assertThat(cluster).isNotSameAs(fromBeforeAll);
            assertThat(cluster.nodes()).hasSize(1);
            assertThat(cluster.url()).endsWith("/nested");
        }
    }
}
