package io.kadring.overlay.node;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Per-address round-trip estimates and the retransmission timeout they give,
 * srtt + 4·rttvar clamped to [min, max] (RFC 6298's estimator, as Bamboo uses for DHT
 * RPCs). Remembers a bounded number of addresses, least recently used dropped first. An
 * address never measured gets the estimate over all addresses (most requests of a lookup
 * go to nodes never asked before), or the initial timeout before any sample at all.
 */
final class RttEstimator {
    private static final int MAX_ADDRESSES = 4096;

    private final long minTimeout;
    private final long maxTimeout;
    private final long initialTimeout;
    private final Map<InetSocketAddress, long[]> estimates = new LruMap<>(MAX_ADDRESSES);

    /** srtt and rttvar over every sample, for addresses without one of their own. */
    private long[] overall;

    RttEstimator(long minTimeout, long maxTimeout, long initialTimeout) {
        this.minTimeout = minTimeout;
        this.maxTimeout = maxTimeout;
        this.initialTimeout = initialTimeout;
    }

    /** Feeds one measured round trip (ms) to {@code address}. */
    void sample(InetSocketAddress address, long rtt) {
        long r = Math.max(0, rtt);
        long[] e = estimates.get(address);
        if (e == null) {
            estimates.put(address, new long[] {r, r / 2});
        } else {
            update(e, r);
        }
        if (overall == null) {
            overall = new long[] {r, r / 2};
        } else {
            update(overall, r);
        }
    }

    /** RFC 6298 in integers: rttvar = 3/4 rttvar + 1/4 |srtt − r|, srtt = 7/8 srtt + 1/8 r. */
    private static void update(long[] e, long r) {
        e[1] = (3 * e[1] + Math.abs(e[0] - r)) / 4;
        e[0] = (7 * e[0] + r) / 8;
    }

    /** The timeout for the next request to {@code address}. */
    long timeout(InetSocketAddress address) {
        long[] e = estimates.get(address);
        if (e == null) e = overall;
        long t = e == null ? initialTimeout : e[0] + 4 * e[1];
        return Math.max(minTimeout, Math.min(maxTimeout, t));
    }
}
