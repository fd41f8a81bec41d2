package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kadring.bootstrap.text.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
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

    /** With {@code --json}: prints {@code answer} on stdout, pretty, and says so (the command is then done). */
    final boolean printedAsJson(JsonNode answer) {
        if (!client.json) return false;
        spec.commandLine().getOut().println(Json.pretty(answer));
        return true;
    }

    /** A usage error (exit code 2) that says {@code message}. */
    final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
