package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kadring delete}: signs a tombstone here (the next seq, flagged deleted, no value) and
 * hands it to a running peer, which stores it at the k closest nodes in place of the value;
 * they refuse older seqs while they keep it. {@code kadring get} then says "deleted at seq N".
 */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Delete a record: sign a tombstone locally (the next seq, flagged deleted, no value; the private "
                + "key never leaves this machine) and store it through a running peer at the k closest nodes, which "
                + "drop the value and refuse older seqs while they keep it. Prints the key on stdout and how many "
                + "holders stored the tombstone on stderr; exits 1 with the reasons when it is not stored."})
public final class DeleteCommand extends ClientCommand {
    @Mixin
    private RecordOwner owner;

    @Override
    public Integer call() {
        byte[] saltBytes = owner.salt();
        Identity identity = owner.identity();
        AdminClient admin = client.client();
        String key = SignedRecord.mutableKey(identity.publicKey(), saltBytes).toHex();
        long seq = PutCommand.nextSeq(admin, key);
        ObjectNode body = RecordJson.toJson(SignedRecord.tombstone(identity, saltBytes, seq));
        AdminClient.Answer answer = admin.post("/records", body);
        ObjectNode result = answer.body();
        if (!answer.ok()) {
            throw new CommandFailure("the tombstone was not stored: " + answer.error(), answer.reason());
        }
        if (printedAsJson(result)) return 0;
        spec.commandLine().getOut().println(key);
        spec.commandLine().getErr().println("deleted at seq " + seq + ": tombstone stored by "
                + Json.text(result.get("stored")) + " of " + Json.text(result.get("asked")) + " holders ("
                + Json.text(result.get("required")) + " required)");
        return 0;
    }
}
