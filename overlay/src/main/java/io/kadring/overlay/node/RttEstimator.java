package io.kadring.overlay.node;

import java.net.InetSocketAddress;

/**
 * Per-address round-trip estimates and the retransmission timeout they give,
 * srtt + 4·rttvar clamped to [min, max] (RFC 6298's estimator, as Bamboo uses for DHT
 * RPCs). Remembers {@value #MAX_ADDRESSES} addresses ({@link PeerTable}: enough for the table's
 * contacts and the ring, which are asked again and again), least recently used dropped first. An
 * address never measured gets the estimate over all addresses (most requests of a lookup
 * go to nodes never asked before), or the initial timeout before any sample at all. So does an
 * address measured fewer than {@value #OWN_SAMPLES} times: from one sample R, RFC 6298 gives
 * 3R, which a jittery path beats (1000 simulated nodes, 10–100 ms per datagram: a node asked
 * once in 30 ms and then in 210 ms timed out, and a lookup lost one of its k closest).
 */
final class RttEstimator {
    static final int MAX_ADDRESSES = 256;
    /** Samples an address needs before its own estimate replaces the overall one. */
    static final int OWN_SAMPLES = 4;
    /** Samples counted up to 7: only whether there are {@value #OWN_SAMPLES} matters. */
    private static final int COUNT_BITS = 3;
    private static final int COUNT_MASK = (1 << COUNT_BITS) - 1;
    private static final int RTT_BITS = 14;
    /**
     * The largest round trip (and srtt, rttvar) an entry holds, 16.4 s: above the longest
     * timeout by default (5 s), so no sample is ever cut; a longer one counts as this.
     */
    static final long MAX_RTT = (1L << RTT_BITS) - 1;

    private final long minTimeout;
    private final long maxTimeout;
    private final long initialTimeout;
    /**
     * Per address, in an int (4 bytes a slot, not 8): srtt in bits 17-30, rttvar in bits 3-16,
     * samples (saturating at 7) in the low 3; never negative, so -1 says "none".
     */
    private final PeerTable<InetSocketAddress> estimates = PeerTable.ints(MAX_ADDRESSES);

    /** srtt and rttvar over every sample, for addresses without one of their own. */
    private long[] overall;

    RttEstimator(long minTimeout, long maxTimeout, long initialTimeout) {
        this.minTimeout = minTimeout;
        this.maxTimeout = maxTimeout;
        this.initialTimeout = initialTimeout;
    }

    /** Feeds one measured round trip (ms) to {@code address}. */
    void sample(InetSocketAddress address, long rtt) {
        long r = Math.min(Math.max(0, rtt), MAX_RTT);
        int packed = estimates.intValue(address, -1);
        long[] e = packed < 0 ? new long[] {r, r / 2} : update(new long[] {srtt(packed), rttvar(packed)}, r);
        int samples = packed < 0 ? 1 : Math.min(COUNT_MASK, (packed & COUNT_MASK) + 1);
        estimates.putInt(address, (int) (e[0] << (COUNT_BITS + RTT_BITS) | Math.min(e[1], MAX_RTT) << COUNT_BITS) | samples);
        if (overall == null) {
            overall = new long[] {r, r / 2};
        } else {
            update(overall, r);
        }
    }

    /** RFC 6298 in integers: rttvar = 3/4 rttvar + 1/4 |srtt − r|, srtt = 7/8 srtt + 1/8 r. */
    private static long[] update(long[] e, long r) {
        e[1] = (3 * e[1] + Math.abs(e[0] - r)) / 4;
        e[0] = (7 * e[0] + r) / 8;
        return e;
    }

    /** The timeout for the next request to {@code address}: srtt + 4·rttvar, clamped. */
    long timeout(InetSocketAddress address) {
        return clamp(estimate(estimates.intValue(address, -1), 4));
    }

    private long clamp(long t) {
        return Math.max(minTimeout, Math.min(maxTimeout, t));
    }

    /**
     * How long a live node at {@code address} usually takes to answer: srtt + 2·rttvar (about
     * the 90th percentile of a normal spread), never beyond the timeout. A lookup stops waiting
     * for a query unanswered by then, and asks another node in its place.
     */
    long patience(InetSocketAddress address) {
        int packed = estimates.intValue(address, -1); // one look-up for both: this runs per query
        return Math.min(clamp(estimate(packed, 4)), estimate(packed, 2));
    }

    /**
     * srtt + {@code deviations}·rttvar from an address's {@code packed} entry (−1: none): the
     * larger of its own estimate (once it has
     * {@value #OWN_SAMPLES} samples) and the overall one. A few samples of a path underestimate
     * its spread; the overall estimate knows the spread of all paths, and a far node's own
     * estimate still raises its timeout above it.
     */
    private long estimate(int packed, int deviations) {
        long all = overall == null ? initialTimeout : overall[0] + deviations * overall[1];
        if (packed >= 0 && ((packed & COUNT_MASK) >= OWN_SAMPLES || overall == null)) {
            long own = srtt(packed) + deviations * rttvar(packed);
            return overall == null ? own : Math.max(own, all);
        }
        return all;
    }

    private static long srtt(int packed) {
        return packed >>> (COUNT_BITS + RTT_BITS);
    }

    private static long rttvar(int packed) {
        return (packed >>> COUNT_BITS) & MAX_RTT;
    }

    /** Addresses with an estimate of their own (for tests): at most {@value #MAX_ADDRESSES}. */
    int tracked() {
        return estimates.size();
    }
}
