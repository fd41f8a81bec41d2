package io.kadring.routing;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node as this node knows it: its id, the address it talks from, when it was last
 * heard from (in the caller's clock, milliseconds) and how many requests to it have
 * failed in a row. Immutable: the routing table replaces a contact to update it.
 *
 * <p>Equality is by id and address only ({@link #sameNode}); {@code lastSeen} and
 * {@code failures} are bookkeeping and take no part in {@code equals} or {@code hashCode}.
 *
 * @param lastSeen when it was last heard from, in the caller's clock (ms)
 * @param failures consecutive failed requests since it was last heard from
 */
public record Contact(Id id, InetSocketAddress address, long lastSeen, int failures) {

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (failures < 0) throw new IllegalArgumentException("failures must be >= 0, got " + failures);
    }

    /** A contact heard from at {@code now} with no failures. */
    public static Contact seen(Id id, InetSocketAddress address, long now) {
        return new Contact(id, address, now, 0);
    }

    /** The same node heard from again at {@code now}: failures reset. */
    public Contact withSeen(long now) {
        return new Contact(id, address, Math.max(now, lastSeen), 0);
    }

    /** The same node after one more failed request. */
    public Contact withFailure() {
        return new Contact(id, address, lastSeen, failures + 1);
    }

    /** Same id and address (the bookkeeping fields do not take part). */
    public boolean sameNode(Contact other) {
        return id.equals(other.id) && address.equals(other.address);
    }

    /** Equality is by id and address; last-seen time and failures are bookkeeping. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Contact c && sameNode(c);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + address.hashCode();
    }

    @Override
    public String toString() {
        return id + "@" + address.getHostString() + ":" + address.getPort();
    }
}
