package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

final class RttEstimatorTest {
    private static final InetSocketAddress A = TestNetwork.address(1);
    private static final InetSocketAddress B = TestNetwork.address(2);

    private final RttEstimator rtt = new RttEstimator(200, 5_000, 1_000);

    @Test
    void hundredThousandDistinctAddresses_stayWithinTheCap_andAnAddressInUseKeepsItsEstimate() throws Exception {
        for (int i = 0; i < 100_000; i++) {
            byte[] ip = {100, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            rtt.sample(new InetSocketAddress(java.net.InetAddress.getByAddress(ip), 7400), 100);
            if (i % 50 == 0) rtt.sample(A, 1_000);
            assertTrue(rtt.tracked() <= RttEstimator.MAX_ADDRESSES);
        }
        assertEquals(1_000, rtt.timeout(A), "its own estimate: srtt 1000, rttvar 0");
        assertTrue(rtt.timeout(B) < 500, "an address never measured gets the estimate over all: " + rtt.timeout(B));
    }

    @Test
    void timeout_isTheInitialValue_withoutSamples() {
        assertEquals(1_000, rtt.timeout(A));
    }

    @Test
    void initialValue_isClampedToTheBounds() {
        assertEquals(5_000, new RttEstimator(200, 5_000, 9_000).timeout(A));
        assertEquals(200, new RttEstimator(200, 5_000, 50).timeout(A));
    }

    @Test
    void firstSample_givesSrttPlusFourTimesHalfOfIt() {
        rtt.sample(A, 100); // srtt 100, rttvar 50
        assertEquals(100 + 4 * 50, rtt.timeout(A));
    }

    @Test
    void laterSamples_followRfc6298() {
        rtt.sample(A, 100);
        rtt.sample(A, 200);
        // rttvar = (3·50 + |100 − 200|) / 4 = 62; srtt = (7·100 + 200) / 8 = 112
        assertEquals(112 + 4 * 62, rtt.timeout(A));
    }

    @Test
    void samplesUpToTheLargestHeld_keepTheirValue_andALongerOneCountsAsThatLargest() {
        RttEstimator wide = new RttEstimator(1, 100_000, 1_000);
        wide.sample(A, RttEstimator.MAX_RTT); // srtt 16383, rttvar 8191
        assertEquals(RttEstimator.MAX_RTT + 4 * (RttEstimator.MAX_RTT / 2), wide.timeout(A));
        RttEstimator capped = new RttEstimator(1, 100_000, 1_000);
        capped.sample(B, 60_000);
        assertEquals(wide.timeout(A), capped.timeout(B));
    }

    @Test
    void timeout_isClampedToMinAndMax() {
        rtt.sample(A, 10); // 10 + 4·5 = 30
        assertEquals(200, rtt.timeout(A));
        RttEstimator slow = new RttEstimator(200, 5_000, 1_000);
        slow.sample(B, 3_000); // 3000 + 4·1500
        assertEquals(5_000, slow.timeout(B));
    }

    @Test
    void estimates_arePerAddress_andAnUnmeasuredAddressGetsTheOverallOne() {
        assertEquals(1_000, rtt.timeout(B), "no sample at all: the initial timeout");
        for (int i = 0; i < RttEstimator.OWN_SAMPLES; i++) rtt.sample(A, 300);
        assertEquals(300 + 4 * 63, rtt.timeout(A), "rttvar 150 → 112 → 84 → 63 over four equal samples");
        assertEquals(552, rtt.timeout(B), "B never measured: the estimate over all addresses");
        for (int i = 0; i < RttEstimator.OWN_SAMPLES; i++) rtt.sample(B, 1_000);
        long overall = rtt.timeout(TestNetwork.address(99));
        assertTrue(rtt.timeout(B) > 1_000, "B's own or the overall one, both above its round trips: " + rtt.timeout(B));
        assertEquals(overall, rtt.timeout(A), "A's own is below the overall one now, which it never goes under");
    }

    @Test
    void anAddressMeasuredOnlyOnce_getsTheOverallEstimate_whichKnowsTheJitter() {
        // round trips of 20–200 ms over many addresses: the overall estimate learns the spread
        long[] spread = {40, 190, 110, 60, 200, 150, 30, 120, 180, 90};
        for (int i = 0; i < 100; i++) rtt.sample(TestNetwork.address(10 + i), spread[i % spread.length]);
        rtt.sample(A, 30); // one fast answer: 3 × 30 = 90 ms would time out the next 200 ms one
        assertTrue(rtt.timeout(A) > 200, "the overall estimate, not 3 × 30: " + rtt.timeout(A));
        assertEquals(rtt.timeout(B), rtt.timeout(A));
    }

    @Test
    void steadyRoundTrips_bringTheTimeoutDownTowardsThem() {
        for (int i = 0; i < 50; i++) rtt.sample(A, 300);
        long t = rtt.timeout(A);
        assertEquals(300, t, 10, "rttvar decays to ~0, so the timeout nears srtt: " + t);
    }
}
