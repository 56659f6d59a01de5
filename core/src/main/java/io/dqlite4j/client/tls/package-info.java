/**
 * Mutual TLS to dqlite nodes: {@link io.dqlite4j.client.tls.TlsSettings} turns the {@code tls_*}
 * parameters (or an application's {@link javax.net.ssl.SSLContext}) into client engines, and
 * {@link io.dqlite4j.client.tls.Pem} reads PEM certificates and keys with the JDK alone. Both
 * I/O paths of the client use it; see {@code docs/tls.md} for how go-dqlite sets TLS up.
 */
package io.dqlite4j.client.tls;
