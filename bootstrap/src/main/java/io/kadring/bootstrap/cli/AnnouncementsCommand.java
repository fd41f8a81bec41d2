package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kadring.bootstrap.text.AnnouncementJson;
import io.kadring.bootstrap.text.Json;
import io.kadring.routing.Id;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kadring announcements TOPIC}: the entries under a topic, found through a running peer:
 * one payload per line (as UTF-8 text), or with {@code --json} each entry's announcer key, seq,
 * payload (base64) and remaining lifetime, and what the lookup cost.
 */
@Command(name = "announcements", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Find the announcements under TOPIC through a running peer, one announcer each, and print "
                + "their payloads, one per line; how many were found goes to stderr.",
                "With --json: each entry's public_key, seq, payload (base64), signature and remaining_seconds, and "
                        + "what the lookup cost."})
public final class AnnouncementsCommand extends ClientCommand {
    @Option(names = "--max", paramLabel = "N", defaultValue = "1000", converter = MaxConverter.class,
            description = "At most N announcers (1..1000). Default: ${DEFAULT-VALUE}.")
    private int max;

    @Mixin
    private TopicParameter topic;

    /** 1..1000: what one holder keeps per topic. */
    static final class MaxConverter extends CountConverter {
        MaxConverter() {
            super(1, 1000);
        }
    }

    @Override
    public Integer call() {
        Id key = topic.key;
        AdminClient.Answer answer = client.client().get("/announcements/" + key.toHex() + "?max=" + max);
        if (!answer.ok()) throw answer.failure("the peer answered announcements with");
        JsonNode entries = answer.body().path("announcements");
        if (!entries.isArray()) throw new CommandFailure("the peer's answer has no announcements list", AdminClient.BAD_ANSWER);
        PrintWriter out = spec.commandLine().getOut();
        if (printedAsJson(answer.body())) return 0;
        for (JsonNode e : entries) {
            byte[] payload;
            try {
                payload = Base64.getDecoder().decode(Json.text(e.path(AnnouncementJson.PAYLOAD)));
            } catch (IllegalArgumentException bad) {
                throw new CommandFailure("the peer's answer has a payload that is not base64", AdminClient.BAD_ANSWER, bad);
            }
            out.println(new String(payload, StandardCharsets.UTF_8));
        }
        out.flush();
        spec.commandLine().getErr().println(entries.size() + " announcer" + (entries.size() == 1 ? "" : "s")
                + " under topic key " + key.toHex());
        return 0;
    }
}
