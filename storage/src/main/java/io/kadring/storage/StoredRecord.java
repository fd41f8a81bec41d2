package io.kadring.storage;

import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A record as a {@link RecordStore} holds it. Times are the store's clock, in milliseconds.
 *
 * @param key the record's key (computed once)
 * @param expiresAt the first instant the record is no longer held
 * @param receivedAt when these bytes last arrived (stored, replaced or refreshed): a holder skips
 *     republishing what it received within the replicate interval
 * @param source the address this version first came from, which its per-source quota is charged
 *     to; null when it was put locally
 * @param owned whether the local node publishes this key and refreshes it itself
 */
public record StoredRecord(SignedRecord record, Id key, long expiresAt, long receivedAt,
                           InetSocketAddress source, boolean owned) {
    public StoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(key, "key");
    }

    /** Milliseconds left at {@code now}, 0 once expired: what a republishing STORE passes on. */
    public long remainingLifetime(long now) {
        return Math.max(0, expiresAt - now);
    }

    /** Whether the record has expired at {@code now} (it lives while {@code now < expiresAt}). */
    public boolean isExpired(long now) {
        return now >= expiresAt;
    }
}
