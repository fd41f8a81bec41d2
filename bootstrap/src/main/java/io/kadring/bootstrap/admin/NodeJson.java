package io.kadring.bootstrap.admin;

import io.kadring.bootstrap.text.AddressText;
import io.kadring.overlay.node.LookupOutcome;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** How the admin API writes node things as JSON: ids as 64 hex digits, addresses as ip:port. */
final class NodeJson {
    private NodeJson() {}

    static JsonObject contact(Contact c) {
        return new JsonObject().put("id", c.id().toHex()).put("address", AddressText.format(c.address()));
    }

    /** Contacts in ring order (by id), so that the output is stable. */
    static JsonArray contacts(List<Contact> contacts) {
        JsonArray array = new JsonArray();
        contacts.stream().sorted(Comparator.comparing(Contact::id)).map(NodeJson::contact).forEach(array::add);
        return array;
    }

    /** The contact's hex id, or null. */
    static String id(Optional<Contact> contact) {
        return contact.map(c -> c.id().toHex()).orElse(null);
    }

    static JsonObject lookup(Id key, LookupOutcome outcome) {
        JsonArray found = new JsonArray();
        outcome.contacts().forEach(c -> found.add(contact(c))); // in the lookup's own order
        return new JsonObject()
                .put("key", key.toHex())
                .put("contacts", found)
                .put("hops", outcome.hops())
                .put("messages", outcome.messages())
                .put("duration_ms", outcome.durationMillis());
    }
}
