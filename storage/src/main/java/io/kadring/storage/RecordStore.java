package io.kadring.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.kadring.routing.Id;
import io.kadring.storage.StoreOutcome.Status;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The records a node holds: a Caffeine cache bounded by bytes, each entry expiring at its own
 * time on the node's clock, with per-publisher and per-source quotas.
 *
 * <p>Lifetimes: a STORE carries the record's remaining lifetime; asks above
 * {@link StoreConfig#maxLifetimeMillis()} are cut to it, and zero or less is
 * {@link RejectReason#EXPIRED}. A newer seq replaces the record and starts its lifetime afresh.
 * The identical record again is a refresh: its expiry becomes the later of the one held and
 * {@code now + lifetime}, so a shorter (stale) copy never shortens it, and since holders pass on
 * only what remains, only the owner's refresh can move it further than it already was.
 *
 * <p>Time: every {@code now} argument must be read from the {@code nowMillis} clock. Expiry is
 * the store's own: it keeps its entries ordered by expiry and removes every expired one, exactly,
 * on {@link #put} and {@link #cleanUp()}, and {@link #get} never returns an expired record. The
 * cache itself has no expiry (Caffeine's would be lazy anyway, and its timer wheel costs some
 * 4.7 KB per cache: per node, in a simulator of thousands). Removal callbacks run on the calling
 * thread ({@code executor(Runnable::run)}), so counts are exact when a call returns.
 *
 * <p>Determinism: with the byte budget never reached, behaviour is a function of the calls made.
 * Once it is, Caffeine (W-TinyLFU) picks what to evict, and its admission uses an unseeded
 * random in rare ties; set {@link StoreConfig#maxBytes()} so that it does not bind in a
 * simulation that must replay to the byte.
 *
 * <p>Not thread-safe: confine it to the node's thread. {@link #size()}, {@link #bytes()},
 * {@link #evictions()} and the rejection counters may be read from any thread (metrics gauges).
 */
public final class RecordStore {
    /**
     * Bytes added to {@link SignedRecord#sizeBytes()} for an entry's bookkeeping: about seven
     * object headers and five array headers, the cache's node and the expiry index's node.
     */
    public static final int ENTRY_OVERHEAD_BYTES = 320;
    /** The source of this node's own puts, with the source quotas. */
    private static final String LOCAL = "local";

    private static final Comparator<Entry> BY_EXPIRY =
            Comparator.<Entry>comparingLong(e -> e.stored.expiresAt()).thenComparingLong(e -> e.serial);

    private final StoreConfig config;
    private final LongSupplier clock;
    private final RecordValidator validator;
    private final Consumer<StoredRecord> newVersions;
    private final Cache<Id, Entry> cache;
    /** Exactly the entries counted below: added before the cache holds them, dropped on removal. */
    private final NavigableSet<Entry> byExpiry = new TreeSet<>(BY_EXPIRY);
    private final Map<Publisher, Integer> perPublisher = new HashMap<>();
    private final Map<Object, Integer> perSource = new HashMap<>();
    private final AtomicLongArray rejected = new AtomicLongArray(RejectReason.values().length);
    private volatile int size;
    private volatile long bytes;
    private volatile long evictions;
    private long nextSerial;

    /** A store with the standard validator (values up to 1000 bytes, Ed25519). */
    public RecordStore(StoreConfig config, LongSupplier nowMillis) {
        this(config, nowMillis, RecordValidator.standard());
    }

    /**
     * @param nowMillis the node's clock in milliseconds (any origin)
     * @param validator the acceptance rules, e.g. with a memoised signature check
     */
    public RecordStore(StoreConfig config, LongSupplier nowMillis, RecordValidator validator) {
        this(config, nowMillis, validator, stored -> { });
    }

    /**
     * As above; {@code newVersions} hears, on the calling thread, of every put that stored a key
     * not held or replaced it with a newer seq (a tombstone included), once it is held: what a
     * holder notifies its listeners of. Refreshes are not new versions.
     */
    public RecordStore(StoreConfig config, LongSupplier nowMillis, RecordValidator validator,
                       Consumer<StoredRecord> newVersions) {
        this.newVersions = Objects.requireNonNull(newVersions, "newVersions");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(nowMillis, "nowMillis");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.maxBytes())
                .weigher((Id key, Entry entry) -> entry.weight)
                .executor(Runnable::run)
                .removalListener((Id key, Entry entry, RemovalCause cause) -> onRemoval(entry, cause))
                .build();
    }

    /** {@link #put(SignedRecord, long, InetSocketAddress, long, long)} without compare-and-swap. */
    public StoreOutcome put(SignedRecord record, long lifetimeMillis, InetSocketAddress source, long now) {
        return put(record, lifetimeMillis, source, now, -1);
    }

    /**
     * Stores {@code record} under its key if the rules allow: lifetime, then the validator's cheap
     * checks (size, seq, compare-and-swap), then quotas, then the signature (skipped for a record
     * byte-identical to the one held, which was checked when it came).
     *
     * @param lifetimeMillis how long the record has left, as the STORE says
     * @param source the sender, whose IP the per-source quota counts; null for a local put,
     *     which no source quota limits
     * @param expectedSeq compare-and-swap: the seq the writer expects to be held, negative for
     *     none (see {@link RecordValidator#check(SignedRecord, Id, SignedRecord, long)})
     * @return how it was stored, or why not; {@link RejectReason#UNAVAILABLE} when the store is
     *     full and the cache evicted the newcomer at once
     */
    public StoreOutcome put(SignedRecord record, long lifetimeMillis, InetSocketAddress source, long now,
                            long expectedSeq) {
        Objects.requireNonNull(record, "record");
        if (lifetimeMillis <= 0) {
            return reject(RejectReason.EXPIRED);
        }
        expire(now);
        Id key = record.key();
        Entry held = live(key, now);
        SignedRecord heldRecord = held == null ? null : held.stored.record();
        Optional<RejectReason> invalid = validator.checkCheap(record, key, heldRecord, expectedSeq);
        if (invalid.isPresent()) {
            return reject(invalid.get());
        }
        Status status = held == null ? Status.STORED
                : record.equals(heldRecord) ? Status.REFRESHED : Status.REPLACED;
        Object sourceKey = status == Status.REFRESHED ? held.sourceKey : sourceKey(source);
        Publisher publisher = status == Status.REFRESHED ? held.publisher : publisherOf(record, sourceKey);
        if (overQuota(status, held, publisher, sourceKey)) {
            return reject(RejectReason.QUOTA_EXCEEDED);
        }
        if (status != Status.REFRESHED) {
            Optional<RejectReason> badSignature = validator.checkSignature(record);
            if (badSignature.isPresent()) {
                return reject(badSignature.get());
            }
        }
        long until = now + Math.min(lifetimeMillis, config.maxLifetimeMillis());
        StoredRecord stored = switch (status) {
            case STORED -> new StoredRecord(record, key, until, now, source, false);
            case REPLACED -> new StoredRecord(record, key, until, now, source, held.stored.owned());
            case REFRESHED -> new StoredRecord(heldRecord, key, Math.max(until, held.stored.expiresAt()), now,
                    held.stored.source(), held.stored.owned());
            case REJECTED -> throw new AssertionError(status);
        };
        Entry entry = new Entry(stored, publisher, sourceKey, nextSerial++);
        install(entry);
        if (cache.policy().getIfPresentQuietly(key) != entry) {
            return reject(RejectReason.UNAVAILABLE);
        }
        if (status != Status.REFRESHED) newVersions.accept(stored);
        return StoreOutcome.of(status);
    }

    /** The record held under {@code key} at {@code now}; never an expired one. */
    public Optional<StoredRecord> get(Id key, long now) {
        Entry entry = cache.getIfPresent(key);
        return entry == null || entry.stored.isExpired(now) ? Optional.empty() : Optional.of(entry.stored);
    }

    /** Milliseconds the record under {@code key} has left at {@code now}; 0 if none is held. */
    public long remainingLifetime(Id key, long now) {
        Entry entry = live(key, now);
        return entry == null ? 0 : entry.stored.remainingLifetime(now);
    }

    /** Drops the record under {@code key}; whether one was held. */
    public boolean remove(Id key) {
        return cache.asMap().remove(key) != null;
    }

    /**
     * Marks the record under {@code key} as the local node's own, to be refreshed by it; kept
     * when a newer seq replaces it. Whether a record was held.
     */
    public boolean markOwned(Id key) {
        Entry entry = live(key, clock.getAsLong());
        if (entry == null) {
            return false;
        }
        if (!entry.stored.owned()) {
            StoredRecord s = entry.stored;
            install(new Entry(new StoredRecord(s.record(), key, s.expiresAt(), s.receivedAt(), s.source(), true),
                    entry.publisher, entry.sourceKey, nextSerial++));
        }
        return true;
    }

    /** Every record held at {@code now}, soonest to expire first: what a republish round walks. */
    public List<StoredRecord> snapshot(long now) {
        List<StoredRecord> live = new ArrayList<>(byExpiry.size());
        for (Entry entry : byExpiry) {
            if (!entry.stored.isExpired(now)) {
                live.add(entry.stored);
            }
        }
        return live;
    }

    /** Removes what has expired by the clock's now, exactly, and runs Caffeine's maintenance. */
    public void cleanUp() {
        cache.cleanUp();
        expire(clock.getAsLong());
    }

    /** Records held, expired ones included until the next {@link #put} or {@link #cleanUp()}. */
    public int size() {
        return size;
    }

    /** Bytes held, as weighed against {@link StoreConfig#maxBytes()} (overhead included). */
    public long bytes() {
        return bytes;
    }

    /**
     * Records the cache evicted to stay within {@link StoreConfig#maxBytes()}, ever, newcomers
     * it turned away at once ({@link RejectReason#UNAVAILABLE}) included.
     */
    public long evictions() {
        return evictions;
    }

    /** Puts rejected for {@code reason}, ever. */
    public long rejected(RejectReason reason) {
        return rejected.get(reason.ordinal());
    }

    /** Puts rejected, ever, by reason (every reason present, zeros included). */
    public Map<RejectReason, Long> rejections() {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason, rejected(reason));
        }
        return counts;
    }

    /** Records charged to {@code source}'s IP (for tests). */
    int countOfSource(InetSocketAddress source) {
        return count(perSource, sourceKey(source));
    }

    /** Records charged to the publisher of {@code record} as sent from {@code source} (for tests). */
    int countOfPublisher(SignedRecord record, InetSocketAddress source) {
        return count(perPublisher, publisherOf(record, sourceKey(source)));
    }

    // ---- internals --------------------------------------------------------

    private StoreOutcome reject(RejectReason reason) {
        rejected.incrementAndGet(reason.ordinal());
        return StoreOutcome.rejected(reason);
    }

    /** The entry under {@code key} if it lives at {@code now}. */
    private Entry live(Id key, long now) {
        Entry entry = cache.policy().getIfPresentQuietly(key);
        return entry == null || entry.stored.isExpired(now) ? null : entry;
    }

    private boolean overQuota(Status status, Entry held, Publisher publisher, Object sourceKey) {
        if (status == Status.STORED && count(perPublisher, publisher) >= config.maxRecordsPerPublisher()) {
            return true;
        }
        boolean chargesSource = sourceKey != null && (status == Status.STORED
                || (status == Status.REPLACED && !sourceKey.equals(held.sourceKey)));
        int cap = LOCAL.equals(sourceKey) ? config.maxLocalRecords() : config.maxRecordsPerSource();
        return chargesSource && count(perSource, sourceKey) >= cap;
    }

    /**
     * The public key; every immutable record has the empty one, a single pseudo-publisher, unless
     * the source quotas make it one per source (so that one source's immutable records cannot
     * shut everyone else's out).
     */
    private Publisher publisherOf(SignedRecord record, Object sourceKey) {
        byte[] key = record.sharedPublicKey();
        if (key.length == 0 && config.sourceQuotas()) {
            key = ("immutable from " + sourceKey).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new Publisher(key);
    }

    /**
     * A publisher as the quotas count it: its public key, the record's own array (never written:
     * no copy per entry, and 16 bytes where a read-only buffer over a copy took 96).
     */
    private record Publisher(byte[] key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Publisher p && java.util.Arrays.equals(key, p.key);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "Publisher[" + key.length + " bytes]";
        }
    }

    /**
     * Who a record is charged to. With the source quotas: the sender's IPv4 address or IPv6 /64,
     * and {@link #LOCAL} for a local put. Without: the sender's IP (its host string if
     * unresolved), and nobody (null) for a local put.
     */
    private Object sourceKey(InetSocketAddress source) {
        if (source == null) {
            return config.sourceQuotas() ? LOCAL : null;
        }
        java.net.InetAddress ip = source.getAddress();
        if (ip == null) {
            return source.getHostString();
        }
        if (config.sourceQuotas() && ip.getAddress().length == 16) {
            return "/64 " + java.util.HexFormat.of().formatHex(ip.getAddress(), 0, 8);
        }
        return ip;
    }

    private void install(Entry entry) {
        count(entry, +1);
        byExpiry.add(entry);
        cache.put(entry.stored.key(), entry);
    }

    /** Removes every entry expired at {@code now}; the removal listener does the accounting. */
    private void expire(long now) {
        while (!byExpiry.isEmpty() && byExpiry.first().stored.isExpired(now)) {
            Entry entry = byExpiry.first();
            cache.asMap().remove(entry.stored.key(), entry);
            forget(entry);
        }
    }

    private void onRemoval(Entry entry, RemovalCause cause) {
        if (forget(entry) && cause == RemovalCause.SIZE) {
            evictions++;
        }
    }

    /** Uncounts {@code entry} unless it already was; whether it was counted. */
    private boolean forget(Entry entry) {
        if (!byExpiry.remove(entry)) {
            return false;
        }
        count(entry, -1);
        return true;
    }

    private void count(Entry entry, int delta) {
        size += delta;
        bytes += (long) delta * entry.weight;
        adjust(perPublisher, entry.publisher, delta);
        if (entry.sourceKey != null) {
            adjust(perSource, entry.sourceKey, delta);
        }
    }

    private static <K> int count(Map<K, Integer> counts, K key) {
        return counts.getOrDefault(key, 0);
    }

    private static <K> void adjust(Map<K, Integer> counts, K key, int delta) {
        counts.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    /** A cache value. Identity matters: each install is a distinct entry, told apart by serial. */
    private static final class Entry {
        final StoredRecord stored;
        final Publisher publisher;
        final Object sourceKey;
        final int weight;
        final long serial;

        Entry(StoredRecord stored, Publisher publisher, Object sourceKey, long serial) {
            this.stored = stored;
            this.publisher = publisher;
            this.sourceKey = sourceKey;
            this.weight = stored.record().sizeBytes() + ENTRY_OVERHEAD_BYTES;
            this.serial = serial;
        }
    }
}
