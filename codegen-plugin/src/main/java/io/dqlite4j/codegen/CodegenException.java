package io.dqlite4j.codegen;

/**
 * Code generation could not run because of its input: the configuration, an unreachable
 * cluster, a failing migration. The message says what is wrong and is meant to be shown to the
 * user as is (the Maven goal turns it into a build failure with this message).
 */
public class CodegenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception with a message for the user. */
    public CodegenException(String message) {
        super(message);
    }

    /** An exception with a message for the user and the failure behind it. */
    public CodegenException(String message, Throwable cause) {
        super(message, cause);
    }
}
