package io.kadring.overlay.node;

import java.net.InetSocketAddress;

/**
 * Per-address round-trip estimates and the retransmission timeout they give,
 * srtt + 4·rttvar clamped to [min, max] (RFC 6298's estimator, as Bamboo uses for DHT
 * RPCs). Remembers {@value #MAX_ADDRESSES} addresses ({@link PeerTable}: enough for the table's
 * contacts and the ring, which are asked again and again), least recently used dropped first. An
 * address never measured gets the estimate over all addresses (most requests of a lookup
 * go to nodes never asked before), or the initial timeout before any sample at all.
 */
final class RttEstimator {
    static final int MAX_ADDRESSES = 256;

    private final long minTimeout;
    private final long maxTimeout;
    private final long initialTimeout;
    /** srtt in the high 32 bits, rttvar in the low 32, per address. */
    private final PeerTable<InetSocketAddress> estimates = PeerTable.numbers(MAX_ADDRESSES);

    /** srtt and rttvar over every sample, for addresses without one of their own. */
    private long[] overall;

    RttEstimator(long minTimeout, long maxTimeout, long initialTimeout) {
        this.minTimeout = minTimeout;
        this.maxTimeout = maxTimeout;
        this.initialTimeout = initialTimeout;
    }

    /** Feeds one measured round trip (ms) to {@code address}. */
    void sample(InetSocketAddress address, long rtt) {
        long r = Math.min(Math.max(0, rtt), Integer.MAX_VALUE);
        long packed = estimates.number(address, -1);
        long[] e = packed < 0 ? new long[] {r, r / 2} : update(new long[] {packed >>> 32, packed & 0xFFFF_FFFFL}, r);
        estimates.put(address, e[0] << 32 | e[1]);
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

    /** The timeout for the next request to {@code address}. */
    long timeout(InetSocketAddress address) {
        long packed = estimates.number(address, -1);
        long t;
        if (packed >= 0) {
            t = (packed >>> 32) + 4 * (packed & 0xFFFF_FFFFL);
        } else {
            t = overall == null ? initialTimeout : overall[0] + 4 * overall[1];
        }
        return Math.max(minTimeout, Math.min(maxTimeout, t));
    }

    /** Addresses with an estimate of their own (for tests): at most {@value #MAX_ADDRESSES}. */
    int tracked() {
        return estimates.size();
    }
}
