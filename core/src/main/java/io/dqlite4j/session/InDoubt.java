package io.dqlite4j.session;

/** The wording both drivers use for a statement reported in doubt (SQLState 08007). */
public final class InDoubt {
    private InDoubt() {
    }

    /** Says what may or may not have been applied and why, for a {@link FailurePolicy.Decision#IN_DOUBT}. */
    public static String message(FailurePolicy.Role role, FailurePolicy.Failure failure, String detail) {
        String what = role == FailurePolicy.Role.COMMIT ? "COMMIT" : "the write";
        String why = switch (failure) {
            case QUERY_TIMEOUT -> "the statement timeout expired before " + what + " was answered; the server still "
                    + "completes it";
            case NETWORK_TIMEOUT -> "no answer to " + what + " came within the network timeout and the connection "
                    + "was closed";
            case LEADERSHIP_LOST_IN_FLIGHT -> "the leader lost leadership while " + what + " was being replicated";
            default -> "the connection to the leader broke while " + what + " was in flight";
        };
        String applied = role == FailurePolicy.Role.COMMIT ? "the transaction" : "it";
        return why + " (" + detail + "); " + applied + " may or may not have been applied and is not retried";
    }
}
