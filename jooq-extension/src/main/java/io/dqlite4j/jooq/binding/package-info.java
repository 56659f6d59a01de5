/**
 * jOOQ {@link org.jooq.Binding}s for dqlite's typed columns.
 *
 * <p>dqlite tags the cells of columns declared DATETIME, DATE or TIMESTAMP as ISO8601 (text) or
 * UNIXTIME (integer epoch seconds), and those of BOOLEAN columns as BOOLEAN. jOOQ's default
 * SQLite bindings read temporal values with {@code getString} and treat a number as epoch
 * <em>milliseconds</em>; these bindings instead let the dqlite JDBC driver convert
 * ({@code ResultSet.getObject(i, TargetType.class)}) and bind java.time values with
 * {@code setObject}, which the driver sends as ISO-8601 text:
 * <ul>
 *   <li>{@link io.dqlite4j.jooq.binding.DqliteOffsetDateTimeBinding} → {@link java.time.OffsetDateTime}</li>
 *   <li>{@link io.dqlite4j.jooq.binding.DqliteLocalDateTimeBinding} → {@link java.time.LocalDateTime} (UTC clock)</li>
 *   <li>{@link io.dqlite4j.jooq.binding.DqliteInstantBinding} → {@link java.time.Instant}</li>
 *   <li>{@link io.dqlite4j.jooq.binding.DqliteLocalDateBinding} → {@link java.time.LocalDate} (DATE columns)</li>
 *   <li>{@link io.dqlite4j.jooq.binding.DqliteBooleanBinding} → {@link Boolean}</li>
 * </ul>
 * Each is a {@code Binding<Object, U>}: it can be applied to a data type of any Java type, e.g.
 * {@code SQLDataType.TIMESTAMPWITHTIMEZONE.asConvertedDataType(new DqliteOffsetDateTimeBinding())},
 * or in generated code through a {@code <forcedType>} with {@code <userType>} and
 * {@code <binding>} (whatever Java type jOOQ's SQLite support picked for the column).
 */
package io.dqlite4j.jooq.binding;
