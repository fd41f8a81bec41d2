package io.kadring.bootstrap.cli;

import io.kadring.routing.Id;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A lookup run by a peer on a key, through its admin API: prints the contacts found, one
 * {@code id address} line each, and the cost on stderr (or the whole answer with {@code --json});
 * exits 1 when it found none.
 */
abstract class KeyQuery implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyConverter.class,
            description = "The key: 64 hex digits.")
    private Id key;

    /** The admin route: {@code lookup} or {@code successor}. */
    abstract String route();

    @Override
    public Integer call() {
        AdminClient.Answer answer = client.client().get("/" + route() + "/" + key.toHex());
        if (!answer.ok()) throw answer.failure("the peer answered " + route() + " with");
        JsonObject body = answer.body();
        if (!(body.getValue("contacts") instanceof JsonArray contacts)) {
            throw new CommandFailure("the peer's answer to " + route() + " has no list of contacts",
                    AdminClient.BAD_ANSWER);
        }
        if (contacts.isEmpty()) {
            throw new CommandFailure("no node found for key " + key.toHex(), AdminClient.NOT_FOUND);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (client.json) {
            out.println(body.encodePrettily());
            return 0;
        }
        for (int i = 0; i < contacts.size(); i++) {
            if (contacts.getValue(i) instanceof JsonObject c) out.println(c.getString("id") + " " + c.getString("address"));
        }
        spec.commandLine().getErr().println(contacts.size() + " contact" + (contacts.size() == 1 ? "" : "s")
                + ", " + body.getValue("hops") + " hops, " + body.getValue("messages") + " messages, "
                + body.getValue("duration_ms") + " ms");
        return 0;
    }
}
