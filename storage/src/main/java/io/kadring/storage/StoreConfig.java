package io.kadring.storage;

/**
 * Limits of a {@link RecordStore}.
 *
 * @param maxBytes the byte budget: each record weighs {@link SignedRecord#sizeBytes()} plus
 *     {@value RecordStore#ENTRY_OVERHEAD_BYTES} bytes of bookkeeping; past it the cache evicts
 * @param maxLifetimeMillis the longest a STORE may ask a record to be kept; longer asks are cut
 *     to this
 * @param maxRecordsPerPublisher records one public key may have here; immutable records count
 *     per source with {@code sourceQuotas}, else all together as one publisher
 * @param maxRecordsPerSource records that arrived from one source may be held here
 * @param sourceQuotas a source is an IPv4 address or an IPv6 /64 (what one host controls),
 *     immutable records are a publisher per source, and local puts are a source of their own,
 *     capped at {@code maxLocalRecords}; without it a source is a full IP address and local puts
 *     are charged to nobody
 * @param maxLocalRecords records this node's own puts may have here (with {@code sourceQuotas})
 */
public record StoreConfig(long maxBytes, long maxLifetimeMillis, int maxRecordsPerPublisher,
                          int maxRecordsPerSource, boolean sourceQuotas, int maxLocalRecords) {
    /** 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** 24 h: docs/design.md's record lifetime without owner refresh. */
    public static final long DEFAULT_MAX_LIFETIME_MILLIS = 24 * 60 * 60 * 1000L;
    public static final int DEFAULT_MAX_RECORDS_PER_PUBLISHER = 1000;
    public static final int DEFAULT_MAX_RECORDS_PER_SOURCE = 2000;
    public static final int DEFAULT_MAX_LOCAL_RECORDS = 1000;

    public StoreConfig {
        positive("maxBytes", maxBytes);
        positive("maxLifetimeMillis", maxLifetimeMillis);
        positive("maxRecordsPerPublisher", maxRecordsPerPublisher);
        positive("maxRecordsPerSource", maxRecordsPerSource);
        positive("maxLocalRecords", maxLocalRecords);
    }

    /** With the source quotas and {@value #DEFAULT_MAX_LOCAL_RECORDS} local records. */
    public StoreConfig(long maxBytes, long maxLifetimeMillis, int maxRecordsPerPublisher, int maxRecordsPerSource) {
        this(maxBytes, maxLifetimeMillis, maxRecordsPerPublisher, maxRecordsPerSource, true, DEFAULT_MAX_LOCAL_RECORDS);
    }

    /** These limits with the source quotas on or off. */
    public StoreConfig withSourceQuotas(boolean on) {
        return new StoreConfig(maxBytes, maxLifetimeMillis, maxRecordsPerPublisher, maxRecordsPerSource, on,
                maxLocalRecords);
    }

    /** 64 MiB, 24 h, 1000 records per publisher, 2000 per source, 1000 local, source quotas on. */
    public static StoreConfig defaults() {
        return new StoreConfig(DEFAULT_MAX_BYTES, DEFAULT_MAX_LIFETIME_MILLIS,
                DEFAULT_MAX_RECORDS_PER_PUBLISHER, DEFAULT_MAX_RECORDS_PER_SOURCE);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
