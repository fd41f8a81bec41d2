package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A holder's listeners: addresses that asked, with a write token we issued to them (so they
 * receive at that address), to be sent an UPDATE with every newer record of a key. Bounded per
 * key, per source IP and overall; each subscription expires unless its listener renews it; at
 * most one UPDATE per listener and key per {@link #MIN_UPDATE_GAP_MILLIS} (a newer record within
 * the gap waits for its end, the newest replacing any that waited: one timer per subscription at
 * most), within a budget of {@link #UPDATES_PER_SECOND} for the whole node. What does not fit is
 * dropped and counted.
 */
final class ListenerTable {
    /** How long a subscription lives unless renewed. */
    static final long LIFETIME_MILLIS = 10 * 60_000L;
    static final int MAX_PER_KEY = 64;
    static final int MAX_PER_SOURCE = 64;
    static final int MAX_TOTAL = 4096;
    /** The least time between two UPDATEs to one listener for one key. */
    static final long MIN_UPDATE_GAP_MILLIS = 1000;
    static final int UPDATES_PER_SECOND = 500;

    private static final class Entry {
        final InetSocketAddress address;
        long expiresAt;
        long lastSentAt = Long.MIN_VALUE;
        /** A record that came within the gap, sent at its end; null when none waits. */
        SignedRecord waiting;

        Entry(InetSocketAddress address) {
            this.address = address;
        }
    }

    private final LocalNode local;
    private final Outbox outbox;
    private final RateBudget budget;
    private final Map<Id, List<Entry>> byKey = new HashMap<>();
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private int total;

    ListenerTable(LocalNode local, Outbox outbox) {
        this.local = local;
        this.outbox = outbox;
        this.budget = new RateBudget(UPDATES_PER_SECOND, 2 * UPDATES_PER_SECOND, local.now());
    }

    /**
     * Subscribes {@code from} to {@code key} until {@code now + }{@link #LIFETIME_MILLIS} (renews it
     * when it is held); the status for LISTENING: {@link Message.Listening#LISTENING} or
     * {@link RejectReason#QUOTA_EXCEEDED}'s code.
     */
    int subscribe(Id key, InetSocketAddress from, long now) {
        List<Entry> entries = byKey.get(key);
        if (entries != null) {
            expire(entries, now);
            for (Entry e : entries) {
                if (e.address.equals(from)) {
                    e.expiresAt = now + LIFETIME_MILLIS;
                    return Message.Listening.LISTENING;
                }
            }
        }
        if (total >= MAX_TOTAL) expireAll(now);
        InetAddress ip = from.getAddress();
        boolean exempt = ip.isLoopbackAddress() && local.config().exemptLoopback();
        if (total >= MAX_TOTAL || (entries != null && entries.size() >= MAX_PER_KEY)
                || (!exempt && perSource.getOrDefault(ip, 0) >= MAX_PER_SOURCE)) {
            local.metrics().dropped("listen_quota");
            return RejectReason.QUOTA_EXCEEDED.code();
        }
        Entry entry = new Entry(from);
        entry.expiresAt = now + LIFETIME_MILLIS;
        byKey.computeIfAbsent(key, k -> new ArrayList<>(4)).add(entry);
        perSource.merge(ip, 1, Integer::sum);
        total++;
        return Message.Listening.LISTENING;
    }

    /** A newer record of its key is held here: an UPDATE to each live listener of the key. */
    void onNewVersion(SignedRecord record, long now) {
        List<Entry> entries = byKey.get(record.key());
        if (entries == null) return;
        expire(entries, now);
        for (Entry e : entries) {
            if (e.lastSentAt != Long.MIN_VALUE && now - e.lastSentAt < MIN_UPDATE_GAP_MILLIS) {
                if (e.waiting == null) {
                    local.scheduler().schedule(e.lastSentAt + MIN_UPDATE_GAP_MILLIS - now, () -> sendWaiting(e));
                }
                e.waiting = record;
            } else {
                send(e, record, now);
            }
        }
        if (entries.isEmpty()) byKey.remove(record.key());
    }

    private void sendWaiting(Entry e) {
        SignedRecord record = e.waiting;
        e.waiting = null;
        long now = local.now();
        if (record != null && now < e.expiresAt) send(e, record, now);
    }

    private void send(Entry e, SignedRecord record, long now) {
        if (!budget.take(now)) {
            local.metrics().dropped("listen_budget");
            return;
        }
        e.lastSentAt = now;
        outbox.send(e.address, new Message.Update(local.random().nextLong(), local.id(), record));
    }

    /** Drops every expired subscription. */
    void expireAll(long now) {
        for (Iterator<List<Entry>> it = byKey.values().iterator(); it.hasNext(); ) {
            List<Entry> entries = it.next();
            expire(entries, now);
            if (entries.isEmpty()) it.remove();
        }
    }

    /** Subscriptions held (expired ones included until they are swept). */
    int size() {
        return total;
    }

    private void expire(List<Entry> entries, long now) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (now >= e.expiresAt) {
                it.remove();
                perSource.merge(e.address.getAddress(), -1, (a, b) -> a + b == 0 ? null : a + b);
                total--;
            }
        }
    }
}
