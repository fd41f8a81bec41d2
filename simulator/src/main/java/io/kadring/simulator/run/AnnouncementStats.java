package io.kadring.simulator.run;

import io.kadring.simulator.stats.Share;

/**
 * What the announcement workload did: announces and how many a quorum took; lookups of topics,
 * and the share of the live announcers (announced before the lookup began, still up) that they
 * returned, pooled over all lookups; and the requests the feature sent (the lookups inside each
 * announce and announcements lookup included), with their answers, per node and second.
 *
 * @param announcers nodes that announce (over the whole run, churn's newcomers included)
 * @param lookupsComplete the lookups that returned every live announcer
 * @param expected live announcers the lookups should have returned, summed over the lookups
 * @param found of those, how many they returned
 * @param nodeSeconds nodes times seconds of the workload
 */
public record AnnouncementStats(long announcers, long announces, long announceSuccesses, long lookups,
                                long lookupsComplete, long expected, long found, long requests, double nodeSeconds) {
    public double announceSuccessRate() {
        return Share.of(announceSuccesses, announces);
    }

    /** Of all live announcers the lookups should have returned, the share they did. */
    public double liveAnnouncersShare() {
        return Share.of(found, expected);
    }

    /** The share of lookups that returned every live announcer. */
    public double completeLookupShare() {
        return Share.of(lookupsComplete, lookups);
    }

    /** Requests and their answers (two messages each) per node per second of the workload. */
    public double messagesPerNodePerSecond() {
        return nodeSeconds <= 0 ? 0 : 2 * requests / nodeSeconds;
    }
}
