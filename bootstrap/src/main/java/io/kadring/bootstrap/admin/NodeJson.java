package io.kadring.bootstrap.admin;

import io.kadring.bootstrap.text.AddressText;
import io.kadring.bootstrap.text.Json;
import io.kadring.overlay.node.LookupOutcome;
import io.kadring.overlay.node.RecentLookup;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** How the admin API writes node things as JSON: ids as 64 hex digits, addresses as ip:port. */
final class NodeJson {
    private NodeJson() {}

    static ObjectNode contact(Contact c) {
        return Json.object().put("id", c.id().toHex()).put("address", AddressText.format(c.address()));
    }

    /** Contacts in ring order (by id), so that the output is stable. */
    static ArrayNode contacts(List<Contact> contacts) {
        ArrayNode array = Json.array();
        contacts.stream().sorted(Comparator.comparing(Contact::id)).map(NodeJson::contact).forEach(array::add);
        return array;
    }

    /** The contact's hex id, or null. */
    static String id(Optional<Contact> contact) {
        return contact.map(c -> c.id().toHex()).orElse(null);
    }

    static ObjectNode lookup(Id key, LookupOutcome outcome) {
        ArrayNode found = Json.array();
        outcome.contacts().forEach(c -> found.add(contact(c))); // in the lookup's own order
        ObjectNode json = Json.object().put("key", key.toHex());
        json.set("contacts", found);
        return json
                .put("hops", outcome.hops())
                .put("messages", outcome.messages())
                .put("duration_ms", outcome.durationMillis());
    }

    /** {@code {"lookups": [{kind, key, hops, messages, duration_ms, found, ago_ms}, ...]}}, newest first. */
    static ObjectNode recentLookups(List<RecentLookup> lookups, long nowMillis) {
        ArrayNode array = Json.array();
        for (RecentLookup l : lookups) {
            array.add(Json.object().put("kind", l.kind()).put("key", l.target().toHex())
                    .put("hops", l.hops()).put("messages", l.messages()).put("duration_ms", l.durationMillis())
                    .put("found", l.found()).put("ago_ms", Math.max(0, nowMillis - l.finishedAtMillis())));
        }
        ObjectNode json = Json.object();
        json.set("lookups", array);
        return json;
    }
}
