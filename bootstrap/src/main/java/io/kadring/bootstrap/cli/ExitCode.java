package io.kadring.bootstrap.cli;

import picocli.CommandLine;

/** The exit codes of {@code kadring} besides 0 (success); {@code Main} documents and re-exports them. */
public final class ExitCode {
    /** The operation failed: peer unreachable, nothing found, a file in the way. */
    public static final int FAILED = 1;
    /** Bad usage: an unknown option, a malformed value. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private ExitCode() {}
}
