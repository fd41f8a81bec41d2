package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

final class SourceRateLimiterTest {
    private final SourceRateLimiter limiter = new SourceRateLimiter(100, 200, true, 12345);

    private static InetAddress ipv4(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (i >>> 24 | 1), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSource_getsItsBurstThenItsRate() {
        InetAddress a = ipv4(1);
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            if (limiter.allow(a, 1_000)) allowed++;
        }
        assertEquals(200, allowed);
        assertFalse(limiter.allow(a, 1_009));
        assertTrue(limiter.allow(a, 1_010), "one token after 10 ms at 100/s");
        assertFalse(limiter.allow(a, 1_010));
        assertTrue(limiter.allow(ipv4(2), 1_010), "another source has its own bucket");
    }

    @Test
    void hundredThousandDistinctSources_stayWithinTheSlots_andAHeavySourceIsStillLimited() {
        InetAddress heavy = ipv4(0x7000_0001);
        int heavyAllowed = 0;
        int othersAllowed = 0;
        for (int i = 0; i < 100_000; i++) {
            long now = 10_000 + i / 100; // 100 newcomers and 10 heavy requests a millisecond, for 1 s
            if (limiter.allow(ipv4(i), now)) othersAllowed++;
            if (i % 10 == 0 && limiter.allow(heavy, now)) heavyAllowed++;
        }
        assertTrue(limiter.tracked() <= SourceRateLimiter.SLOTS);
        assertEquals(100_000, othersAllowed, "a newcomer's first request is never refused");
        // the heavy source sent 10 000 requests in 1 s: its burst and 1 s at its rate go through
        assertTrue(heavyAllowed <= 200 + 100 + 1, "the heavy source got " + heavyAllowed);
        assertTrue(heavyAllowed >= 200, "the heavy source got " + heavyAllowed);
    }

    @Test
    void loopback_isExemptWhenConfigured() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 1000; i++) assertTrue(limiter.allow(lo, 0));
        SourceRateLimiter strict = new SourceRateLimiter(100, 200, false, 0);
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            if (strict.allow(lo, 0)) allowed++;
        }
        assertEquals(200, allowed);
    }

    @Test
    void anIpv6Slash64_isOneSource() throws Exception {
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            if (limiter.allow(InetAddress.getByName("2001:db8:1:2::" + Integer.toHexString(i + 1)), 0)) allowed++;
        }
        assertEquals(200, allowed);
    }
}
