/**
 * dqlite's value types as Java sees them: the raw date-time cells
 * ({@link io.dqlite4j.types.Iso8601}, {@link io.dqlite4j.types.UnixTime}) and the conversions
 * between wire values and Java types ({@link io.dqlite4j.types.ValueConversions}) that the JDBC
 * and R2DBC drivers share.
 */
package io.dqlite4j.types;
