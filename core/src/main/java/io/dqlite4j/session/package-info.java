/**
 * The session core under both drivers: {@link io.dqlite4j.session.Session} holds a driver
 * connection's state (wire connection, transaction and savepoint tracking, autocommit, read-only
 * mode, statement cache) and the rules for what is sent; {@link io.dqlite4j.session.FailurePolicy}
 * decides, purely, what a failed attempt means (retry, wait, re-run as the other request kind, in
 * doubt, transaction lost, fail). The JDBC and R2DBC packages are thin adapters over it
 * (docs/architecture.md).
 */
package io.dqlite4j.session;
