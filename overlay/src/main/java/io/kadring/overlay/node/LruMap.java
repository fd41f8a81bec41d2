package io.kadring.overlay.node;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code capacity} entries, forgetting the least recently used (read
 * or written) first: the bound on every per-peer table a node keeps (rate limits, RTT
 * estimates, recently verified contacts), so that no remote can grow them.
 */
final class LruMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    private final int capacity;

    LruMap(int capacity) {
        super(16, 0.75f, true);
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
