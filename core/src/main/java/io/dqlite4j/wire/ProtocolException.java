package io.dqlite4j.wire;

/**
 * A message on the wire broke the dqlite protocol: a malformed, truncated or oversized frame, an
 * unexpected response type, or a value that cannot be encoded. The connection that saw it cannot
 * be trusted any more and is closed.
 */
public class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
