package io.dqlite4j.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * How one {@link DqliteConnection}'s frames reach its socket and how its answers come back.
 *
 * <p>Two ways exist. {@link NettyLink} runs the socket on a shared Netty event loop: requests
 * and answers cross threads, which is what non-blocking callers (R2DBC, the native client) need.
 * {@link DirectLink} lets the thread that waits for an answer read the socket itself, which spares
 * a blocking caller (JDBC) two thread hand-offs per round trip.
 *
 * <p>Every link serialises the connection's I/O work (writes, dispatch of answers, failure
 * handling) so that the connection's FIFO of in-flight requests is only ever touched by one
 * thread at a time.
 */
abstract class Link {
    /** Runs {@code action} in the connection's I/O order (now, or soon on the I/O thread). */
    abstract void execute(Runnable action);

    /** Writes encoded frames; only called from an action passed to {@link #execute}. Takes ownership. */
    abstract void write(ByteBuf frames);

    /**
     * Called before a request is written to a connection with nothing in flight: a link that
     * only learns of a closed peer by reading checks now, so that a request is never written to
     * a socket already known dead (which would make it look as if it might have run).
     */
    void beforeIdleWrite() {
    }

    abstract ByteBufAllocator alloc();

    /** Stops reading from the socket (a slow consumer holds enough batches). */
    abstract void pauseReading();

    abstract void resumeReading();

    /** Closes the socket; may be called from any thread, any number of times. */
    abstract void close();

    /** Where work that must not race the connection's I/O may run. */
    abstract Executor executor();

    /** Completes when the socket is closed. */
    abstract CompletableFuture<Void> closeFuture();

    /** A future for an answer; a link whose waits drive the I/O returns one that does. */
    <T> CompletableFuture<T> newFuture() {
        return new CompletableFuture<>();
    }

    /**
     * Whether a thread waiting for an answer must drive the I/O itself, with
     * {@link #pumpUntil}; otherwise answers arrive on their own.
     */
    boolean waitersDriveIo() {
        return false;
    }

    /**
     * Reads and dispatches answers until {@code done} holds or {@code deadlineNanos} (a
     * {@link System#nanoTime()} value, or {@link Long#MAX_VALUE} for none) has passed. Only for
     * links whose {@link #waitersDriveIo()} is true.
     */
    void pumpUntil(java.util.function.BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        throw new IllegalStateException("this link's answers arrive on their own");
    }
}
