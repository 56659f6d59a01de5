package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;

/**
 * A message from client to server. Only requests that are safe to send exist as types:
 * HEARTBEAT and CONNECT cannot be constructed, DESCRIBE always asks for format 0 and CLUSTER for
 * format 1, so the encoder cannot produce the messages that wedge or abort a dqlite 1.11.1 node
 * (docs/protocol.md §9.8).
 */
public sealed interface Request permits Request.Leader, Request.Client, Request.Open, Request.Prepare,
        Request.Exec, Request.Query, Request.Finalize, Request.ExecSql, Request.QuerySql, Request.Interrupt,
        Request.Add, Request.Assign, Request.Remove, Request.Dump, Request.Cluster, Request.Transfer,
        Request.Describe, Request.Weight, Request.GenerationProbe {

    /** The request type code. */
    int type();

    /** The response type that answers this request when it succeeds (FAILURE may come instead). */
    int successType();

    /** The schema byte of the header; non-zero only for wide parameter tuples. */
    default int schema() {
        return 0;
    }

    /** Writes the body, which must be at least one word and is padded by {@link RequestEncoder}. */
    void encodeBody(ByteBuf out);

    /** LEADER: which node does this node believe is the leader. */
    record Leader() implements Request {
        public int type() { return Protocol.REQ_LEADER; }
        public int successType() { return Protocol.RES_SERVER; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(0); }
    }

    /**
     * LEADER with header schema 1. dqlite 1.11 ignores the schema byte and answers SERVER; dqlite
     * ≥ 1.12 validates it and answers FAILURE 1005. That tells the generations apart without
     * risk, which matters because only ≥ 1.12 reads wide parameter tuples and only newer servers
     * survive DML with RETURNING.
     */
    record GenerationProbe() implements Request {
        public int type() { return Protocol.REQ_LEADER; }
        public int successType() { return Protocol.RES_SERVER; }
        public int schema() { return 1; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(0); }
    }

    /** CLIENT: registers the connection; optional. */
    record Client(long id) implements Request {
        public int type() { return Protocol.REQ_CLIENT; }
        public int successType() { return Protocol.RES_WELCOME; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(id); }
    }

    /** OPEN: opens a database on this connection (flags 0, vfs "volatile", as go-dqlite sends). */
    record Open(String database) implements Request {
        public int type() { return Protocol.REQ_OPEN; }
        public int successType() { return Protocol.RES_DB; }
        public void encodeBody(ByteBuf out) {
            WireText.writeChecked(out, database, "database name");
            out.writeLongLE(0);
            WireText.write(out, "volatile");
        }
    }

    /** PREPARE: compiles one statement into a server-side handle. */
    record Prepare(String sql) implements Request {
        public int type() { return Protocol.REQ_PREPARE; }
        public int successType() { return Protocol.RES_STMT; }
        public void encodeBody(ByteBuf out) {
            out.writeLongLE(0);
            WireText.writeChecked(out, sql, "SQL text");
        }
    }

    /** EXEC: runs a prepared statement that returns no rows. */
    record Exec(int statementId, Params params) implements Request {
        public int type() { return Protocol.REQ_EXEC; }
        public int successType() { return Protocol.RES_RESULT; }
        public int schema() { return params.isWide() ? 1 : 0; }
        public void encodeBody(ByteBuf out) {
            out.writeIntLE(0);
            out.writeIntLE(statementId);
            params.encode(out);
        }
    }

    /** QUERY: runs a prepared statement and streams its rows. */
    record Query(int statementId, Params params) implements Request {
        public int type() { return Protocol.REQ_QUERY; }
        public int successType() { return Protocol.RES_ROWS; }
        public int schema() { return params.isWide() ? 1 : 0; }
        public void encodeBody(ByteBuf out) {
            out.writeIntLE(0);
            out.writeIntLE(statementId);
            params.encode(out);
        }
    }

    /** FINALIZE: frees a prepared statement. The client must never send a freed id again. */
    record Finalize(int statementId) implements Request {
        public int type() { return Protocol.REQ_FINALIZE; }
        public int successType() { return Protocol.RES_EMPTY; }
        public void encodeBody(ByteBuf out) {
            out.writeIntLE(0);
            out.writeIntLE(statementId);
        }
    }

    /** EXEC_SQL: runs SQL text without a prepare step. */
    record ExecSql(String sql, Params params) implements Request {
        public int type() { return Protocol.REQ_EXEC_SQL; }
        public int successType() { return Protocol.RES_RESULT; }
        public int schema() { return params.isWide() ? 1 : 0; }
        public void encodeBody(ByteBuf out) {
            out.writeLongLE(0);
            WireText.writeChecked(out, sql, "SQL text");
            params.encode(out);
        }
    }

    /** QUERY_SQL: runs one statement of SQL text and streams its rows. */
    record QuerySql(String sql, Params params) implements Request {
        public int type() { return Protocol.REQ_QUERY_SQL; }
        public int successType() { return Protocol.RES_ROWS; }
        public int schema() { return params.isWide() ? 1 : 0; }
        public void encodeBody(ByteBuf out) {
            out.writeLongLE(0);
            WireText.writeChecked(out, sql, "SQL text");
            params.encode(out);
        }
    }

    /** INTERRUPT: answered with EMPTY after any pending ROWS (it stops nothing on 1.11.1). */
    record Interrupt() implements Request {
        public int type() { return Protocol.REQ_INTERRUPT; }
        public int successType() { return Protocol.RES_EMPTY; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(0); }
    }

    /** ADD: adds a node to the configuration; it always joins as a spare. */
    record Add(long id, String address) implements Request {
        public int type() { return Protocol.REQ_ADD; }
        public int successType() { return Protocol.RES_EMPTY; }
        public void encodeBody(ByteBuf out) {
            out.writeLongLE(id);
            WireText.writeChecked(out, address, "node address");
        }
    }

    /** ASSIGN: changes a node's role. */
    record Assign(long id, NodeRole role) implements Request {
        public int type() { return Protocol.REQ_ASSIGN; }
        public int successType() { return Protocol.RES_EMPTY; }
        public void encodeBody(ByteBuf out) {
            out.writeLongLE(id);
            out.writeLongLE(role.code());
        }
    }

    /** REMOVE: removes a node from the configuration. */
    record Remove(long id) implements Request {
        public int type() { return Protocol.REQ_REMOVE; }
        public int successType() { return Protocol.RES_EMPTY; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(id); }
    }

    /** DUMP: the database's main file and WAL. */
    record Dump(String database) implements Request {
        public int type() { return Protocol.REQ_DUMP; }
        public int successType() { return Protocol.RES_FILES; }
        public void encodeBody(ByteBuf out) { WireText.writeChecked(out, database, "database name"); }
    }

    /** CLUSTER in format 1: id, address and role of every member. */
    record Cluster() implements Request {
        public int type() { return Protocol.REQ_CLUSTER; }
        public int successType() { return Protocol.RES_SERVERS; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(1); }
    }

    /** TRANSFER: hands leadership to a voter (0 lets Raft choose); answered once moved. */
    record Transfer(long id) implements Request {
        public int type() { return Protocol.REQ_TRANSFER; }
        public int successType() { return Protocol.RES_EMPTY; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(id); }
    }

    /** DESCRIBE in format 0, the only format that does not abort a 1.11.1 node. */
    record Describe() implements Request {
        public int type() { return Protocol.REQ_DESCRIBE; }
        public int successType() { return Protocol.RES_METADATA; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(0); }
    }

    /** WEIGHT: sets this node's weight. */
    record Weight(long weight) implements Request {
        public int type() { return Protocol.REQ_WEIGHT; }
        public int successType() { return Protocol.RES_EMPTY; }
        public void encodeBody(ByteBuf out) { out.writeLongLE(weight); }
    }
}
