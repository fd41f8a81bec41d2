package io.kadring.overlay.wire;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A contact as it travels in NODES, VALUE and NEIGHBOURS: id and address, no bookkeeping.
 * On the wire {@code id 32 | address}: 39 bytes for IPv4, 51 for IPv6.
 */
public record WireContact(Id id, InetSocketAddress address) {

    /** Rejects a null id, and an address that cannot go on the wire (unresolved, port 0, IPv4-mapped). */
    public WireContact {
        Objects.requireNonNull(id, "id");
        WireAddress.check(address, "address");
    }

    /** The id and address of {@code contact}. */
    public static WireContact of(Contact contact) {
        return new WireContact(contact.id(), contact.address());
    }

    /** A routing-table contact heard of at {@code now}, with no failures. */
    public Contact toContact(long now) {
        return new Contact(id, address, now, 0);
    }

    /** Bytes this contact takes on the wire. */
    public int encodedSize() {
        return Id.BYTES + WireAddress.size(address);
    }
}
