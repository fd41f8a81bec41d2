package io.kadring.simulator.run;

import io.kadring.routing.Id;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ids of the nodes that are up and have joined, which the simulator alone knows: the
 * true k closest to a key and the true successor, to check every lookup against.
 *
 * <p>The ids are kept in one sorted list. Ids sharing at least L leading bits with a key sit
 * next to each other around the key's place in it, and each is closer by XOR than any id
 * sharing fewer; so the k closest are found among the few ids of the longest such run that
 * holds k, without a scan of the whole network.
 */
final class GroundTruth {
    private final List<Id> live = new ArrayList<>();

    void add(Id id) {
        int at = Collections.binarySearch(live, id);
        if (at < 0) live.add(-at - 1, id);
    }

    void remove(Id id) {
        int at = Collections.binarySearch(live, id);
        if (at >= 0) live.remove(at);
    }

    /** The live ids, sorted. */
    List<Id> ids() {
        return List.copyOf(live);
    }

    int size() {
        return live.size();
    }

    /** The first live id clockwise from {@code key} (the key itself if live). */
    Id successor(Id key) {
        int at = place(key);
        return at < live.size() ? live.get(at) : live.get(0);
    }

    /** The first live id strictly after {@code id} clockwise ({@code id} itself if it is the only one). */
    Id after(Id id) {
        int at = Collections.binarySearch(live, id);
        int next = at >= 0 ? at + 1 : -at - 1;
        return live.isEmpty() ? id : live.get(next % live.size());
    }

    /** The {@code k} live ids closest to {@code key} by XOR, closest first. */
    List<Id> closest(Id key, int k) {
        int n = live.size();
        if (n == 0 || k <= 0) return List.of();
        // widen [lo, hi) around the key's place, a whole prefix length at a time
        int lo = place(key);
        int hi = lo;
        while (hi - lo < k && (lo > 0 || hi < n)) {
            int left = lo > 0 ? key.commonPrefixLength(live.get(lo - 1)) : -1;
            int right = hi < n ? key.commonPrefixLength(live.get(hi)) : -1;
            int shared = Math.max(left, right);
            while (lo > 0 && key.commonPrefixLength(live.get(lo - 1)) >= shared) lo--;
            while (hi < n && key.commonPrefixLength(live.get(hi)) >= shared) hi++;
        }
        List<Id> candidates = new ArrayList<>(live.subList(lo, hi));
        candidates.sort(key::compareDistance);
        return candidates.size() > k ? new ArrayList<>(candidates.subList(0, k)) : candidates;
    }

    /** Index of the first live id at or after {@code key}. */
    private int place(Id key) {
        int at = Collections.binarySearch(live, key);
        return at >= 0 ? at : -at - 1;
    }
}
