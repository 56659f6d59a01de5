package io.dqlite4j.wire;

import java.util.Objects;

/**
 * One member of a dqlite cluster as the CLUSTER listing reports it.
 *
 * @param id the node's Raft id (an unsigned 64-bit value; print with {@link Long#toUnsignedString(long)})
 * @param address the node's Raft address, {@code host:port}
 * @param role the node's role
 */
public record NodeInfo(long id, String address, NodeRole role) {
    public NodeInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(id) + "@" + address + "(" + role + ")";
    }
}
