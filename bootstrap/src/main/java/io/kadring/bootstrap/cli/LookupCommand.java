package io.kadring.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code kadring lookup KEY}: the k nodes closest to a key by XOR, found by a running peer. */
@Command(name = "lookup", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Ask a running peer for the k nodes closest (XOR) to KEY.")
public final class LookupCommand extends KeyQuery {}
