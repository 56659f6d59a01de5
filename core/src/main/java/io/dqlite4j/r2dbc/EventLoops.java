package io.dqlite4j.r2dbc;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Executor;

/**
 * Runs calls into a {@link io.dqlite4j.client.RowStream} on its connection's event loop.
 *
 * <p>A row stream guards its state with a lock that the event loop takes for every ROWS message.
 * A request for more rows from another thread (the subscriber's) can hold that lock at the moment
 * a message arrives, and the event loop then parks — a blocking call on a non-blocking thread,
 * exactly what BlockHound reports. Issuing every call from the event loop itself makes the lock
 * uncontended.
 *
 * <p>The loop is {@link io.dqlite4j.client.DqliteConnection#executor()}.
 */
final class EventLoops {
    private EventLoops() {
    }

    /** Runs {@code task} on {@code loop}: at once when already there (or when there is no loop), else queued. */
    static void run(Executor loop, Runnable task) {
        if (loop == null || loop instanceof EventExecutor e && e.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
