package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.AnnouncementJson;
import io.kadring.bootstrap.text.Json;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kadring announce TOPIC PAYLOAD}: signs an announcement here with the identity's private
 * key (seq: the clock in milliseconds) and hands only the signed entry to a running peer, which
 * announces it at the k nodes closest to the topic key and again every 15 minutes while it runs
 * and {@code --lifetime} allows. Nothing keeps running here.
 */
@Command(name = "announce", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Sign an announcement locally (the private key never leaves this machine) and announce it "
                + "through a running peer at the k nodes closest to the topic; the peer announces it again every "
                + "15 minutes while it runs, until --lifetime ends. Prints the topic key (64 hex digits) on stdout "
                + "and how many holders took it on stderr; exits 1 with the reasons when none did."})
public final class AnnounceCommand extends ClientCommand {
    @Mixin
    private IdentityOption identity;

    @Option(names = "--lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the announcement lives (e.g. 90s, 10m, 2h): the peer announces it again every "
                    + "15 minutes until then, each time for 30 minutes or what is left. Default: while the peer runs.")
    private Long lifetimeMillis;

    @Mixin
    private TopicParameter topic;

    @Parameters(index = "1", paramLabel = "PAYLOAD",
            description = "The payload, as text (UTF-8), typically an address; at most "
                    + Announcement.MAX_PAYLOAD_BYTES + " bytes.")
    private String payload;

    @Override
    public Integer call() {
        Id key = topic.key;
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Announcement.MAX_PAYLOAD_BYTES) {
            throw usage("the payload is " + bytes.length + " bytes in UTF-8; an announcement's payload is at most "
                    + Announcement.MAX_PAYLOAD_BYTES + " bytes");
        }
        Announcement announcement = Announcement.sign(identity.load(), key, System.currentTimeMillis(), bytes);
        ObjectNode body = AnnouncementJson.toPost(announcement);
        if (lifetimeMillis != null) body.put("lifetime", lifetimeMillis / 1000.0);
        AdminClient.Answer answer = client.client().post("/announcements", body);
        ObjectNode result = answer.body();
        if (!answer.ok()) {
            throw new CommandFailure("the announcement was not taken: " + answer.error(), answer.reason());
        }
        if (printedAsJson(result)) return 0;
        spec.commandLine().getOut().println(key.toHex());
        spec.commandLine().getErr().println("announced at " + Json.text(result.get("stored")) + " of "
                + Json.text(result.get("asked")) + " holders (seq " + announcement.seq() + ")");
        return 0;
    }
}
