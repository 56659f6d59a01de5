package io.dqlite4j.testkit;

/**
 * A node process died while the testkit was waiting for it.
 *
 * <p>Package-private on purpose: users see an {@link IllegalStateException} with the node's log
 * tail. Internally the type lets the polling loops stop at once (waiting longer cannot help) and
 * tells a lost port race, which is retried with fresh ports, from a real failure.
 */
final class NodeFailedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final boolean portConflict;

    NodeFailedException(String message, boolean portConflict) {
        super(message);
        this.portConflict = portConflict;
    }

    /**
     * Whether a fresh start would avoid the failure: one of the node's ports was taken by another
     * process, or dqlite-demo lost its transient "database is locked" race while joining.
     */
    boolean portConflict() {
        return portConflict;
    }
}
