package io.dqlite4j.wire;

import java.util.List;

/** A message from server to client (docs/protocol.md §6). */
public sealed interface Response permits Response.Failure, Response.Server, Response.Welcome, Response.Servers,
        Response.Db, Response.Stmt, Response.Result, Response.Rows, Response.Empty, Response.Files,
        Response.Metadata {

    /** The response type code. */
    int type();

    /** FAILURE: the request failed with a SQLite extended code or a dqlite code. */
    record Failure(long code, String message) implements Response {
        public int type() { return Protocol.RES_FAILURE; }
    }

    /** SERVER: the node a LEADER request names; id 0 and an empty address mean "no leader known". */
    record Server(long id, String address) implements Response {
        public int type() { return Protocol.RES_SERVER; }

        /** Whether the node knows a leader. */
        public boolean knowsLeader() {
            return !address.isEmpty();
        }
    }

    /** WELCOME: the server's advisory heartbeat timeout in milliseconds. */
    record Welcome(long heartbeatTimeoutMillis) implements Response {
        public int type() { return Protocol.RES_WELCOME; }
    }

    /** SERVERS: the cluster's members. */
    record Servers(List<NodeInfo> nodes) implements Response {
        public Servers {
            nodes = List.copyOf(nodes);
        }

        public int type() { return Protocol.RES_SERVERS; }
    }

    /** DB: the id of the database OPEN opened (always 0). */
    record Db(int databaseId) implements Response {
        public int type() { return Protocol.RES_DB; }
    }

    /** STMT: a prepared statement's id and how many parameters it takes. */
    record Stmt(int databaseId, int statementId, long parameterCount) implements Response {
        public int type() { return Protocol.RES_STMT; }
    }

    /** RESULT: SQLite's connection-level last insert rowid and change count after the statement. */
    record Result(long lastInsertId, long rowsAffected) implements Response {
        public int type() { return Protocol.RES_RESULT; }
    }

    /** ROWS: one batch of a result set; {@link RowBatch#isLast()} tells whether more follow. */
    record Rows(RowBatch batch) implements Response {
        public int type() { return Protocol.RES_ROWS; }
    }

    /** EMPTY: success without data. */
    record Empty() implements Response {
        public int type() { return Protocol.RES_EMPTY; }
    }

    /** FILES: the files DUMP returned. */
    record Files(List<DumpFile> files) implements Response {
        public Files {
            files = List.copyOf(files);
        }

        public int type() { return Protocol.RES_FILES; }
    }

    /** METADATA: a node's failure domain and weight. */
    record Metadata(long failureDomain, long weight) implements Response {
        public int type() { return Protocol.RES_METADATA; }
    }

    /** The conventional name of a response type code, for messages. */
    static String typeName(int type) {
        return switch (type) {
            case Protocol.RES_FAILURE -> "FAILURE";
            case Protocol.RES_SERVER -> "SERVER";
            case Protocol.RES_WELCOME -> "WELCOME";
            case Protocol.RES_SERVERS -> "SERVERS";
            case Protocol.RES_DB -> "DB";
            case Protocol.RES_STMT -> "STMT";
            case Protocol.RES_RESULT -> "RESULT";
            case Protocol.RES_ROWS -> "ROWS";
            case Protocol.RES_EMPTY -> "EMPTY";
            case Protocol.RES_FILES -> "FILES";
            case Protocol.RES_METADATA -> "METADATA";
            default -> "type " + type;
        };
    }
}
