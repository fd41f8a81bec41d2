package io.kadring.overlay.node;

import java.net.InetAddress;

/**
 * Requests each source may make: a token bucket per IPv4 address or IPv6 /64 (what one
 * host controls), {@code perSecond} refill and {@code burst} deep, so that no one host can
 * make this node do (or send) without bound. Loopback sources are exempt when the node's
 * {@code exemptLoopback} setting says so (local tests and tools).
 *
 * <p>Each bucket is one number, the time its source's bucket is full again (the generic cell
 * rate algorithm, equivalent to the token bucket), kept in {@value #SLOTS} fixed slots in sets
 * of {@value #WAYS}. A newcomer at a full set takes the slot whose bucket is fullest, which
 * loses nothing when that bucket is full already: only sources that have spent part of their
 * burst in the last {@code burst / perSecond} seconds need a slot, and a heavy source is the
 * last one a flood of newcomers can displace.
 */
final class SourceRateLimiter {
    static final int SLOTS = 128;
    static final int WAYS = 8;
    /** Time is counted in units of 1/perSecond ms, so that one request costs exactly this many. */
    private static final long PER_REQUEST = 1000;

    private final long perSecond;
    private final long tolerance;
    private final boolean exemptLoopback;
    private final int salt;
    private final long[] sources = new long[SLOTS];
    /** When each slot's bucket is full again, in units; 0 for an empty slot. */
    private final long[] fullAt = new long[SLOTS];

    /**
     * @param salt mixed into the choice of a source's set, so that sources do not fall into the
     *     same sets at every node
     */
    SourceRateLimiter(int perSecond, int burst, boolean exemptLoopback, int salt) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be > 0, got " + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.tolerance = (burst - 1) * PER_REQUEST;
        this.exemptLoopback = exemptLoopback;
        this.salt = salt;
    }

    /** Takes one token for {@code source} at {@code now}; false when it has none left. */
    boolean allow(InetAddress source, long now) {
        if (exemptLoopback && source.isLoopbackAddress()) return true;
        byte[] ip = source.getAddress();
        long key = ip.length; // 4 or 16, so that an IPv4 address and a /64 never collide (and never 0)
        for (int i = 0; i < Math.min(ip.length, 8); i++) key = (key << 8) | (ip[i] & 0xFF);
        long t = Math.max(1, now) * perSecond;
        int slot = slotOf(key);
        long tat = sources[slot] == key ? Math.max(fullAt[slot], t) : t;
        if (tat - t > tolerance) return false;
        sources[slot] = key;
        fullAt[slot] = tat + PER_REQUEST;
        return true;
    }

    /** The slot that holds {@code key}, else the one in its set whose bucket is fullest. */
    private int slotOf(long key) {
        long h = (key ^ salt) * 0x9E3779B97F4A7C15L;
        int base = (int) (h >>> 32) & (SLOTS / WAYS - 1);
        base *= WAYS;
        int fullest = base;
        for (int i = base; i < base + WAYS; i++) {
            if (sources[i] == key) return i;
            if (fullAt[i] < fullAt[fullest]) fullest = i;
        }
        return fullest;
    }

    /** Sources with a slot (for tests): at most {@value #SLOTS}. */
    int tracked() {
        int n = 0;
        for (long s : sources) {
            if (s != 0) n++;
        }
        return n;
    }
}
