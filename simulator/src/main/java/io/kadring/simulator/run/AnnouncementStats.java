package io.kadring.simulator.run;

/**
 * What the announcement workload did: announces and how many a quorum took; lookups of topics,
 * and the share of the live announcers (announced before the lookup began, still up) that they
 * returned, pooled over all lookups; and the requests the feature sent (the lookups inside each
 * announce and announcements lookup included), with their answers, per node and second.
 */
public final class AnnouncementStats {
    long announcers;
    long announces;
    long announceSuccesses;
    long lookups;
    long lookupsComplete;
    long expected;
    long found;
    long requests;
    double nodeSeconds;

    /** Nodes that announce (over the whole run, churn's newcomers included). */
    public long announcers() {
        return announcers;
    }

    public long announces() {
        return announces;
    }

    public double announceSuccessRate() {
        return announces == 0 ? 1 : announceSuccesses / (double) announces;
    }

    public long lookups() {
        return lookups;
    }

    /** Live announcers the lookups should have returned, summed over the lookups. */
    public long expected() {
        return expected;
    }

    /** Of those, how many they returned. */
    public long found() {
        return found;
    }

    /** Of all live announcers the lookups should have returned, the share they did. */
    public double liveAnnouncersShare() {
        return expected == 0 ? 1 : found / (double) expected;
    }

    /** The share of lookups that returned every live announcer. */
    public double completeLookupShare() {
        return lookups == 0 ? 1 : lookupsComplete / (double) lookups;
    }

    /** Requests and their answers (two messages each) per node per second of the workload. */
    public double messagesPerNodePerSecond() {
        return nodeSeconds <= 0 ? 0 : 2 * requests / nodeSeconds;
    }
}
