package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kadring replicas KEY}: a replica check through a running peer. Prints how many of the
 * k closest nodes hold the newest seq of the record, and which hold an older one or none ("17 of
 * 20 closest hold seq 4; 2 hold seq 3; 1 none"), or the whole report with {@code --json}; exits 1
 * when fewer than the quorum (the peer's put quorum, else a majority) hold the newest seq.
 */
@Command(name = "replicas", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Ask a running peer which of the k nodes closest to KEY hold the record, and which seq: "
                + "e.g. \"17 of 20 closest hold seq 4; 2 hold seq 3; 1 none\".",
                "Exits 1 when fewer than the quorum (the peer's put quorum, else a majority of the closest) hold "
                        + "the newest seq. With --json: the report, each node with what it holds."})
public final class ReplicasCommand extends ClientCommand {
    @Mixin
    private RecordKeyParameter record;

    @Override
    public Integer call() {
        AdminClient.Answer answer = client.client().get("/records/" + record.key.toHex() + "/replicas");
        if (!answer.ok()) throw answer.failure("the peer answered replicas with");
        ObjectNode body = answer.body();
        JsonNode summary = body.get("summary");
        JsonNode meets = body.get("meets_quorum");
        if (summary == null || !summary.isTextual() || meets == null || !meets.isBoolean()) {
            throw new CommandFailure("the peer's answer to replicas has no summary", AdminClient.BAD_ANSWER);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(client.json ? Json.pretty(body) : summary.asText());
        if (meets.asBoolean()) return 0;
        if (!client.json) {
            long newest = body.path("newest_seq").asLong(-1);
            spec.commandLine().getErr().println("kadring: below the quorum: " + body.path("holding_newest").asInt()
                    + " of the " + body.path("quorum").asInt() + " needed hold "
                    + (newest < 0 ? "the record" : "seq " + newest));
        }
        out.flush();
        return ExitCode.FAILED;
    }
}
