package io.kadring.overlay.node;

import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Contacts to and from their wire form. */
final class WireContacts {
    private WireContacts() {}

    /**
     * Contacts from the wire that {@code responder} sent, minus those no one could be reached
     * at. The responder naming itself is taken at the address it answered from: a node bound to
     * a wildcard address that has not learned its own yet can only name a wildcard.
     */
    static List<Contact> reachable(List<WireContact> wire, Contact responder, long now) {
        List<Contact> out = new ArrayList<>(wire.size());
        for (WireContact w : wire) {
            InetSocketAddress a = w.id().equals(responder.id()) ? responder.address() : w.address();
            if (a.getPort() == 0 || a.getAddress().isAnyLocalAddress() || a.getAddress().isMulticastAddress()) {
                continue;
            }
            out.add(Contact.seen(w.id(), a, now));
        }
        return out;
    }

    static WireContact wire(Contact c) {
        return new WireContact(c.id(), c.address());
    }

    static List<WireContact> wire(List<Contact> contacts) {
        List<WireContact> out = new ArrayList<>(contacts.size());
        for (Contact c : contacts) out.add(wire(c));
        return out;
    }
}
