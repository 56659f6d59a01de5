package io.dqlite4j.client;

/**
 * The server answered a request with FAILURE: an SQL error, a constraint violation, a busy
 * database and so on. The connection stays usable. The message is the server's text.
 */
public class DqliteServerException extends DqliteException {
    private static final long serialVersionUID = 1L;

    private final String serverMessage;

    public DqliteServerException(long code, String serverMessage) {
        super(serverMessage + " (code " + code + ")", code, null);
        this.serverMessage = serverMessage;
    }

    /** The server's message, verbatim. */
    public String serverMessage() {
        return serverMessage;
    }
}
