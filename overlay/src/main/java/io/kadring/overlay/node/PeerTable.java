package io.kadring.overlay.node;

import java.util.Objects;

/**
 * What a node remembers per peer (an id, an address, a record) in at most {@code capacity}
 * slots, whoever and however many the peers: the bound on admission's caches, the RTT
 * estimates and the verified-address memory, so that no remote can grow them.
 *
 * <p>A table holds keys alone ({@link #keys}), an object beside each key ({@link #objects}), a
 * {@code long} beside each ({@link #numbers}) or an {@code int} ({@link #ints}): an array for what it holds and none for the rest.
 * The slots are parallel arrays in sets of {@value #WAYS}, a key's set chosen by its hash; a key
 * stays in its slot, and one {@code int} per set lists the set's slots most recently used first
 * (3 bits each), so a use rewrites that word and moves no reference (a move of references was a
 * tenth of the simulator's time). The arrays start small and double, without losing an entry,
 * until they hold {@code capacity}; after that a key arriving at a full set replaces the least
 * recently used key of that set. So eviction is LRU within a set, close to LRU overall, at 4 bytes
 * a slot for the key, 4 (object or int) or 8 (number) beside it, half a byte for the order, and no object per entry.
 */
final class PeerTable<K> {
    static final int WAYS = 8;
    private static final int FIRST_SETS = 2;

    private final int maxSets;
    private final boolean holdsObjects;
    private final boolean holdsNumbers;
    private final boolean holdsInts;
    /** WAYS slots per set, in no order; a slot is empty (null) or holds a key. */
    private Object[] keys;
    /** Per set, its order word: how many keys, and their ways most recently used first. */
    private int[] order;
    private Object[] values;
    private long[] numbers;
    private int[] ints;
    private int size;

    private PeerTable(int capacity, boolean holdsObjects, boolean holdsNumbers, boolean holdsInts) {
        if (capacity < WAYS || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= " + WAYS + ", got " + capacity);
        }
        this.maxSets = capacity / WAYS;
        this.holdsObjects = holdsObjects;
        this.holdsNumbers = holdsNumbers;
        this.holdsInts = holdsInts;
    }

    /** A set of at most {@code capacity} keys: a power of two, at least {@value #WAYS}. */
    static <K> PeerTable<K> keys(int capacity) {
        return new PeerTable<>(capacity, false, false, false);
    }

    /** At most {@code capacity} keys with an object beside each. */
    static <K> PeerTable<K> objects(int capacity) {
        return new PeerTable<>(capacity, true, false, false);
    }

    /** At most {@code capacity} keys with a {@code long} beside each. */
    static <K> PeerTable<K> numbers(int capacity) {
        return new PeerTable<>(capacity, false, true, false);
    }

    /** At most {@code capacity} keys with an {@code int} beside each (half a number's bytes). */
    static <K> PeerTable<K> ints(int capacity) {
        return new PeerTable<>(capacity, false, false, true);
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

    /** The int beside {@code key}, or {@code absent} when it is not held. Counts as a use. */
    int intValue(K key, int absent) {
        if (!holdsInts) throw new IllegalStateException("the table holds no ints");
        int slot = find(key);
        return slot < 0 ? absent : ints[slot];
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

    /** Holds {@code key} with the int {@code value}, evicting within its set if need be. */
    void putInt(K key, int value) {
        if (!holdsInts) throw new IllegalStateException("the table holds no ints");
        int slot = claim(key);
        ints[slot] = value;
    }

    /** Forgets {@code key}; the object beside it, if any, was returned by {@link #value} before. */
    void remove(K key) {
        int slot = find(key); // now the most recently used of its set
        if (slot < 0) return;
        int set = slot / WAYS;
        int o = order[set];
        order[set] = (o >>> 7) << 4 | (count(o) - 1);
        clear(slot);
        size--;
    }

    /** The slot of {@code key}, made the most recently used of its set; -1 when it is not held. */
    private int find(K key) {
        if (keys == null) return -1;
        int set = setOf(key, order.length);
        int base = set * WAYS;
        int o = order[set];
        for (int pos = 0, n = count(o); pos < n; pos++) {
            int slot = base + way(o, pos);
            Object k = keys[slot];
            if (k == key || k.equals(key)) { // shared ids and addresses (the simulator's) match by identity
                if (pos > 0) order[set] = toFront(o, pos);
                return slot;
            }
        }
        return -1;
    }

    /**
     * The slot of {@code key}, the most recently used of its set: its own, or a new one (the
     * set's least recently used key dropped if the set is full), its object and number cleared.
     */
    private int claim(K key) {
        Objects.requireNonNull(key, "key");
        int held = find(key);
        if (held >= 0) return held;
        if (keys == null) allocate(Math.min(FIRST_SETS, maxSets));
        int set = setOf(key, order.length);
        while (count(order[set]) == WAYS && order.length < maxSets) {
            grow();
            set = setOf(key, order.length);
        }
        int o = order[set];
        int n = count(o);
        int way;
        if (n == WAYS) {
            way = way(o, WAYS - 1); // the least recently used falls off
            o = withCount(o, WAYS - 1);
        } else {
            way = 0;
            while (keys[set * WAYS + way] != null) way++;
            size++;
        }
        order[set] = pushFront(o, way);
        int slot = set * WAYS + way;
        clear(slot);
        keys[slot] = key;
        return slot;
    }

    // A set's order word: bits 0-3 its key count, then 3 bits per place (28 bits in all), most
    // recently used first, each the way (0-7) of the slot in that place. A use rewrites the word alone.

    private static int count(int o) {
        return o & 0xF;
    }

    private static int way(int o, int pos) {
        return (o >>> (4 + 3 * pos)) & 7;
    }

    private static int withCount(int o, int n) {
        int places = (o >>> 4) & ((1 << (3 * n)) - 1);
        return places << 4 | n;
    }

    /** {@code way} in front of the places of {@code o}, one more key. */
    private static int pushFront(int o, int way) {
        int n = count(o);
        return ((o >>> 4) << 3 | way) << 4 | (n + 1);
    }

    /** The way at place {@code pos} moved to the front, the ones before it back one place. */
    private static int toFront(int o, int pos) {
        int places = o >>> 4;
        int before = places & ((1 << (3 * pos)) - 1);
        int way = (places >>> (3 * pos)) & 7;
        int after = places >>> (3 * pos + 3) << (3 * pos + 3);
        return (after | before << 3 | way) << 4 | count(o);
    }

    private void clear(int slot) {
        keys[slot] = null;
        if (holdsObjects) values[slot] = null;
        if (holdsNumbers) numbers[slot] = 0;
        if (holdsInts) ints[slot] = 0;
    }

    /** Twice the sets: every key moves to its set in the larger table, in its order, none is lost. */
    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        long[] oldNumbers = numbers;
        int[] oldInts = ints;
        int[] oldOrder = order;
        allocate(oldOrder.length * 2);
        for (int set = 0; set < oldOrder.length; set++) {
            int o = oldOrder[set];
            for (int pos = 0, n = count(o); pos < n; pos++) {
                int from = set * WAYS + way(o, pos);
                int to = setOf(oldKeys[from], order.length);
                int place = count(order[to]); // a set splits in two: at most WAYS keys come to each
                int slot = to * WAYS + place;
                order[to] = (order[to] >>> 4 | place << (3 * place)) << 4 | (place + 1);
                keys[slot] = oldKeys[from];
                if (holdsObjects) values[slot] = oldValues[from];
                if (holdsNumbers) numbers[slot] = oldNumbers[from];
                if (holdsInts) ints[slot] = oldInts[from];
            }
        }
    }

    private void allocate(int sets) {
        keys = new Object[sets * WAYS];
        order = new int[sets];
        if (holdsObjects) values = new Object[sets * WAYS];
        if (holdsNumbers) numbers = new long[sets * WAYS];
        if (holdsInts) ints = new int[sets * WAYS];
    }

    static int setOf(Object key, int sets) {
        int h = key.hashCode() * 0x9E3779B9; // spread: ids and addresses hash well, but not in the low bits alone
        return (h ^ (h >>> 16)) & (sets - 1);
    }
}
