package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kadring get KEY}: the record under a key, found through a running peer; its value goes
 * to stdout as raw bytes (nothing added, not even a newline), or the whole record with
 * {@code --json}. Exit 1 with "not found" when no node has one.
 */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Find the record under KEY through a running peer and write its value to stdout as raw "
                + "bytes (nothing added); exits 1 with \"not found\" when no node has one, and with "
                + "\"deleted at seq N\" when its owner deleted it.",
                "With --json: the whole record (public key, salt, seq, value in base64, signature) and what the "
                        + "lookup cost."})
public final class GetCommand extends ClientCommand {
    @ParentCommand
    private Invocation invocation;

    @Mixin
    private RecordKeyParameter record;

    @Override
    public Integer call() {
        AdminClient.Answer answer = client.client().get("/records/" + record.key.toHex());
        if (answer.status() == 404) {
            throw new CommandFailure("not found: no record under key " + record.key.toHex(), AdminClient.NOT_FOUND);
        }
        if (answer.status() == 410) {
            throw new CommandFailure("deleted at seq " + Json.text(answer.body().get(RecordJson.SEQ)) + ": the record under key "
                    + record.key.toHex() + " was deleted by its owner", "deleted");
        }
        if (!answer.ok()) throw answer.failure("the peer answered get with");
        byte[] value;
        try {
            value = Base64.getDecoder().decode(answer.text(RecordJson.VALUE).orElse("?"));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("the peer's answer has no value in base64", AdminClient.BAD_ANSWER, e);
        }
        if (printedAsJson(answer.body())) return 0;
        spec.commandLine().getOut().flush();
        OutputStream out = invocation.stdout();
        try {
            out.write(value);
            out.flush();
        } catch (IOException e) {
            throw CommandFailure.io("cannot write the value to standard output", e);
        }
        return 0;
    }
}
