package io.kadring.routing;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Kademlia's routing table: 256 k-buckets indexed by the length of the prefix a contact
 * shares with the local id, each in least-recently-seen order with a replacement cache,
 * a per-prefix diversity limit, and the time each bucket was last used by a lookup.
 *
 * <p>A plain data structure: time is passed in ({@code now}, milliseconds), nothing is
 * sent from here. When a full bucket wants its oldest contact pinged, {@link #observe}
 * says so and the caller reports the outcome through {@link #observe} (it answered) or
 * {@link #onFailure} (it did not). Not thread-safe: confine it to the node's thread.
 */
public final class RoutingTable {

    /** What {@link #observe} did with a contact. */
    public enum Outcome {
        /** It was new and its bucket had room. */
        ADDED,
        /** It was already in its bucket and is now the most recently seen (or kept its old, working address). */
        UPDATED,
        /** Its bucket is full: it waits in the replacement cache while {@code toPing} is pinged. */
        PENDING_EVICTION,
        /** Its bucket is full and a ping of the oldest contact is already outstanding: it waits in the cache. */
        CACHED,
        /** Its bucket already holds {@code maxPerPrefix} contacts from its network prefix. */
        REJECTED_DIVERSITY,
        /** It is the local node, which is never stored. */
        SELF
    }

    /**
     * The outcome of {@link #observe}; {@code toPing} is the contact the caller should ping
     * (only with {@link Outcome#PENDING_EVICTION}), else null.
     */
    public record Observation(Outcome outcome, Contact toPing) {
        static final Observation ADDED = new Observation(Outcome.ADDED, null);
        static final Observation UPDATED = new Observation(Outcome.UPDATED, null);
        static final Observation CACHED = new Observation(Outcome.CACHED, null);
        static final Observation REJECTED_DIVERSITY = new Observation(Outcome.REJECTED_DIVERSITY, null);
        static final Observation SELF = new Observation(Outcome.SELF, null);

        public Observation {
            Objects.requireNonNull(outcome, "outcome");
            if ((outcome == Outcome.PENDING_EVICTION) != (toPing != null)) {
                throw new IllegalArgumentException("toPing goes with PENDING_EVICTION only, got "
                        + outcome + " and " + toPing);
            }
        }
    }

    private final Id localId;
    private final RoutingConfig config;
    /**
     * Bucket i at index i, null while empty; only as long as the deepest bucket used needs (a
     * table holds about log2(N/k) + 3 buckets: a 256-slot array per node was 1 KB of the
     * simulator's 30 per node).
     */
    private KBucket[] buckets = new KBucket[16];
    /** When bucket i was last used by a lookup, for the buckets the array holds (as many as {@link #buckets}). */
    private long[] lastUsed = new long[16];
    /**
     * Beyond {@link #lastUsed}: pairs (index, time) of the buckets a lookup used (a join's lookup
     * of the local id is one); any other counts as used when the table started.
     */
    private long[] usedBeyond = new long[0];
    private long startedAt;
    private boolean started;
    private final Collection<Contact> view = new AbstractCollection<>() {
        @Override
        public Iterator<Contact> iterator() {
            return new Iterator<>() {
                private int bucket = -1;
                private int at;
                private List<Contact> entries = List.of();

                @Override
                public boolean hasNext() {
                    while (at == entries.size()) {
                        if (++bucket == buckets.length) return false;
                        entries = buckets[bucket] == null ? List.of() : buckets[bucket].entries();
                        at = 0;
                    }
                    return true;
                }

                @Override
                public Contact next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return entries.get(at++);
                }
            };
        }

        @Override
        public int size() {
            return RoutingTable.this.size();
        }
    };

    public RoutingTable(Id localId, RoutingConfig config) {
        this.localId = Objects.requireNonNull(localId, "localId");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Id localId() {
        return localId;
    }

    public RoutingConfig config() {
        return config;
    }

    /**
     * The node heard from {@code contact}, whose id and address are verified. Its stored
     * copy is seen at {@code now} with no failures. A known id at a new address keeps the
     * old address while that one has not failed. A full bucket first gives the place of a
     * contact that has failed before to the newcomer; otherwise the newcomer is cached and
     * the oldest contact is to be pinged (one ping at a time per bucket; a ping not reported
     * within a minute is asked for again).
     */
    public Observation observe(Contact contact, long now) {
        Objects.requireNonNull(contact, "contact");
        if (!started) {
            started = true;
            startedAt = now;
            for (int i = 0; i < lastUsed.length; i++) lastUsed[i] = Math.max(lastUsed[i], now);
            for (int i = 1; i < usedBeyond.length; i += 2) usedBeyond[i] = Math.max(usedBeyond[i], now);
        }
        int index = localId.commonPrefixLength(contact.id());
        if (index == Id.BITS) return Observation.SELF;
        if (index >= buckets.length) grow(Math.min(Id.BITS, Math.max(index + 1, 2 * buckets.length)));
        KBucket bucket = buckets[index];
        if (bucket == null) bucket = buckets[index] = new KBucket();
        return bucket.observe(contact, now, config);
    }

    /**
     * A request to {@code id} failed (timed out after its retries). It leaves its bucket at
     * once if a replacement is waiting, else after {@code staleAfterFailures} failures in a
     * row; the most recently seen replacement takes its place. Unknown ids are ignored (and
     * dropped from the replacement cache).
     */
    public void onFailure(Id id, long now) {
        KBucket bucket = bucketOf(id);
        if (bucket != null) bucket.onFailure(id, config);
    }

    /** Forgets {@code id} (bucket and replacement cache); true if it was there. A replacement fills its place. */
    public boolean remove(Id id) {
        KBucket bucket = bucketOf(id);
        return bucket != null && bucket.remove(id);
    }

    /** The contact with this id in the buckets (not the replacement caches). */
    public Optional<Contact> get(Id id) {
        KBucket bucket = bucketOf(id);
        return bucket == null ? Optional.empty() : Optional.ofNullable(bucket.get(id));
    }

    /** Whether a bucket holds {@code id}. */
    public boolean contains(Id id) {
        KBucket bucket = bucketOf(id); // asked about most messages: no Optional made
        return bucket != null && bucket.get(id) != null;
    }

    /** Contacts in the buckets (replacement caches not counted). */
    public int size() {
        int n = 0;
        for (KBucket b : buckets) {
            if (b != null) n += b.size();
        }
        return n;
    }

    /** Every contact in the buckets, shallowest bucket first. */
    public List<Contact> contacts() {
        List<Contact> all = new ArrayList<>(size());
        for (KBucket b : buckets) {
            if (b != null) all.addAll(b.entries());
        }
        return all;
    }

    /**
     * Every contact in the buckets, shallowest bucket first, as {@link #contacts()} lists them,
     * but a read-only view of the buckets, not a copy: for a scan that ends before the table
     * changes (a ring answer reads the whole table for every ring FIND_NODE).
     */
    public Collection<Contact> contactsView() {
        return view;
    }

    /**
     * The contact heard from longest ago, or null when the table is empty: the first of the
     * oldest, shallowest bucket first. Each bucket is in least-recently-seen order, so only
     * the buckets' heads are compared (the liveness sweep asks every second or so; no copy).
     */
    public Contact leastRecentlySeen() {
        Contact oldest = null;
        for (KBucket b : buckets) {
            if (b == null || b.size() == 0) continue;
            Contact head = b.entries().get(0);
            if (oldest == null || head.lastSeen() < oldest.lastSeen()) oldest = head;
        }
        return oldest;
    }

    /**
     * The {@code n} contacts closest to {@code target} by XOR, closest first; never the
     * local node. Called for every FIND_NODE a node answers, so it sorts nothing whole and
     * reads only the buckets it needs. Each bucket covers one range of distances to
     * {@code target}, and the ranges do not overlap: with j the prefix {@code target} shares
     * with the local id, bucket j is closest (its contacts agree with the target at bit j);
     * then the deeper buckets, which all differ from it at bit j and among which bucket i is
     * closer than every deeper one when the target differs from the local id at bit i, and
     * farther than every deeper one when it agrees; then buckets j−1, j−2, … 0. So the
     * buckets are taken whole in that order, each sorted, until n contacts are in hand.
     */
    public List<Contact> closest(Id target, int n) {
        Objects.requireNonNull(target, "target");
        List<Contact> out = new ArrayList<>(Math.max(0, Math.min(n, 64)));
        if (n <= 0) return out;
        int j = localId.commonPrefixLength(target);
        int deepest = deepestBucket();
        if (j < Id.BITS && j <= deepest) {
            take(target, j, n, out);
            for (int i = j + 1; i <= deepest && out.size() < n; i++) {
                if (target.bit(i) != localId.bit(i)) take(target, i, n, out); // closer than any deeper
            }
            for (int i = deepest; i > j && out.size() < n; i--) {
                if (target.bit(i) == localId.bit(i)) take(target, i, n, out); // farther than any deeper
            }
        }
        for (int i = Math.min(j, deepest + 1) - 1; i >= 0 && out.size() < n; i--) {
            take(target, i, n, out);
        }
        return out;
    }

    /**
     * Appends the contacts of bucket {@code index} closest to {@code target} to {@code out},
     * sorted, until it holds {@code n}: an insertion into a short sorted tail, far cheaper than
     * sorting a bucket for a few contacts. The tail's distances are kept by their top 64 bits
     * beside it, so most comparisons read no contact.
     */
    private void take(Id target, int index, int n, List<Contact> out) {
        KBucket bucket = bucketAt(index);
        if (bucket == null) return;
        List<Contact> entries = bucket.entries();
        int size = entries.size();
        int base = out.size();
        int m = n - base;
        long[] keys = new long[Math.min(m, size) + 1];
        int taken = 0;
        for (int e = 0; e < size; e++) {
            Contact c = entries.get(e);
            long key = target.distancePrefix(c.id());
            if (taken == m && compare(target, key, c, keys[taken - 1], out.get(base + taken - 1)) >= 0) continue;
            int at = taken;
            while (at > 0 && compare(target, key, c, keys[at - 1], out.get(base + at - 1)) < 0) at--;
            System.arraycopy(keys, at, keys, at + 1, taken - at);
            keys[at] = key;
            out.add(base + at, c);
            if (++taken > m) {
                out.remove(n);
                taken--;
            }
        }
    }

    /** Compares the distances to {@code target} of {@code a} and {@code b}, whose top 64 bits are {@code ka} and {@code kb}. */
    private static int compare(Id target, long ka, Contact a, long kb, Contact b) {
        return ka != kb ? Long.compareUnsigned(ka, kb) : target.compareDistance(a.id(), b.id());
    }

    /** A lookup for {@code target} ran at {@code now}: its bucket counts as used. */
    public void touch(Id target, long now) {
        int index = Math.min(localId.commonPrefixLength(target), Id.BITS - 1);
        if (index < lastUsed.length) {
            lastUsed[index] = Math.max(lastUsed[index], now);
            return;
        }
        for (int i = 0; i < usedBeyond.length; i += 2) {
            if (usedBeyond[i] == index) {
                usedBeyond[i + 1] = Math.max(usedBeyond[i + 1], now);
                return;
            }
        }
        usedBeyond = Arrays.copyOf(usedBeyond, usedBeyond.length + 2);
        usedBeyond[usedBeyond.length - 2] = index;
        usedBeyond[usedBeyond.length - 1] = Math.max(startedAt, now);
    }

    /** When bucket {@code index} was last used by a lookup (or the table started). */
    private long lastUsed(int index) {
        if (index < lastUsed.length) return lastUsed[index];
        for (int i = 0; i < usedBeyond.length; i += 2) {
            if (usedBeyond[i] == index) return usedBeyond[i + 1];
        }
        return startedAt;
    }

    /** Room for {@code length} buckets; the times of those used beyond the old length move into the array. */
    private void grow(int length) {
        int old = lastUsed.length;
        long[] used = Arrays.copyOf(lastUsed, length);
        for (int i = old; i < length; i++) used[i] = lastUsed(i);
        int kept = 0;
        for (int i = 0; i < usedBeyond.length; i += 2) {
            if (usedBeyond[i] >= length) {
                usedBeyond[kept++] = usedBeyond[i];
                usedBeyond[kept++] = usedBeyond[i + 1];
            }
        }
        usedBeyond = Arrays.copyOf(usedBeyond, kept);
        lastUsed = used;
        buckets = Arrays.copyOf(buckets, length);
    }

    /**
     * Buckets that can hold contacts (indices 0 to {@link #deepestBucket()} + 1) and were not
     * used by a lookup within the last {@code idleMillis}: at least that long ago.
     */
    public List<Integer> idleBuckets(long now, long idleMillis) {
        List<Integer> idle = new ArrayList<>();
        int last = Math.min(deepestBucket() + 1, Id.BITS - 1);
        for (int i = 0; i <= last; i++) {
            if (now - lastUsed(i) >= idleMillis) idle.add(i);
        }
        return idle;
    }

    /** The largest index of a non-empty bucket, or -1 when the table is empty. */
    public int deepestBucket() {
        for (int i = buckets.length - 1; i >= 0; i--) {
            if (buckets[i] != null && buckets[i].size() > 0) return i;
        }
        return -1;
    }

    /** The contacts of bucket {@code index}, least recently seen first. */
    public List<Contact> bucket(int index) {
        KBucket b = bucketAt(checkIndex(index));
        return b == null ? List.of() : List.copyOf(b.entries());
    }

    /** The replacement cache of bucket {@code index}, most recently seen last. */
    public List<Contact> replacements(int bucketIndex) {
        KBucket b = bucketAt(checkIndex(bucketIndex));
        return b == null ? List.of() : List.copyOf(b.cache());
    }

    /** Contacts in bucket {@code index}. */
    public int bucketSize(int index) {
        KBucket b = bucketAt(checkIndex(index));
        return b == null ? 0 : b.size();
    }

    private KBucket bucketOf(Id id) {
        int index = localId.commonPrefixLength(Objects.requireNonNull(id, "id"));
        return index == Id.BITS ? null : bucketAt(index);
    }

    /** Bucket {@code index} (0..255), null when empty or beyond the array. */
    private KBucket bucketAt(int index) {
        return index < buckets.length ? buckets[index] : null;
    }

    private static int checkIndex(int index) {
        if (index < 0 || index >= Id.BITS) {
            throw new IllegalArgumentException("bucket index " + index + " not in 0..255");
        }
        return index;
    }

    @Override
    public String toString() {
        return "RoutingTable[" + localId + ", " + size() + " contacts, deepest bucket " + deepestBucket() + "]";
    }
}
