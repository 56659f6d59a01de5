package io.dqlite4j.wire;

/** Numbers fixed by dqlite's client protocol, version 1 (docs/protocol.md §1–§8). */
public final class Protocol {
    /** The handshake word a client sends first; the server does not answer it. */
    public static final long VERSION = 1L;
    /** Size of every message header: u32 body words, u8 type, u8 schema, u16 unused. */
    public static final int HEADER_SIZE = 8;
    /** End marker of the last ROWS message of a result. */
    public static final long ROWS_DONE = 0xffffffffffffffffL;
    /** End marker of a ROWS message that another ROWS message follows. */
    public static final long ROWS_PART = 0xeeeeeeeeeeeeeeeeL;
    /** Parameters a schema-0 tuple can carry (its count is one byte). */
    public static final int MAX_NARROW_PARAMS = 255;
    /** SQLite's default SQLITE_MAX_VARIABLE_NUMBER: the most parameters any statement can have. */
    public static final int MAX_PARAMS = 32766;
    /** SQLite's largest SQLITE_MAX_COLUMN: a result cannot have more columns. */
    public static final int MAX_COLUMNS = 32767;
    /** More members than any real cluster has; protects against garbage counts. */
    public static final int MAX_NODES = 10_000;
    /** DUMP answers with the main file and the WAL; a few more are tolerated, not thousands. */
    public static final int MAX_FILES = 100;

    // Request types (docs/protocol.md §5). HEARTBEAT (2) and CONNECT (11) exist but are never sent.
    static final int REQ_LEADER = 0;
    static final int REQ_CLIENT = 1;
    static final int REQ_OPEN = 3;
    static final int REQ_PREPARE = 4;
    static final int REQ_EXEC = 5;
    static final int REQ_QUERY = 6;
    static final int REQ_FINALIZE = 7;
    static final int REQ_EXEC_SQL = 8;
    static final int REQ_QUERY_SQL = 9;
    static final int REQ_INTERRUPT = 10;
    static final int REQ_ADD = 12;
    static final int REQ_ASSIGN = 13;
    static final int REQ_REMOVE = 14;
    static final int REQ_DUMP = 15;
    static final int REQ_CLUSTER = 16;
    static final int REQ_TRANSFER = 17;
    static final int REQ_DESCRIBE = 18;
    static final int REQ_WEIGHT = 19;

    // Response types (docs/protocol.md §6).
    static final int RES_FAILURE = 0;
    static final int RES_SERVER = 1;
    static final int RES_WELCOME = 2;
    static final int RES_SERVERS = 3;
    static final int RES_DB = 4;
    static final int RES_STMT = 5;
    static final int RES_RESULT = 6;
    static final int RES_ROWS = 7;
    static final int RES_EMPTY = 8;
    static final int RES_FILES = 9;
    static final int RES_METADATA = 10;

    private Protocol() {
    }

    /** {@code n} rounded up to the next multiple of 8. */
    public static int roundUp8(int n) {
        return (n + 7) & ~7;
    }

    /** {@code n} rounded up to the next multiple of 8. */
    public static long roundUp8(long n) {
        return (n + 7) & ~7L;
    }
}
