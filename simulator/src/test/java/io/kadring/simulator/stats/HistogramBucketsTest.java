package io.kadring.simulator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class HistogramBucketsTest {

    @Test
    void forEachBucket_handsOutSmallValuesExactly_inAscendingOrder() {
        Histogram h = new Histogram();
        for (long v : new long[] {3, 1, 3, 0, 200}) h.record(v);

        List<long[]> buckets = new ArrayList<>();
        h.forEachBucket((value, count) -> buckets.add(new long[] {value, count}));

        assertEquals(List.of("0x1", "1x1", "3x2", "200x1"), buckets.stream().map(b -> b[0] + "x" + b[1]).toList());
    }

    @Test
    void forEachBucket_countsEveryValue_andStaysWithinMinAndMax() {
        Histogram h = new Histogram();
        for (long v = 1_000; v <= 50_000; v += 7) h.record(v);

        long[] total = {0};
        long[] last = {-1};
        h.forEachBucket((value, count) -> {
            total[0] += count;
            assertEquals(true, value > last[0] && value >= h.min() && value <= h.max(), "value " + value);
            last[0] = value;
        });

        assertEquals(h.count(), total[0]);
        assertEquals(h.max(), last[0]);
    }

    @Test
    void forEachBucket_ofAnEmptyHistogram_handsOutNothing() {
        new Histogram().forEachBucket((value, count) -> {
            throw new AssertionError("called for " + value);
        });
    }
}
