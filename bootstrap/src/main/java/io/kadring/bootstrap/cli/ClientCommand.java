package io.kadring.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that asks a running peer has: its own spec (where it prints, what it is
 * called) and the {@link ClientOptions} that say where the peer is and how to answer.
 */
abstract class ClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;
}
