package io.dqlite4j.session;

/**
 * The caller's statement timeout expired before the answer came. The connection stays open:
 * dqlite cannot cancel a running statement, so the server still completes it and its answer is
 * discarded; a write may therefore be applied ({@link FailurePolicy} reports it in doubt).
 */
public final class QueryTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryTimeoutException(String message) {
        super(message);
    }
}
