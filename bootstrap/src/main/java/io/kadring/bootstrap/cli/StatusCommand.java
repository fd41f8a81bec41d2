package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.text.Json;
import picocli.CommandLine.Command;

/** {@code kadring status}: prints a running peer's status JSON. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print a running peer's status (JSON) from its admin API.")
public final class StatusCommand extends ClientCommand {
    @Override
    public Integer call() {
        AdminClient.Answer answer = client.client().get("/status");
        if (!answer.ok()) throw answer.failure("the peer answered /status with");
        spec.commandLine().getOut().println(Json.pretty(answer.body()));
        return 0;
    }
}
