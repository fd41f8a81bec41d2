package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contacts this node knows, table and ring together, as answers and lookups use them. */
final class KnownContacts {
    private final RoutingTable table;
    private final RingNeighbours ring;

    KnownContacts(RoutingTable table, RingNeighbours ring) {
        this.table = table;
        this.ring = ring;
    }

    /**
     * The contacts closest to {@code target} by XOR, at most {@code n}, leaving out contacts
     * whose last request failed (likely gone: not worth passing on).
     */
    List<Contact> closest(Id target, int n) {
        // answered for every FIND_NODE: a few dozen contacts, deduplicated by a scan, not a map
        List<Contact> fromTable = table.closest(target, n + 4);
        List<Contact> successors = ring.successors();
        List<Contact> list = new ArrayList<>(fromTable.size() + successors.size() + 1);
        for (Contact c : fromTable) {
            if (c.failures() == 0) list.add(c); // the table holds each id once
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
