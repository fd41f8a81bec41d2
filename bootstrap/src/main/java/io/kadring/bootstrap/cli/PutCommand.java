package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kadring put}: signs a record here, with the identity's private key, and hands only the
 * signed record to a running peer, which stores it at the k closest nodes. The seq is one more
 * than the one the network has ({@code GET /records/{key}} first; 1 when there is none), or
 * {@code SEQ + 1} with {@code --cas SEQ}, which the holders then store only over seq SEQ.
 */
@Command(name = "put", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Sign a record locally (the private key never leaves this machine) and store it through a "
                + "running peer at the k closest nodes. Prints the record's key (64 hex digits) on stdout and "
                + "how many holders stored it on stderr; exits 1 with the reasons when it is not stored."})
public final class PutCommand extends ClientCommand {
    @Mixin
    private RecordOwner owner;

    @Option(names = "--cas", paramLabel = "SEQ",
            description = "Compare-and-swap: the record gets seq SEQ+1 and is stored only where seq SEQ is held.")
    private Long cas;

    @Parameters(index = "0", paramLabel = "VALUE",
            description = "The value: text (stored as UTF-8), @FILE for a file's bytes, or @- for standard input; "
                    + "at most " + SignedRecord.MAX_VALUE_BYTES + " bytes.")
    private String value;

    @Override
    public Integer call() {
        byte[] bytes = value();
        if (bytes.length > SignedRecord.MAX_VALUE_BYTES) {
            throw usage("the value is " + bytes.length + " bytes; a record's value is at most "
                    + SignedRecord.MAX_VALUE_BYTES + " bytes");
        }
        byte[] saltBytes = owner.salt();
        if (cas != null && (cas < 0 || cas == Long.MAX_VALUE)) {
            throw usage("--cas must be a seq in 0.." + (Long.MAX_VALUE - 1) + ", got " + cas);
        }
        Identity identity = owner.identity();
        AdminClient admin = client.client();
        String key = SignedRecord.mutableKey(identity.publicKey(), saltBytes).toHex();
        long seq = cas != null ? cas + 1 : nextSeq(admin, key);
        SignedRecord record = SignedRecord.sign(identity, saltBytes, seq, bytes);
        ObjectNode body = RecordJson.toJson(record);
        if (cas != null) body.put("cas", cas);
        AdminClient.Answer answer = admin.post("/records", body);
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode result = answer.body();
        if (!answer.ok()) {
            List<String> reasons = reasons(result);
            throw new CommandFailure("the record was not stored: " + answer.error() + (reasons.isEmpty() ? ""
                    : "; holders answered: " + String.join(", ", reasons)), answer.reason());
        }
        if (printedAsJson(result)) return 0;
        spec.commandLine().getOut().println(key);
        err.println("stored by " + Json.text(result.get("stored")) + " of " + Json.text(result.get("asked"))
                + " holders (seq " + seq + ", " + Json.text(result.get("required")) + " required)");
        List<String> reasons = reasons(result);
        if (reasons.size() > 1 || reasons.size() == 1 && !reasons.get(0).startsWith("STORED")) {
            err.println("holders answered: " + String.join(", ", reasons));
        }
        return 0;
    }

    /** "STORED ×3, CAS_MISMATCH (code 6) ×1, TIMED_OUT ×1" from the per-holder outcomes. */
    private static List<String> reasons(ObjectNode result) {
        JsonNode outcomes = result.path("outcomes");
        if (!outcomes.isArray()) return List.of();
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (JsonNode o : outcomes) {
            if (!o.isObject()) continue;
            JsonNode reason = o.get("reason");
            String what = !Json.isAbsent(reason) ? Json.text(reason) + " (code " + Json.text(o.get("code")) + ")"
                    : Json.text(o.get("status"));
            counts.merge(what, 1, Integer::sum);
        }
        List<String> text = new ArrayList<>();
        counts.forEach((what, n) -> text.add(what + " ×" + n));
        return text;
    }

    /** One more than the seq the network holds under {@code key} (a tombstone's included); 1 when it holds none. */
    static long nextSeq(AdminClient client, String key) {
        AdminClient.Answer current = client.get("/records/" + key);
        if (current.status() == 404) return 1;
        if (!current.ok() && current.status() != 410) throw current.failure("could not read the current seq: the peer answered GET /records/" + key
                + " with");
        JsonNode seq = current.body().path(RecordJson.SEQ);
        if (!seq.isNumber()) throw unusableSeq(key);
        Number number = seq.numberValue();
        long held = number.longValue();
        if (held < 0 || held == Long.MAX_VALUE || number.doubleValue() != held) throw unusableSeq(key);
        return held + 1;
    }

    private static CommandFailure unusableSeq(String key) {
        return new CommandFailure("the peer's answer to GET /records/" + key + " has no usable seq",
                AdminClient.BAD_ANSWER);
    }

    private byte[] value() {
        if (!value.startsWith("@")) return value.getBytes(StandardCharsets.UTF_8);
        String name = value.substring(1);
        try {
            if (name.equals("-")) {
                InputStream in = System.in;
                byte[] bytes = in.readNBytes(SignedRecord.MAX_VALUE_BYTES + 1);
                if (bytes.length > SignedRecord.MAX_VALUE_BYTES) {
                    throw usage("standard input has more than " + SignedRecord.MAX_VALUE_BYTES
                            + " bytes; a record's value is at most " + SignedRecord.MAX_VALUE_BYTES);
                }
                return bytes;
            }
            Path file = Path.of(name);
            long size = Files.size(file);
            if (size > SignedRecord.MAX_VALUE_BYTES) {
                throw usage("the value file " + file + " is " + size + " bytes; a record's value is at most "
                        + SignedRecord.MAX_VALUE_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw CommandFailure.io("cannot read the value from '" + name + "'", e);
        }
    }

}
