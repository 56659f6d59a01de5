package io.dqlite4j.client;

/**
 * What DESCRIBE reports about one node.
 *
 * @param failureDomain the node's failure domain
 * @param weight the node's weight (used by dqlite applications when choosing handover targets)
 */
public record NodeMetadata(long failureDomain, long weight) {
}
