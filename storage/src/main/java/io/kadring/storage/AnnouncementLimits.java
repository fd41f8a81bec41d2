package io.kadring.storage;

/**
 * Bounds of an {@link AnnouncementStore}: what one holder keeps, whatever it is sent.
 *
 * @param maxPerTopic distinct announcers kept per topic; past it the one heard from longest ago goes
 * @param maxPerSourcePerTopic entries under one topic that arrived from one source (an IPv4
 *     address or an IPv6 /64); smaller than {@code maxPerTopic}, so that one source cannot
 *     push every other announcer out of a topic
 * @param maxPerSource entries from one source over all topics
 * @param maxEntries entries held in all; past it new announcers are refused (UNAVAILABLE)
 * @param maxLifetimeMillis the longest an ANNOUNCE may ask an entry to be kept; longer asks are cut to it
 */
public record AnnouncementLimits(int maxPerTopic, int maxPerSourcePerTopic, int maxPerSource, int maxEntries,
                                 long maxLifetimeMillis) {
    public static final int DEFAULT_MAX_PER_TOPIC = 1000;
    public static final int DEFAULT_MAX_PER_SOURCE_PER_TOPIC = 100;
    public static final int DEFAULT_MAX_PER_SOURCE = 1000;
    public static final int DEFAULT_MAX_ENTRIES = 50_000;
    /** 2 h: four times the default entry lifetime of 30 minutes. */
    public static final long DEFAULT_MAX_LIFETIME_MILLIS = 2 * 60 * 60 * 1000L;

    public AnnouncementLimits {
        positive("maxPerTopic", maxPerTopic);
        positive("maxPerSourcePerTopic", maxPerSourcePerTopic);
        positive("maxPerSource", maxPerSource);
        positive("maxEntries", maxEntries);
        positive("maxLifetimeMillis", maxLifetimeMillis);
    }

    /** 1000 per topic, 100 per source and topic, 1000 per source, 50,000 in all, at most 2 h. */
    public static AnnouncementLimits defaults() {
        return new AnnouncementLimits(DEFAULT_MAX_PER_TOPIC, DEFAULT_MAX_PER_SOURCE_PER_TOPIC, DEFAULT_MAX_PER_SOURCE,
                DEFAULT_MAX_ENTRIES, DEFAULT_MAX_LIFETIME_MILLIS);
    }

    private static void positive(String name, long value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
}
