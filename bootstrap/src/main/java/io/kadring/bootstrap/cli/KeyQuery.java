package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.Json;
import io.kadring.routing.Id;
import java.io.PrintWriter;
import picocli.CommandLine.Parameters;

/**
 * A lookup run by a peer on a key, through its admin API: prints the contacts found, one
 * {@code id address} line each, and the cost on stderr (or the whole answer with {@code --json});
 * exits 1 when it found none.
 */
abstract class KeyQuery extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", converter = KeyConverter.class,
            description = "The key: 64 hex digits.")
    private Id key;

    /** The admin route, the command's own name: {@code lookup} or {@code successor}. */
    private String route() {
        return spec.name();
    }

    @Override
    public Integer call() {
        AdminClient.Answer answer = client.client().get("/" + route() + "/" + key.toHex());
        if (!answer.ok()) throw answer.failure("the peer answered " + route() + " with");
        ObjectNode body = answer.body();
        JsonNode contacts = body.path("contacts");
        if (!contacts.isArray()) {
            throw new CommandFailure("the peer's answer to " + route() + " has no list of contacts",
                    AdminClient.BAD_ANSWER);
        }
        if (contacts.isEmpty()) {
            throw new CommandFailure("no node found for key " + key.toHex(), AdminClient.NOT_FOUND);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (printedAsJson(body)) return 0;
        for (JsonNode c : contacts) {
            if (c.isObject()) out.println(Json.text(c.get("id")) + " " + Json.text(c.get("address")));
        }
        spec.commandLine().getErr().println(contacts.size() + " contact" + (contacts.size() == 1 ? "" : "s")
                + ", " + Json.text(body.get("hops")) + " hops, " + Json.text(body.get("messages")) + " messages, "
                + Json.text(body.get("duration_ms")) + " ms");
        return 0;
    }
}
