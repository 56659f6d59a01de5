package io.dqlite4j.testkit;

import io.dqlite4j.wire.NodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The few protocol questions {@link LocalCluster} asks while it waits: who leads, who is a member,
 * and please move the leadership.
 *
 * <p>Production code answers them with the native client ({@link ClientProbe}). The seam exists so
 * that the process-management half of the testkit can be exercised on its own (the testkit's own
 * tests plug in another answerer), never to avoid the real client in user tests. Every call is
 * bounded by the given timeout; a failed or timed-out call may be retried by the caller.
 */
interface AdminProbe extends AutoCloseable {

    /** Creates a probe that asks the nodes in {@code liveAddresses} (re-read on every reconnect). */
    @FunctionalInterface
    interface Factory {
        AdminProbe create(Supplier<List<String>> liveAddresses, String database);
    }

    /** The membership as the leader reports it. */
    List<NodeInfo> cluster(Duration timeout) throws Exception;

    /** The confirmed leader; only its address is relied on. */
    NodeInfo leader(Duration timeout) throws Exception;

    /** Asks the leader to hand leadership to node {@code id}. */
    void transferLeadership(long id, Duration timeout) throws Exception;

    /** Releases connections; never throws. */
    @Override
    void close();
}
