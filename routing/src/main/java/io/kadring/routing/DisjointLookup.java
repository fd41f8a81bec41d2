package io.kadring.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * S/Kademlia's disjoint lookup: {@code d} {@link XorLookup}s toward one target whose paths share
 * no node. The seeds are dealt out in turn, closest first; a contact belongs to the first path
 * that asks it: the others rule it out, and do not follow referrals to it.
 * So an attacker must sit on every path to decide the answer. With {@code d = 1} it is a plain
 * {@link XorLookup}. The result is the k closest that answered on any path. Not thread-safe.
 */
public final class DisjointLookup {
    private final Id target;
    private final Id self;
    private final int k;
    private final List<XorLookup> paths = new ArrayList<>();
    /** The path that asked each contact (or was dealt it as a seed). */
    private final Map<Id, Integer> pathOf = new HashMap<>();

    /**
     * @param self  the local node: on every path, as having answered
     * @param seeds contacts from the local table, dealt out to the paths closest first
     * @param d     the number of paths (at least 1); fewer when there are fewer seeds
     */
    public DisjointLookup(Id target, Contact self, Collection<Contact> seeds, int k, int alpha, int d) {
        this(target, self, seeds, k, alpha, d, 0);
    }

    /** As above; {@code spares}: how many beyond the k closest each stalled path asks as well ({@link XorLookup}). */
    public DisjointLookup(Id target, Contact self, Collection<Contact> seeds, int k, int alpha, int d, int spares) {
        this(target, self, seeds, k, alpha, d, spares, () -> true);
    }

    /**
     * As above; {@code burst}: whether a stalled path asks its k + spares closest at once, asked
     * each time it picks whom to ask ({@link XorLookup}).
     */
    public DisjointLookup(Id target, Contact self, Collection<Contact> seeds, int k, int alpha, int d, int spares,
                          BooleanSupplier burst) {
        this.target = Objects.requireNonNull(target, "target");
        this.self = self.id();
        this.k = k;
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        List<Contact> sorted = new ArrayList<>(seeds);
        sorted.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        int n = Math.max(1, Math.min(d, sorted.size()));
        List<List<Contact>> dealt = new ArrayList<>();
        for (int i = 0; i < n; i++) dealt.add(new ArrayList<>());
        int next = 0;
        for (Contact c : sorted) {
            if (c.id().equals(this.self) || pathOf.containsKey(c.id())) continue;
            pathOf.put(c.id(), next);
            dealt.get(next).add(c);
            next = (next + 1) % n;
        }
        for (List<Contact> share : dealt) paths.add(new XorLookup(target, self, share, k, alpha, spares, burst));
    }

    public Id target() {
        return target;
    }

    /** The paths followed. */
    public int paths() {
        return paths.size();
    }

    /** What every path says to ask now; each contact asked is ruled out on the other paths. */
    public List<Contact> next() {
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            for (Contact c : paths.get(i).next()) {
                Integer owner = pathOf.putIfAbsent(c.id(), i);
                if (owner != null && owner != i) { // asked by an earlier path this very round
                    paths.get(i).onFailure(c.id());
                    continue;
                }
                for (int j = 0; j < paths.size(); j++) {
                    if (j != i) paths.get(j).onFailure(c.id()); // not asked there: ruled out, uncounted
                }
                out.add(c);
            }
        }
        return out;
    }

    /** {@code from} answered; the contacts it names that belong to another path are left to that one. */
    public void onResponse(Id from, List<Contact> closer) {
        Integer path = pathOf.get(from);
        if (path == null) return;
        if (paths.size() == 1) {
            paths.get(0).onResponse(from, closer);
            return;
        }
        List<Contact> own = new ArrayList<>(closer.size());
        for (Contact c : closer) {
            Integer owner = pathOf.get(c.id());
            if (owner == null || owner.equals(path)) own.add(c);
        }
        paths.get(path).onResponse(from, own);
    }

    /** A query to {@code from} failed, on whichever path it belongs to. */
    public void onFailure(Id from) {
        Integer path = pathOf.get(from);
        if (path != null) paths.get(path).onFailure(from);
    }

    /** {@code from} straggles ({@link XorLookup#onSlow}), on whichever path it belongs to. */
    public void onSlow(Id from) {
        Integer path = pathOf.get(from);
        if (path != null) paths.get(path).onSlow(from);
    }

    /** True once every path has finished. */
    public boolean isFinished() {
        for (XorLookup p : paths) {
            if (!p.isFinished()) return false;
        }
        return true;
    }

    /**
     * The k closest that answered on any path; hops are those of the path that found the
     * closest; the counts are summed over the paths.
     */
    public LookupResult result() {
        if (paths.size() == 1) return paths.get(0).result();
        Map<Id, Contact> union = new LinkedHashMap<>();
        int messages = 0;
        int responses = 0;
        int failures = 0;
        int hops = 0;
        Id best = null;
        for (XorLookup p : paths) {
            LookupResult r = p.result();
            messages += r.messages();
            responses += r.responses();
            failures += r.failures();
            for (Contact c : r.closest()) union.putIfAbsent(c.id(), c);
            if (!r.closest().isEmpty()) {
                Id first = r.closest().get(0).id();
                if (best == null || target.compareDistance(first, best) < 0) {
                    best = first;
                    hops = r.hops();
                }
            }
        }
        List<Contact> closest = new ArrayList<>(union.values());
        closest.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        if (closest.size() > k) closest = new ArrayList<>(closest.subList(0, k));
        return new LookupResult(closest, hops, messages, responses, failures);
    }
}
