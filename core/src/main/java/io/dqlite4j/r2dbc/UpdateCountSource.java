package io.dqlite4j.r2dbc;

import io.r2dbc.spi.Result;

/** The segments of a statement that returned no rows: one update count. */
final class UpdateCountSource implements SegmentSource {
    private final long count;
    private boolean emitted;

    UpdateCountSource(long count) {
        this.count = count;
    }

    /** The update count, whether emitted or not. */
    long count() {
        return count;
    }

    @Override
    public void attach(Runnable drain) {
    }

    @Override
    public Result.Segment poll() {
        if (emitted) {
            return null;
        }
        emitted = true;
        return new Segments.UpdateCount(count);
    }

    @Override
    public boolean isExhausted() {
        return emitted;
    }

    @Override
    public void requestMore() {
    }

    @Override
    public void cancel() {
        emitted = true;
    }
}
