package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class NetworkSizeEstimatorTest {
    private static final int K = 20;

    @Test
    void theMedianOfManyEstimatesIsWithinFivePercentOfTheTruth() {
        for (int n : new int[] {100, 1_000, 20_000}) {
            SplittableRandom random = new SplittableRandom(n);
            List<Contact> nodes = randomNodes(n, random);
            double[] estimates = new double[301];
            for (int i = 0; i < estimates.length; i++) {
                Contact asker = nodes.get(random.nextInt(n));
                Id target = Id.random(random);
                List<Contact> others = new ArrayList<>(nodes);
                others.remove(asker);
                others.sort((a, b) -> target.compareDistance(a.id(), b.id()));
                estimates[i] = NetworkSizeEstimator.estimate(target, others.subList(0, K), K, 1);
            }
            Arrays.sort(estimates);
            double median = estimates[estimates.length / 2];
            assertTrue(Math.abs(median / n - 1) < 0.05, n + " nodes: median estimate " + median);
            // one estimate alone is rough: about 1/sqrt(k)
            double p10 = estimates[estimates.length / 10];
            double p90 = estimates[estimates.length * 9 / 10];
            assertTrue(p10 > 0.5 * n && p90 < 2 * n, n + " nodes: p10 " + p10 + ", p90 " + p90);
        }
    }

    @Test
    void fewerThanKFoundMeansTheLookupSawEveryone() {
        List<Contact> seven = randomNodes(7, new SplittableRandom(1));
        assertEquals(8, NetworkSizeEstimator.estimate(Id.ZERO, seven, K, 1)); // and the asker
        assertEquals(7, NetworkSizeEstimator.estimate(Id.ZERO, seven, K, 0)); // a lookup's result lists the asker
        assertEquals(1, NetworkSizeEstimator.estimate(Id.ZERO, List.of(), K, 0));
    }

    @Test
    void closerNodesMeanALargerNetwork() {
        List<Contact> near = new ArrayList<>();
        List<Contact> far = new ArrayList<>();
        for (int i = 1; i <= K; i++) {
            near.add(contact(Id.ofWords((long) i << 40, 0, 0, 0)));
            far.add(contact(Id.ofWords((long) i << 50, 0, 0, 0)));
        }
        double nearEstimate = NetworkSizeEstimator.estimate(Id.ZERO, near, K, 0);
        double farEstimate = NetworkSizeEstimator.estimate(Id.ZERO, far, K, 0);
        assertEquals(1024, nearEstimate / farEstimate, 1);
        // the 20th at 20/2^24 of the space: about 2^24 * 19.67/20 nodes
        assertEquals((1 << 24) * (K - 1.0 / 3) / K, nearEstimate, 1);
    }

    @Test
    void aNodeAtTheTargetIsCountedButIsNoSample() {
        // an asker's lookup of its own id: it is in the result, at distance 0
        List<Contact> result = new ArrayList<>();
        result.add(contact(Id.ZERO));
        for (int i = 1; i < K; i++) result.add(contact(Id.ofWords((long) i << 40, 0, 0, 0)));
        double expected = (K - 1 - 1.0 / 3) / ((K - 1.0) / (1 << 24)) + 1;
        assertEquals(expected, NetworkSizeEstimator.estimate(Id.ZERO, result, K, 0), 1);
    }

    @Test
    void kBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetworkSizeEstimator.estimate(Id.ZERO, List.of(), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NetworkSizeEstimator.estimate(Id.ZERO, List.of(), 1, -1));
    }

    private static List<Contact> randomNodes(int n, SplittableRandom random) {
        List<Contact> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) nodes.add(contact(Id.random(random)));
        return nodes;
    }

    private static Contact contact(Id id) {
        return Contact.seen(id, new InetSocketAddress("45.0.0.1", 4000), 0);
    }
}
