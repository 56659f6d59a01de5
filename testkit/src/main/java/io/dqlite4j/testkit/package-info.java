/**
 * Real, local dqlite clusters for tests.
 *
 * <p>{@link io.dqlite4j.testkit.LocalCluster} starts {@code dqlite-demo} nodes (the go-dqlite demo
 * application linked with a real libdqlite) as child processes on loopback, with free ports and
 * throwaway data directories, and waits until the cluster is really usable: a confirmed leader,
 * every node listed and as many voters as the server will make (all of them for a 3-node cluster).
 * Each node is a {@link io.dqlite4j.testkit.LocalNode} that a test can kill (SIGKILL), pause
 * (SIGSTOP), resume, stop gracefully and restart, which is how fault-tolerance tests inject
 * failures. {@link io.dqlite4j.testkit.ServerVersion} picks the server
 * generation (dqlite 1.18.1 by default, 1.11.1 on request).
 *
 * <p>For JUnit 5, {@link io.dqlite4j.testkit.DqliteCluster @DqliteCluster} on a test class starts one
 * cluster for the whole class and injects it into {@code LocalCluster} parameters.
 *
 * <p>Everything that speaks the dqlite protocol (leader, membership, leadership transfer) goes
 * through the project's own native client, {@link io.dqlite4j.client.DqliteClient}; this package
 * only manages processes, ports and directories. The servers are installed by
 * {@code scripts/install-dqlite.sh} (as root) under {@code $DQLITE4J_HOME} (default
 * {@code /opt/dqlite4j}).
 */
package io.dqlite4j.testkit;
