package io.dqlite4j.spring.boot;

import io.dqlite4j.client.DqliteMetrics;
import io.dqlite4j.client.NodeAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * Micrometer counters for the driver's {@link DqliteMetrics} events (all dqlite clients of the
 * JVM):
 * <ul>
 *   <li>{@code dqlite.requests}: requests written to dqlite nodes;</li>
 *   <li>{@code dqlite.discovery.attempts}: leader-discovery rounds;</li>
 *   <li>{@code dqlite.leader.changes}: a different leader confirmed;</li>
 *   <li>{@code dqlite.busy.retries}: SQLITE_BUSY statements retried by the driver;</li>
 *   <li>{@code dqlite.in.doubt}: writes reported in doubt (SQLState 08007).</li>
 * </ul>
 */
public class DqliteMeterBinder implements MeterBinder, AutoCloseable {
    private final List<AutoCloseable> registrations = new ArrayList<>();

    /** Creates the binder; {@link #bindTo} registers the counters. */
    public DqliteMeterBinder() {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Counter requests = counter(registry, "dqlite.requests", "Requests written to dqlite nodes");
        Counter discovery = counter(registry, "dqlite.discovery.attempts", "Leader discovery rounds");
        Counter leaderChanges = counter(registry, "dqlite.leader.changes", "Times a different leader was confirmed");
        Counter busy = counter(registry, "dqlite.busy.retries", "Statements retried after SQLITE_BUSY");
        Counter inDoubt = counter(registry, "dqlite.in.doubt", "Writes reported in doubt (SQLState 08007)");
        AutoCloseable registration = DqliteMetrics.register(new DqliteMetrics() {
            @Override
            public void request() {
                requests.increment();
            }

            @Override
            public void discoveryAttempt() {
                discovery.increment();
            }

            @Override
            public void leaderChanged(NodeAddress previous, NodeAddress current) {
                leaderChanges.increment();
            }

            @Override
            public void busyRetry() {
                busy.increment();
            }

            @Override
            public void inDoubt() {
                inDoubt.increment();
            }
        });
        synchronized (registrations) {
            registrations.add(registration);
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    /** Stops counting (removes the listeners). */
    @Override
    public void close() throws Exception {
        synchronized (registrations) {
            for (AutoCloseable r : registrations) {
                r.close();
            }
            registrations.clear();
        }
    }
}
