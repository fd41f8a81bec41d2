package io.kadring.overlay.node;

import java.util.ArrayList;
import java.util.List;

/** The last {@link #CAPACITY} lookups the node finished, in a fixed ring (the oldest overwritten). */
final class RecentLookups {
    static final int CAPACITY = 32;
    private final RecentLookup[] ring = new RecentLookup[CAPACITY];
    private long added;

    void add(RecentLookup lookup) {
        ring[(int) (added++ % CAPACITY)] = lookup;
    }

    /** Newest first. */
    List<RecentLookup> newestFirst() {
        int n = (int) Math.min(added, CAPACITY);
        List<RecentLookup> out = new ArrayList<>(n);
        for (long i = added - 1; i >= added - n; i--) out.add(ring[(int) (i % CAPACITY)]);
        return out;
    }
}
