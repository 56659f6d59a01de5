package io.dqlite4j.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills the nodes of clusters that were never closed when the JVM exits.
 *
 * <p>A test run that crashes, times out or simply forgets {@code close()} must not leave
 * {@code dqlite-demo} processes behind: they would hold ports and disk and confuse the next run.
 * One shutdown hook for all clusters (rather than one per cluster) keeps the JVM's hook list short
 * in suites that start hundreds of clusters. A JVM killed with SIGKILL runs no hooks at all; that
 * case cannot be covered from Java.
 */
final class Reaper {

    private static final Set<LocalCluster> LIVE = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled; // guarded by Reaper.class

    private Reaper() {
    }

    static void register(LocalCluster cluster) {
        synchronized (Reaper.class) {
            if (!hookInstalled) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(Reaper::reapAll, "dqlite4j-testkit-reaper"));
                    hookInstalled = true;
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already exiting; the caller's own close() is all that is left.
                }
            }
        }
        LIVE.add(cluster);
    }

    static void unregister(LocalCluster cluster) {
        LIVE.remove(cluster);
    }

    private static void reapAll() {
        for (LocalCluster cluster : LIVE) {
            cluster.reap();
        }
    }
}
