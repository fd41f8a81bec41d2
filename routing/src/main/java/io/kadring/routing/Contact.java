package io.kadring.routing;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node as this node knows it: its id, the address it talks from, when it was last
 * heard from (in the caller's clock, milliseconds) and how many requests to it have
 * failed in a row. Immutable: the routing table replaces a contact to update it.
 */
public final class Contact {
    private final Id id;
    private final InetSocketAddress address;
    private final long lastSeen;
    private final int failures;

    public Contact(Id id, InetSocketAddress address, long lastSeen, int failures) {
        this.id = Objects.requireNonNull(id, "id");
        this.address = Objects.requireNonNull(address, "address");
        if (failures < 0) throw new IllegalArgumentException("failures must be >= 0, got " + failures);
        this.lastSeen = lastSeen;
        this.failures = failures;
    }

    /** A contact heard from at {@code now} with no failures. */
    public static Contact seen(Id id, InetSocketAddress address, long now) {
        return new Contact(id, address, now, 0);
    }

    public Id id() {
        return id;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** When it was last heard from, in the caller's clock (ms). */
    public long lastSeen() {
        return lastSeen;
    }

    /** Consecutive failed requests since it was last heard from. */
    public int failures() {
        return failures;
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
