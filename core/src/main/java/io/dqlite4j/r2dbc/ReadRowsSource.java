package io.dqlite4j.r2dbc;

import io.dqlite4j.wire.RowBatch;
import io.r2dbc.spi.Result;
import java.util.List;

/**
 * The segments of rows already read in full (emulated RETURNING, generated values): the rows,
 * then the statement's update count when it has one.
 */
final class ReadRowsSource implements SegmentSource {
    private final List<RowBatch> batches;
    private final long updateCount;
    private final DqliteRowMetadata metadata;
    private int batch;
    private int row;
    private boolean countEmitted;
    private boolean cancelled;

    /** @param updateCount the count that follows the rows, or -1 for none */
    ReadRowsSource(List<RowBatch> batches, long updateCount) {
        this.batches = batches;
        this.updateCount = updateCount;
        this.metadata = batches.isEmpty() ? null : new DqliteRowMetadata(DqliteColumnMetadata.of(batches.get(0)));
    }

    @Override
    public void attach(Runnable drain) {
    }

    @Override
    public Result.Segment poll() {
        while (!cancelled && batch < batches.size()) {
            RowBatch b = batches.get(batch);
            if (row < b.rowCount()) {
                return new Segments.RowSegment(new DqliteRow(b, row++, metadata));
            }
            batch++;
            row = 0;
        }
        if (!cancelled && updateCount >= 0 && !countEmitted) {
            countEmitted = true;
            return new Segments.UpdateCount(updateCount);
        }
        return null;
    }

    @Override
    public boolean isExhausted() {
        return cancelled || (batch >= batches.size() && (updateCount < 0 || countEmitted));
    }

    @Override
    public void requestMore() {
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
