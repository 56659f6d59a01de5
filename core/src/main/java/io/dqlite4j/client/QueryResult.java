package io.dqlite4j.client;

import java.util.List;

/**
 * A fully buffered query result from {@link DqliteClient#query(String, Object...)}.
 *
 * @param columns the column names
 * @param rows the rows; each value is a Long, Double, String, byte[], Boolean or null, as
 *     {@link io.dqlite4j.wire.RowBatch#getObject(int, int)} describes
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
