package io.kadring.overlay.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The node's latest finished lookups in a fixed ring of {@link NodeConfig#recentLookups()}
 * places, the oldest overwritten; with none, nothing is kept.
 */
final class RecentLookups {
    private final RecentLookup[] ring;
    private long added;

    RecentLookups(int capacity) {
        ring = new RecentLookup[capacity];
    }

    void add(RecentLookup lookup) {
        if (ring.length == 0) return;
        ring[(int) (added++ % ring.length)] = lookup;
    }

    /** Newest first. */
    List<RecentLookup> newestFirst() {
        int n = (int) Math.min(added, ring.length);
        List<RecentLookup> out = new ArrayList<>(n);
        for (long i = added - 1; i >= added - n; i--) out.add(ring[(int) (i % ring.length)]);
        return out;
    }
}
