package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kadring listen KEY}: follows a key through a running peer's {@code GET /listen/{key}}
 * stream and prints one line per record: the one held now, then each newer seq as the peer is
 * told of it. The value as UTF-8 text, "deleted at seq N" for a tombstone; with {@code --json}
 * the whole record as one JSON object a line. Runs until interrupted (or {@code --count} records).
 */
@Command(name = "listen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Listen to KEY through a running peer: print the value held now and then each newer value "
                + "as it is put, one line each (UTF-8 text; \"deleted at seq N\" for a deletion), without polling. "
                + "Runs until interrupted.",
                "With --json: one JSON object a line (key, public key, salt, seq, value in base64, signature, "
                        + "deleted)."})
public final class ListenCommand extends ClientCommand {
    /** The peer sends a comment every 10 s: three missed in a row, and it is gone. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(30);

    @Mixin
    private RecordKeyParameter record;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N records (default: run until interrupted).")
    private Integer count;

    @Override
    public Integer call() {
        if (count != null && count < 1) {
            throw usage("--count must be at least 1, got " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        int[] printed = {0};
        AdminClient.Answer refused = client.client().stream("/listen/" + record.key.toHex(), SILENCE_LIMIT, line -> {
            if (!line.startsWith("data:")) return true; // ids, comments, event ends
            ObjectNode record = Json.parseObject(line.substring(5).trim()).orElseThrow(() -> new CommandFailure(
                    "the peer's listen stream carried something that is not a JSON record", AdminClient.BAD_ANSWER));
            out.println(client.json ? Json.compact(record) : describe(record));
            out.flush();
            printed[0]++;
            return count == null || printed[0] < count;
        });
        if (refused != null) throw refused.failure("the peer answered listen with");
        return 0;
    }

    /** The value as text, or "deleted at seq N". */
    private static String describe(ObjectNode record) {
        JsonNode deleted = record.get(RecordJson.DELETED);
        if (deleted != null && deleted.asBoolean(false)) return "deleted at seq " + Json.text(record.get(RecordJson.SEQ));
        try {
            return new String(Base64.getDecoder().decode(Json.text(record.get(RecordJson.VALUE))), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("the peer's listen stream carried a value that is not base64", AdminClient.BAD_ANSWER, e);
        }
    }
}
