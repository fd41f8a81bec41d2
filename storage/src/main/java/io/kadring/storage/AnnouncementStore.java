package io.kadring.storage;

import io.kadring.routing.Id;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The announcements a node holds for others: per topic key, one entry per announcer (its public
 * key), each expiring at its own time, within {@link AnnouncementLimits}. A newer seq from an
 * announcer replaces its entry; an older seq is {@link RejectReason#SEQ_TOO_LOW}, the same seq
 * with other bytes {@link RejectReason#SEQ_REUSED}; the identical entry again is a refresh (its
 * expiry the later of the two). A topic that is full drops the announcer heard from longest ago
 * for a new one; a source over its quota, or a store that is full, is refused.
 *
 * <p>Entries are paged in the order of their announcers' keys (unsigned bytes), after a cursor
 * key, so that a reader pages on correctly while entries come and go.
 *
 * <p>Time comes from the caller ({@code now}); expired entries are removed on {@link #put} and
 * {@link #cleanUp}, and never returned. Every operation is O(log n) per entry touched. Not
 * thread-safe; {@link #size()} may be read from any thread.
 */
public final class AnnouncementStore {
    /** The source of this node's own announcements. */
    private static final String LOCAL = "local";
    private static final Comparator<Entry> BY_EXPIRY =
            Comparator.<Entry>comparingLong(e -> e.held.expiresAt()).thenComparingLong(e -> e.serial);
    private static final Comparator<Entry> BY_AGE =
            Comparator.<Entry>comparingLong(e -> e.held.receivedAt()).thenComparingLong(e -> e.serial);

    private final AnnouncementLimits limits;
    private final Predicate<Announcement> signatures;
    private final Map<Id, Topic> topics = new HashMap<>();
    private final NavigableSet<Entry> byExpiry = new TreeSet<>(BY_EXPIRY);
    private final Map<Object, Integer> perSource = new HashMap<>();
    private volatile int size;
    private long nextSerial;

    /** One held entry, and whom it is charged to. */
    private record Entry(HeldAnnouncement held, Object source, long serial) {
        Announcement announcement() {
            return held.announcement();
        }
    }

    /** A topic's entries by announcer key, and by age for eviction. */
    private static final class Topic {
        final TreeMap<byte[], Entry> byAnnouncer = new TreeMap<>(Announcement::compareKeys);
        final NavigableSet<Entry> byAge = new TreeSet<>(BY_AGE);
        final Map<Object, Integer> perSource = new HashMap<>();
    }

    /** A store within {@code limits}, checking signatures with Ed25519. */
    public AnnouncementStore(AnnouncementLimits limits) {
        this(limits, Announcement::verifySignature);
    }

    /** @param signatures the signature check (a memoising one in the simulator; never one that skips) */
    public AnnouncementStore(AnnouncementLimits limits, Predicate<Announcement> signatures) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
    }

    /**
     * Holds {@code a} for {@code lifetimeMillis} (cut to the limit) if the rules allow: the
     * lifetime, the seq against the entry held, the quotas, then the signature (not checked
     * again for a refresh of the identical entry).
     *
     * @param source the sender, whose IPv4 address or IPv6 /64 the quotas count; null for this node's own
     */
    public StoreOutcome put(Announcement a, long lifetimeMillis, InetSocketAddress source, long now) {
        Objects.requireNonNull(a, "announcement");
        if (lifetimeMillis <= 0) return StoreOutcome.rejected(RejectReason.EXPIRED);
        cleanUp(now);
        Topic topic = topics.get(a.topic());
        byte[] key = a.publicKey();
        Entry held = topic == null ? null : topic.byAnnouncer.get(key);
        long until = now + Math.min(lifetimeMillis, limits.maxLifetimeMillis());
        if (held != null) {
            Announcement old = held.announcement();
            if (a.seq() < old.seq()) return StoreOutcome.rejected(RejectReason.SEQ_TOO_LOW);
            if (a.seq() == old.seq()) {
                if (!a.equals(old)) return StoreOutcome.rejected(RejectReason.SEQ_REUSED);
                remove(topic, held);
                install(topic, new Entry(new HeldAnnouncement(old, Math.max(until, held.held.expiresAt()), now),
                        held.source, nextSerial++));
                return StoreOutcome.of(StoreOutcome.Status.REFRESHED);
            }
        }
        Object charged = sourceKey(source);
        boolean newCharge = held == null || !charged.equals(held.source);
        if (newCharge && (count(perSource, charged) >= limits.maxPerSource()
                || (topic != null && count(topic.perSource, charged) >= limits.maxPerSourcePerTopic()))) {
            return StoreOutcome.rejected(RejectReason.QUOTA_EXCEEDED);
        }
        if (held == null && size >= limits.maxEntries()) return StoreOutcome.rejected(RejectReason.UNAVAILABLE);
        if (!signatures.test(a)) return StoreOutcome.rejected(RejectReason.BAD_SIGNATURE);
        if (topic == null) {
            topic = new Topic();
            topics.put(a.topic(), topic);
        }
        if (held != null) {
            remove(topic, held);
        } else if (topic.byAnnouncer.size() >= limits.maxPerTopic()) {
            remove(topic, topic.byAge.first()); // the announcer heard from longest ago
        }
        install(topic, new Entry(new HeldAnnouncement(a, until, now), charged, nextSerial++));
        return StoreOutcome.of(held == null ? StoreOutcome.Status.STORED : StoreOutcome.Status.REPLACED);
    }

    /**
     * Up to {@code max} live entries under {@code topic} whose announcer key follows {@code after}
     * (null: from the first), in key order.
     */
    public List<HeldAnnouncement> page(Id topic, byte[] after, int max, long now) {
        Topic t = topics.get(topic);
        if (t == null || max <= 0) return List.of();
        Map<byte[], Entry> tail = after == null ? t.byAnnouncer : t.byAnnouncer.tailMap(after, false);
        List<HeldAnnouncement> page = new ArrayList<>(Math.min(max, t.byAnnouncer.size()));
        for (Entry e : tail.values()) {
            if (page.size() == max) break;
            if (!e.held.isExpired(now)) page.add(e.held);
        }
        return page;
    }

    /** Every live entry under {@code topic}, in key order. */
    public List<HeldAnnouncement> all(Id topic, long now) {
        return page(topic, null, Integer.MAX_VALUE, now);
    }

    /** The entry {@code announcer} has under {@code topic}, if live. */
    public Optional<HeldAnnouncement> get(Id topic, byte[] announcer, long now) {
        Topic t = topics.get(topic);
        Entry e = t == null ? null : t.byAnnouncer.get(announcer);
        return e == null || e.held.isExpired(now) ? Optional.empty() : Optional.of(e.held);
    }

    /** Entries held under {@code topic} (expired ones not yet removed included until {@link #cleanUp}). */
    public int count(Id topic) {
        Topic t = topics.get(topic);
        return t == null ? 0 : t.byAnnouncer.size();
    }

    /** Removes every entry expired at {@code now}. */
    public void cleanUp(long now) {
        while (!byExpiry.isEmpty() && byExpiry.first().held.isExpired(now)) {
            Entry e = byExpiry.first();
            Topic topic = topics.get(e.announcement().topic());
            remove(topic, e);
            if (topic.byAnnouncer.isEmpty()) topics.remove(e.announcement().topic());
        }
    }

    /** Entries held, over all topics. */
    public int size() {
        return size;
    }

    /** Topics with at least one entry. */
    public int topics() {
        return topics.size();
    }

    /** Entries charged to {@code source} (for tests). */
    int countOfSource(InetSocketAddress source) {
        return count(perSource, sourceKey(source));
    }

    private void install(Topic topic, Entry e) {
        topic.byAnnouncer.put(e.announcement().publicKey(), e);
        topic.byAge.add(e);
        byExpiry.add(e);
        topic.perSource.merge(e.source, 1, Integer::sum);
        perSource.merge(e.source, 1, Integer::sum);
        size++;
    }

    private void remove(Topic topic, Entry e) {
        topic.byAnnouncer.remove(e.announcement().publicKey());
        topic.byAge.remove(e);
        byExpiry.remove(e);
        uncount(topic.perSource, e.source);
        uncount(perSource, e.source);
        size--;
    }

    private static int count(Map<Object, Integer> counts, Object key) {
        return counts.getOrDefault(key, 0);
    }

    private static void uncount(Map<Object, Integer> counts, Object key) {
        counts.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    /** An IPv4 address, an IPv6 /64 (what one host controls), or {@link #LOCAL}. */
    private static Object sourceKey(InetSocketAddress source) {
        if (source == null) return LOCAL;
        InetAddress ip = source.getAddress();
        if (ip == null) return source.getHostString();
        byte[] bytes = ip.getAddress();
        return bytes.length == 16 ? "/64 " + java.util.HexFormat.of().formatHex(bytes, 0, 8) : ip;
    }
}
