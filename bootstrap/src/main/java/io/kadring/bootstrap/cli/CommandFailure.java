package io.kadring.bootstrap.cli;

import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The operation failed for a reason the user should read; the message says what, the reason is
 * a short code for scripts ({@code --json} prints both), the exit code is 1 (or 2 when the
 * user's input was at fault).
 */
public final class CommandFailure extends RuntimeException {
    /** The reason of a failure that no more specific code describes. */
    static final String FAILED = "failed";

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int exitCode;

    public CommandFailure(String message) {
        this(message, FAILED, ExitCode.FAILED, null);
    }

    public CommandFailure(String message, Throwable cause) {
        this(message, FAILED, ExitCode.FAILED, cause);
    }

    CommandFailure(String message, String reason) {
        this(message, reason, ExitCode.FAILED, null);
    }

    CommandFailure(String message, String reason, Throwable cause) {
        this(message, reason, ExitCode.FAILED, cause);
    }

    private CommandFailure(String message, String reason, int exitCode, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.exitCode = exitCode;
    }

    /** A failure caused by what the user asked for (exit code 2), found only once the command ran. */
    static CommandFailure usage(String message, String reason) {
        return new CommandFailure(message, reason, ExitCode.USAGE, null);
    }

    /** "{@code doing}: what went wrong", for a file or socket that failed; no exception class names. */
    static CommandFailure io(String doing, Exception e) {
        return new CommandFailure(doing + ": " + describe(e, doing), FAILED, ExitCode.FAILED, e);
    }

    /** A short code for scripts: "unreachable", "timeout", "not_found", a peer's own reason... */
    public String reason() {
        return reason;
    }

    /** 1, or 2 when the user's input was at fault. */
    public int exitCode() {
        return exitCode;
    }

    /**
     * What went wrong, in words and without the exception's class name (which
     * {@code Throwable.toString()} would show); the file a file-system failure names is added
     * unless {@code context} already names it.
     */
    static String describe(Throwable e, String context) {
        if (e instanceof FileSystemException f) {
            String what;
            if (f instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (f instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (f instanceof FileAlreadyExistsException) {
                what = "it already exists";
            } else if (f instanceof NotDirectoryException) {
                what = "not a directory";
            } else if (f instanceof DirectoryNotEmptyException) {
                what = "the directory is not empty";
            } else {
                what = f.getReason() != null ? f.getReason() : "the file system refused";
            }
            String file = f.getFile();
            return file == null || context.contains(file) ? what : what + " (" + file + ")";
        }
        if (e instanceof CharacterCodingException) return "not UTF-8 text";
        String message = e.getMessage();
        return message == null || message.isBlank() ? "no details given" : message;
    }
}
