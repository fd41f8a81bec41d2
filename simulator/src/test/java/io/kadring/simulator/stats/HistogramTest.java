package io.kadring.simulator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class HistogramTest {

    @Test
    void smallValues_giveExactQuantiles() {
        Histogram histogram = new Histogram();
        for (long v = 1; v <= 100; v++) {
            histogram.record(v);
        }

        assertEquals(100, histogram.count());
        assertEquals(50, histogram.p50());
        assertEquals(90, histogram.p90());
        assertEquals(99, histogram.p99());
        assertEquals(100, histogram.quantile(1));
        assertEquals(1, histogram.quantile(0));
        assertEquals(50.5, histogram.mean());
        assertEquals(1, histogram.min());
        assertEquals(100, histogram.max());
        assertEquals("n=100 mean=50.50 p50=50 p90=90 p99=99 max=100", histogram.toString());
    }

    @Test
    void largeValues_giveQuantilesWithinOnePercent_andExactMaxAndMean() {
        SplittableRandom random = new SplittableRandom(1);
        long[] values = new long[100_000];
        Histogram histogram = new Histogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) (Math.exp(random.nextDouble() * 25));
            histogram.record(values[i]);
        }
        Arrays.sort(values);

        for (double q : new double[] {0.01, 0.25, 0.5, 0.9, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            long approx = histogram.quantile(q);
            assertTrue(approx >= exact && approx <= exact + exact / 100, () -> q + ": " + approx + " vs " + exact);
        }
        assertEquals(values[values.length - 1], histogram.max());
        assertEquals(Arrays.stream(values).sum() / (double) values.length, histogram.mean(), 1e-6);
    }

    @Test
    void anyLongCanBeRecorded_andQuantilesStayWithinMinAndMax() {
        Histogram histogram = new Histogram();
        long[] values = {257, 1000, 1L << 40, Long.MAX_VALUE};
        for (long v : values) histogram.record(v);

        assertEquals(257, histogram.quantile(0));
        assertEquals(1000, histogram.quantile(0.5), 1000 / 100.0);
        assertEquals(Long.MAX_VALUE, histogram.quantile(1));
        assertEquals(Long.MAX_VALUE, histogram.max());
    }

    @Test
    void add_mergesTwoHistograms() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        a.record(1, 3);
        b.record(1000);

        a.add(b);

        assertEquals(4, a.count());
        assertEquals(1, a.min());
        assertEquals(1000, a.max());
        assertEquals(1000, a.quantile(1));
        assertEquals(1, a.p50());
    }

    @Test
    void anEmptyHistogram_reportsZeros_andNegativeValuesAreRejected() {
        Histogram histogram = new Histogram();

        assertEquals(0, histogram.p99());
        assertEquals(0, histogram.mean());
        assertEquals(0, histogram.max());
        assertThrows(IllegalArgumentException.class, () -> histogram.record(-1));
        assertThrows(IllegalArgumentException.class, () -> histogram.quantile(1.5));
    }
}
