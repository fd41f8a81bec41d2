package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A colluding group of adversaries, kept sorted by id: the contacts they name instead of
 * honest ones, by XOR closeness to a target or clockwise from a point on the ring.
 */
public final class Sybils {
    private final List<WireContact> members = new ArrayList<>();

    /** Adds a member (its id and the address it listens on). */
    public void add(WireContact member) {
        int at = Collections.binarySearch(members, member, Comparator.comparing(WireContact::id));
        if (at < 0) members.add(-at - 1, member);
    }

    /** The members, sorted by id. */
    public List<WireContact> members() {
        return List.copyOf(members);
    }

    public int size() {
        return members.size();
    }

    /** The {@code n} members closest to {@code target} by XOR, closest first. */
    List<WireContact> closest(Id target, int n) {
        List<WireContact> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
    }

    /** The {@code n} members strictly after {@code from} going clockwise, the nearest first. */
    List<WireContact> following(Id from, int n) {
        List<WireContact> out = new ArrayList<>();
        int size = members.size();
        int start = Collections.binarySearch(ids(), from);
        start = start >= 0 ? start + 1 : -start - 1;
        for (int i = 0; i < size && out.size() < n; i++) {
            WireContact c = members.get((start + i) % size);
            if (!c.id().equals(from)) out.add(c);
        }
        return out;
    }

    /** The member nearest before {@code from} going anticlockwise (not {@code from} itself); null if none. */
    WireContact preceding(Id from) {
        int size = members.size();
        int at = Collections.binarySearch(ids(), from);
        int start = at >= 0 ? at : -at - 1;
        for (int i = 1; i <= size; i++) {
            WireContact c = members.get(Math.floorMod(start - i, size));
            if (!c.id().equals(from)) return c;
        }
        return null;
    }

    private List<Id> ids() {
        List<Id> ids = new ArrayList<>(members.size());
        for (WireContact c : members) ids.add(c.id());
        return ids;
    }
}
