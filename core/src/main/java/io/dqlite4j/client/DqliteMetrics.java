package io.dqlite4j.client;

/**
 * Receives the driver's countable events, for a metrics library to count (the Spring Boot
 * starter binds it to Micrometer). The core has no metrics dependency: it calls every listener
 * {@link #register registered} in this JVM, on the thread where the event happens (often a
 * Netty event loop), so implementations must be cheap, thread-safe and must not block or throw.
 * With no listener registered an event costs one volatile read.
 *
 * <pre>{@code
 * AutoCloseable registration = DqliteMetrics.register(new DqliteMetrics() {
 *     public void leaderChanged(NodeAddress previous, NodeAddress current) { counter.increment(); }
 * });
 * }</pre>
 *
 * <p>All methods default to doing nothing; override those you count.
 */
public interface DqliteMetrics {

    /** A request was written to a dqlite node (queries, executions, admin calls, leader probes). */
    default void request() {
    }

    /** One round of leader discovery started (a probe of the last leader, or a sweep of the seeds). */
    default void discoveryAttempt() {
    }

    /**
     * Discovery confirmed a different leader than the one it had confirmed before.
     *
     * @param previous the leader confirmed before
     * @param current the leader confirmed now
     */
    default void leaderChanged(NodeAddress previous, NodeAddress current) {
    }

    /** A statement that failed with SQLITE_BUSY is retried by the driver (JDBC or R2DBC). */
    default void busyRetry() {
    }

    /** A write was reported in doubt (SQLState 08007): it may or may not have been applied. */
    default void inDoubt() {
    }

    /**
     * Adds a listener for the events of every dqlite client in this JVM.
     *
     * @return closing it removes the listener again
     */
    static AutoCloseable register(DqliteMetrics listener) {
        return MetricsListeners.add(listener);
    }

    /** The listeners as one (what the driver's call sites notify). */
    static DqliteMetrics listeners() {
        return MetricsListeners.ALL;
    }
}
