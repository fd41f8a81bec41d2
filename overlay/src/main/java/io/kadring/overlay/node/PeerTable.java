package io.kadring.overlay.node;

import java.util.Objects;

/**
 * What a node remembers per peer (an id, an address, a record) in at most {@code capacity}
 * slots, whoever and however many the peers: the bound on admission's caches, the RTT
 * estimates and the verified-address memory, so that no remote can grow them.
 *
 * <p>Each key has one object and one {@code long} beside it (callers use what they need). The
 * slots are parallel arrays in sets of {@value #WAYS}, a key's set chosen by its hash; the
 * arrays start small and double, without losing an entry, until they hold {@code capacity};
 * after that a key arriving at a full set replaces the least recently used key of that set.
 * So eviction is LRU within a set, close to LRU overall, at about 20 bytes a slot and no
 * object per entry.
 */
final class PeerTable<K> {
    static final int WAYS = 8;
    private static final int FIRST_SETS = 2;

    private final int maxSets;
    private Object[] keys;
    private Object[] values;
    private long[] numbers;
    /** When each slot was last used, by {@link #clock}; 0 for an empty slot. */
    private int[] used;
    private int clock;
    private int size;

    /** @param capacity the most keys held: a power of two, at least {@value #WAYS} */
    PeerTable(int capacity) {
        if (capacity < WAYS || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= " + WAYS + ", got " + capacity);
        }
        this.maxSets = capacity / WAYS;
    }

    int size() {
        return size;
    }

    int capacity() {
        return maxSets * WAYS;
    }

    boolean containsKey(K key) {
        return find(key) >= 0;
    }

    /** The object beside {@code key}, or null when it is not held. Counts as a use. */
    Object value(K key) {
        int slot = find(key);
        return slot < 0 ? null : values[slot];
    }

    /** The number beside {@code key}, or {@code absent} when it is not held. Counts as a use. */
    long number(K key, long absent) {
        int slot = find(key);
        return slot < 0 ? absent : numbers[slot];
    }

    /** Holds {@code key} with {@code value} and {@code number}, evicting within its set if need be. */
    void put(K key, Object value, long number) {
        int slot = claim(key);
        values[slot] = value;
        numbers[slot] = number;
    }

    /** Forgets {@code key}; the object beside it, if any, was returned by {@link #value} before. */
    void remove(K key) {
        int slot = find(key);
        if (slot < 0) return;
        keys[slot] = null;
        values[slot] = null;
        numbers[slot] = 0;
        used[slot] = 0;
        size--;
    }

    private int find(K key) {
        if (keys == null) return -1;
        int base = setOf(key, keys.length / WAYS) * WAYS;
        for (int i = base; i < base + WAYS; i++) {
            if (keys[i] != null && keys[i].equals(key)) {
                used[i] = tick();
                return i;
            }
        }
        return -1;
    }

    /** The slot of {@code key}: its own, a free one in its set, or its set's least recently used. */
    private int claim(K key) {
        Objects.requireNonNull(key, "key");
        int held = find(key);
        if (held >= 0) return held;
        if (keys == null) allocate(Math.min(FIRST_SETS, maxSets));
        int slot = freeOrOldest(key);
        while (keys[slot] != null && keys.length / WAYS < maxSets) {
            grow();
            slot = freeOrOldest(key);
        }
        if (keys[slot] == null) size++;
        keys[slot] = key;
        values[slot] = null;
        numbers[slot] = 0;
        used[slot] = tick();
        return slot;
    }

    private int freeOrOldest(K key) {
        int base = setOf(key, keys.length / WAYS) * WAYS;
        int oldest = base;
        for (int i = base; i < base + WAYS; i++) {
            if (keys[i] == null) return i;
            if (used[i] - used[oldest] < 0) oldest = i;
        }
        return oldest;
    }

    /** Twice the sets: every key moves to its set in the larger table, none is lost. */
    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        long[] oldNumbers = numbers;
        int[] oldUsed = used;
        allocate(oldKeys.length / WAYS * 2);
        int sets = keys.length / WAYS;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == null) continue;
            int base = setOf(oldKeys[i], sets) * WAYS;
            int slot = base;
            while (keys[slot] != null) slot++; // a set splits in two: at most WAYS keys come to each
            keys[slot] = oldKeys[i];
            values[slot] = oldValues[i];
            numbers[slot] = oldNumbers[i];
            used[slot] = oldUsed[i];
        }
    }

    private void allocate(int sets) {
        keys = new Object[sets * WAYS];
        values = new Object[sets * WAYS];
        numbers = new long[sets * WAYS];
        used = new int[sets * WAYS];
    }

    private int tick() {
        clock++;
        if (clock == 0) clock = 1; // 0 marks an empty slot
        return clock;
    }

    private static int setOf(Object key, int sets) {
        int h = key.hashCode() * 0x9E3779B9; // spread: ids and addresses hash well, but not in the low bits alone
        return (h ^ (h >>> 16)) & (sets - 1);
    }
}
