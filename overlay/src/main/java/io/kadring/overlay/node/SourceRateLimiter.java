package io.kadring.overlay.node;

import java.net.InetAddress;
import java.util.Map;

/**
 * Requests each source may make: a token bucket per IPv4 address or IPv6 /64 (what one
 * host controls), {@code perSecond} refill and {@code burst} deep, so that no one host can
 * make this node do (or send) without bound. Loopback sources are exempt when the node's
 * {@code exemptLoopback} setting says so (local tests and tools); the table of sources is bounded, least recently seen forgotten first.
 */
final class SourceRateLimiter {
    private static final int MAX_SOURCES = 1024;

    private final double perMilli;
    private final double burst;
    private final boolean exemptLoopback;
    private final Map<Long, double[]> buckets = new LruMap<>(MAX_SOURCES);

    SourceRateLimiter(int perSecond, int burst, boolean exemptLoopback) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.exemptLoopback = exemptLoopback;
    }

    /** Takes one token for {@code source} at {@code now}; false when it has none left. */
    boolean allow(InetAddress source, long now) {
        if (exemptLoopback && source.isLoopbackAddress()) return true;
        byte[] ip = source.getAddress();
        long key = ip.length; // 4 or 16, so that an IPv4 address and a /64 never collide
        for (int i = 0; i < Math.min(ip.length, 8); i++) key = (key << 8) | (ip[i] & 0xFF);
        double[] b = buckets.get(key);
        if (b == null) {
            buckets.put(key, new double[] {burst - 1, now});
            return true;
        }
        double tokens = Math.min(burst, b[0] + (now - (long) b[1]) * perMilli);
        b[1] = now;
        if (tokens < 1) {
            b[0] = tokens;
            return false;
        }
        b[0] = tokens - 1;
        return true;
    }
}
