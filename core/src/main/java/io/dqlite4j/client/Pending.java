package io.dqlite4j.client;

import io.dqlite4j.wire.Request;
import io.dqlite4j.wire.Response;

/**
 * One request written to a connection and waiting for its answer. Answers come in the order the
 * requests were written (the protocol has no request ids), so pendings wait in a FIFO; all of
 * them are failed together when the connection breaks.
 */
abstract class Pending {
    final Request request;

    Pending(Request request) {
        this.request = request;
    }

    /**
     * Hands one decoded message to this request.
     *
     * @return true when the request is complete and the next message belongs to the next request
     */
    abstract boolean onResponse(Response response, DqliteConnection connection);

    /** Fails the request; the connection is gone. */
    abstract void fail(Throwable cause);

    /** Whether the request currently expects no traffic because its consumer paused reading. */
    boolean readPaused() {
        return false;
    }
}
