package io.kadring.simulator.run;

import io.kadring.routing.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The ids of the nodes that are up and have joined, which the simulator alone knows: the
 * true k closest to a key and the true successor, to check every lookup against.
 */
final class GroundTruth {
    private final TreeSet<Id> live = new TreeSet<>();

    void add(Id id) {
        live.add(id);
    }

    void remove(Id id) {
        live.remove(id);
    }

    int size() {
        return live.size();
    }

    boolean contains(Id id) {
        return live.contains(id);
    }

    /** The first live id clockwise from {@code key} (the key itself if live). */
    Id successor(Id key) {
        Id s = live.ceiling(key);
        return s != null ? s : live.first();
    }

    /** The {@code k} live ids closest to {@code key} by XOR, closest first. */
    List<Id> closest(Id key, int k) {
        // a bounded selection: keep the k best seen so far, sorted
        List<Id> best = new ArrayList<>(k + 1);
        for (Id id : live) {
            if (best.size() == k && key.compareDistance(id, best.get(k - 1)) >= 0) continue;
            int at = best.size();
            while (at > 0 && key.compareDistance(id, best.get(at - 1)) < 0) at--;
            best.add(at, id);
            if (best.size() > k) best.remove(k);
        }
        return best;
    }
}
