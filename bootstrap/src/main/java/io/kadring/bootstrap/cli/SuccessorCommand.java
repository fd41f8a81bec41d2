package io.kadring.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code kadring successor KEY}: the first live node clockwise from a key on the ring. */
@Command(name = "successor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Ask a running peer for the first live node clockwise from KEY on the ring.")
public final class SuccessorCommand extends KeyQuery {}
