package io.dqlite4j.r2dbc;

import io.r2dbc.spi.Result;

/**
 * Where a {@link BatchPublisher} takes the segments of one result from. All methods except
 * {@link #cancel()} are called only from the publisher's serialised drain loop; the source calls
 * the drain callback given to {@link #attach} whenever something changed (a batch arrived, the
 * result ended), from any thread.
 */
interface SegmentSource {
    /** Registers the consumer's drain callback; called once, before any other method. */
    void attach(Runnable drain);

    /** The next segment that is available now, or null. */
    Result.Segment poll();

    /** After {@link #poll()} returned null: whether no segment will ever come again. */
    boolean isExhausted();

    /**
     * After {@link #poll()} returned null and the source is not exhausted: asks the upstream for
     * more (one more batch). Idempotent while a request is outstanding.
     */
    void requestMore();

    /** The consumer is gone: discard the rest (the connection drains it as the protocol requires). */
    void cancel();
}
