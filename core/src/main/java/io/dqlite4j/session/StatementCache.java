package io.dqlite4j.session;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.PreparedStatementHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server-side prepared statements kept per connection, by SQL text, least recently used first
 * out. Evicted statements are finalized. Statements in use by an open PreparedStatement are
 * checked out and not in the map, so they cannot be finalized under it. Not thread-safe: the
 * owning session serialises access.
 */
public final class StatementCache {
    private final int capacity;
    private final LinkedHashMap<String, PreparedStatementHandle> idle = new LinkedHashMap<>(16, 0.75f, true);

    public StatementCache(int capacity) {
        this.capacity = capacity;
    }

    /** A cached statement for {@code sql} on {@code conn}, removed from the cache, or null. */
    public PreparedStatementHandle take(String sql, DqliteConnection conn) {
        PreparedStatementHandle h = idle.remove(sql);
        if (h != null && (!h.isAlive() || conn.isClosed())) {
            return null;
        }
        return h;
    }

    /** Returns a statement; finalizes it (or the eldest) when the cache is full or disabled. */
    public void give(PreparedStatementHandle handle, DqliteConnection conn) {
        if (!handle.isAlive()) {
            return;
        }
        if (capacity == 0) {
            conn.finalizeStatement(handle);
            return;
        }
        PreparedStatementHandle previous = idle.put(handle.sql(), handle);
        if (previous != null && previous != handle) {
            conn.finalizeStatement(previous);
        }
        while (idle.size() > capacity) {
            Map.Entry<String, PreparedStatementHandle> eldest = idle.entrySet().iterator().next();
            idle.remove(eldest.getKey());
            conn.finalizeStatement(eldest.getValue());
        }
    }

    /** Forgets every statement; their connection is gone, so nothing can be finalized. */
    public void clear() {
        idle.clear();
    }

    public int size() {
        return idle.size();
    }
}
