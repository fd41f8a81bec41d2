package io.kadring.overlay.node;

import java.util.Objects;

/**
 * What a node remembers per peer (an id, an address, a record) in at most {@code capacity}
 * slots, whoever and however many the peers: the bound on admission's caches, the RTT
 * estimates and the verified-address memory, so that no remote can grow them.
 *
 * <p>A table holds keys alone ({@link #keys}), an object beside each key ({@link #objects}) or a
 * {@code long} beside each ({@link #numbers}): an array for what it holds and none for the rest.
 * The slots are parallel arrays in sets of {@value #WAYS}, a key's set chosen by its hash; within
 * a set the keys are kept most recently used first, so the order is the LRU bookkeeping and costs
 * no array. The arrays start small and double, without losing an entry, until they hold
 * {@code capacity}; after that a key arriving at a full set replaces the least recently used key
 * of that set. So eviction is LRU within a set, close to LRU overall, at 4 bytes a slot for the key
 * and 4 (object) or 8 (number) beside it, and no object per entry.
 */
final class PeerTable<K> {
    static final int WAYS = 8;
    private static final int FIRST_SETS = 2;

    private final int maxSets;
    private final boolean holdsObjects;
    private final boolean holdsNumbers;
    /** Per set, its keys most recently used first, then nulls. */
    private Object[] keys;
    private Object[] values;
    private long[] numbers;
    private int size;

    private PeerTable(int capacity, boolean holdsObjects, boolean holdsNumbers) {
        if (capacity < WAYS || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= " + WAYS + ", got " + capacity);
        }
        this.maxSets = capacity / WAYS;
        this.holdsObjects = holdsObjects;
        this.holdsNumbers = holdsNumbers;
    }

    /** A set of at most {@code capacity} keys: a power of two, at least {@value #WAYS}. */
    static <K> PeerTable<K> keys(int capacity) {
        return new PeerTable<>(capacity, false, false);
    }

    /** At most {@code capacity} keys with an object beside each. */
    static <K> PeerTable<K> objects(int capacity) {
        return new PeerTable<>(capacity, true, false);
    }

    /** At most {@code capacity} keys with a {@code long} beside each. */
    static <K> PeerTable<K> numbers(int capacity) {
        return new PeerTable<>(capacity, false, true);
    }

    int size() {
        return size;
    }

    int capacity() {
        return maxSets * WAYS;
    }

    /** Whether {@code key} is held. Counts as a use. */
    boolean containsKey(K key) {
        return find(key) >= 0;
    }

    /** The object beside {@code key}, or null when it is not held. Counts as a use. */
    Object value(K key) {
        if (!holdsObjects) throw new IllegalStateException("the table holds no objects");
        int slot = find(key);
        return slot < 0 ? null : values[slot];
    }

    /** The number beside {@code key}, or {@code absent} when it is not held. Counts as a use. */
    long number(K key, long absent) {
        if (!holdsNumbers) throw new IllegalStateException("the table holds no numbers");
        int slot = find(key);
        return slot < 0 ? absent : numbers[slot];
    }

    /** Holds {@code key}, evicting within its set if need be. */
    void add(K key) {
        claim(key);
    }

    /** Holds {@code key} with {@code value}, evicting within its set if need be. */
    void put(K key, Object value) {
        if (!holdsObjects) throw new IllegalStateException("the table holds no objects");
        int slot = claim(key); // first: it may allocate the arrays
        values[slot] = value;
    }

    /** Holds {@code key} with {@code number}, evicting within its set if need be. */
    void put(K key, long number) {
        if (!holdsNumbers) throw new IllegalStateException("the table holds no numbers");
        int slot = claim(key);
        numbers[slot] = number;
    }

    /** Forgets {@code key}; the object beside it, if any, was returned by {@link #value} before. */
    void remove(K key) {
        int slot = find(key); // now first in its set
        if (slot < 0) return;
        int last = (slot / WAYS + 1) * WAYS - 1;
        move(slot + 1, slot, last - slot);
        clear(last);
        size--;
    }

    /** The slot of {@code key}, moved to the front of its set; -1 when it is not held. */
    private int find(K key) {
        if (keys == null) return -1;
        int base = setOf(key, keys.length / WAYS) * WAYS;
        for (int i = base; i < base + WAYS && keys[i] != null; i++) {
            Object k = keys[i];
            if (k == key || k.equals(key)) { // shared ids and addresses (the simulator's) match by identity
                if (i > base) toFront(base, i);
                return base;
            }
        }
        return -1;
    }

    /**
     * The slot of {@code key} at the front of its set: its own, or a new one (the set's least
     * recently used key dropped if the set is full), its object and number cleared.
     */
    private int claim(K key) {
        Objects.requireNonNull(key, "key");
        int held = find(key);
        if (held >= 0) return held;
        if (keys == null) allocate(Math.min(FIRST_SETS, maxSets));
        int base = setOf(key, keys.length / WAYS) * WAYS;
        while (keys[base + WAYS - 1] != null && keys.length / WAYS < maxSets) {
            grow();
            base = setOf(key, keys.length / WAYS) * WAYS;
        }
        if (keys[base + WAYS - 1] == null) size++;
        move(base, base + 1, WAYS - 1); // the last (least recently used or empty) falls off
        clear(base);
        keys[base] = key;
        return base;
    }

    /** Moves slot {@code i} of the set at {@code base} to its front, the ones before it back one. */
    private void toFront(int base, int i) {
        Object key = keys[i];
        Object value = holdsObjects ? values[i] : null;
        long number = holdsNumbers ? numbers[i] : 0;
        move(base, base + 1, i - base);
        keys[base] = key;
        if (holdsObjects) values[base] = value;
        if (holdsNumbers) numbers[base] = number;
    }

    private void move(int from, int to, int count) {
        System.arraycopy(keys, from, keys, to, count);
        if (holdsObjects) System.arraycopy(values, from, values, to, count);
        if (holdsNumbers) System.arraycopy(numbers, from, numbers, to, count);
    }

    private void clear(int slot) {
        keys[slot] = null;
        if (holdsObjects) values[slot] = null;
        if (holdsNumbers) numbers[slot] = 0;
    }

    /** Twice the sets: every key moves to its set in the larger table, in its order, none is lost. */
    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        long[] oldNumbers = numbers;
        allocate(oldKeys.length / WAYS * 2);
        int sets = keys.length / WAYS;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == null) continue;
            int slot = setOf(oldKeys[i], sets) * WAYS;
            while (keys[slot] != null) slot++; // a set splits in two: at most WAYS keys come to each
            keys[slot] = oldKeys[i];
            if (holdsObjects) values[slot] = oldValues[i];
            if (holdsNumbers) numbers[slot] = oldNumbers[i];
        }
    }

    private void allocate(int sets) {
        keys = new Object[sets * WAYS];
        if (holdsObjects) values = new Object[sets * WAYS];
        if (holdsNumbers) numbers = new long[sets * WAYS];
    }

    static int setOf(Object key, int sets) {
        int h = key.hashCode() * 0x9E3779B9; // spread: ids and addresses hash well, but not in the low bits alone
        return (h ^ (h >>> 16)) & (sets - 1);
    }
}
