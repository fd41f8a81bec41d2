package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.Main;
import io.kadring.routing.Id;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A lookup run by a peer on a key, through its admin API: prints the contacts found, one
 * {@code id address} line each, and the cost on stderr (or the whole answer with {@code --json}).
 */
abstract class KeyQuery implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AdminOption admin;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyConverter.class,
            description = "The key: 64 hex digits.")
    private Id key;

    @Option(names = "--json", description = "Print the admin API's JSON answer as it is.")
    private boolean json;

    /** The admin route: {@code lookup} or {@code successor}. */
    abstract String route();

    @Override
    public Integer call() {
        AdminClient.Answer answer = admin.client().get("/" + route() + "/" + key.toHex());
        if (!answer.ok()) {
            spec.commandLine().getErr().println("kadring: the peer answered " + route() + " with: " + answer.error());
            return answer.status() == 400 ? Main.USAGE : Main.FAILED;
        }
        JsonObject body = answer.body();
        JsonArray contacts = body.getJsonArray("contacts", new JsonArray());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body.encodePrettily());
        } else {
            for (int i = 0; i < contacts.size(); i++) {
                JsonObject c = contacts.getJsonObject(i);
                out.println(c.getString("id") + " " + c.getString("address"));
            }
            spec.commandLine().getErr().println(contacts.size() + " contact" + (contacts.size() == 1 ? "" : "s")
                    + ", " + body.getInteger("hops") + " hops, " + body.getInteger("messages") + " messages, "
                    + body.getLong("duration_ms") + " ms");
        }
        if (contacts.isEmpty()) {
            throw new CommandFailure("no node found for key " + key.toHex());
        }
        return 0;
    }
}
