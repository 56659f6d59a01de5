package io.dqlite4j.wire;

/** The role of a node in the Raft configuration, with dqlite's wire codes (docs/protocol.md §9.7). */
public enum NodeRole {
    /** Replicates data and votes in elections. */
    VOTER(0),
    /** Replicates data but does not vote. */
    STANDBY(1),
    /** Neither replicates nor votes; a reserve node. */
    SPARE(2);

    private final int code;

    NodeRole(int code) {
        this.code = code;
    }

    /** The role's code on the wire. */
    public int code() {
        return code;
    }

    /**
     * The role with the given wire code.
     *
     * @throws ProtocolException if the server sent a code that names no role
     */
    public static NodeRole fromCode(long code) {
        for (NodeRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        throw new ProtocolException("unknown node role code " + Long.toUnsignedString(code));
    }
}
