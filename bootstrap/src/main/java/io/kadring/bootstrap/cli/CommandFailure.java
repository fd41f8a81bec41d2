package io.kadring.bootstrap.cli;

/** The operation failed for a reason the user should read (exit code 1); the message says what. */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
