package io.dqlite4j.client;

/** The error codes dqlite servers send that the client branches on (docs/protocol.md §10). */
public final class ErrorCodes {
    public static final long SQLITE_ERROR = 1;
    public static final long SQLITE_ABORT = 4;
    public static final long SQLITE_BUSY = 5;
    public static final long SQLITE_LOCKED = 6;
    /** Raft's own "not leader" leaking through on 1.11.1 during a leadership transfer (collides with NOMEM). */
    public static final long RAFT_NOT_LEADER_LEAK = 7;
    public static final long SQLITE_INTERRUPT = 9;
    public static final long SQLITE_IOERR = 10;
    public static final long SQLITE_CORRUPT = 11;
    public static final long SQLITE_NOTFOUND = 12;
    public static final long SQLITE_FULL = 13;
    public static final long SQLITE_CONSTRAINT = 19;
    public static final long SQLITE_MISMATCH = 20;
    public static final long SQLITE_RANGE = 25;
    public static final long SQLITE_ROW = 100;
    public static final long DQLITE_PROTO = 1001;
    public static final long DQLITE_NOTFOUND = 1002;
    public static final long DQLITE_PARSE = 1005;
    public static final long NOT_LEADER = 10250;
    public static final long LEADERSHIP_LOST = 10506;
    public static final long NOT_LEADER_LEGACY = 8202;
    public static final long LEADERSHIP_LOST_LEGACY = 8458;

    private ErrorCodes() {
    }

    /** The primary code of an extended code; dqlite's 1000–1023 codes pass through unmasked. */
    public static int primary(long code) {
        if (code < 0) {
            return -1;
        }
        if (code >= 1000 && code < 1024) {
            return (int) code;
        }
        return (int) (code & 0xff);
    }

    /** "Not leader": the request was refused before running; safe to retry on the new leader. */
    public static boolean isNotLeader(long code) {
        return code == NOT_LEADER || code == NOT_LEADER_LEGACY;
    }

    /** "Leadership lost": a write was in flight; its outcome is unknown. */
    public static boolean isLeadershipLost(long code) {
        return code == LEADERSHIP_LOST || code == LEADERSHIP_LOST_LEGACY;
    }
}
