package io.dqlite4j.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * The registered {@link DqliteMetrics} listeners: a copy-on-write array, so an event reads one
 * volatile field and registration (rare) pays for the copy.
 */
final class MetricsListeners implements DqliteMetrics {
    // Before ALL: its constructor reads it.
    private static final DqliteMetrics[] NONE = new DqliteMetrics[0];
    static final MetricsListeners ALL = new MetricsListeners();

    private volatile DqliteMetrics[] listeners = NONE;

    private MetricsListeners() {
    }

    static AutoCloseable add(DqliteMetrics listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (ALL) {
            DqliteMetrics[] now = ALL.listeners;
            DqliteMetrics[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = listener;
            ALL.listeners = next;
        }
        return () -> remove(listener);
    }

    private static void remove(DqliteMetrics listener) {
        synchronized (ALL) {
            ALL.listeners = Arrays.stream(ALL.listeners).filter(l -> l != listener).toArray(DqliteMetrics[]::new);
        }
    }

    @Override
    public void request() {
        for (DqliteMetrics l : listeners) {
            l.request();
        }
    }

    @Override
    public void discoveryAttempt() {
        for (DqliteMetrics l : listeners) {
            l.discoveryAttempt();
        }
    }

    @Override
    public void leaderChanged(NodeAddress previous, NodeAddress current) {
        for (DqliteMetrics l : listeners) {
            l.leaderChanged(previous, current);
        }
    }

    @Override
    public void busyRetry() {
        for (DqliteMetrics l : listeners) {
            l.busyRetry();
        }
    }

    @Override
    public void inDoubt() {
        for (DqliteMetrics l : listeners) {
            l.inDoubt();
        }
    }
}
