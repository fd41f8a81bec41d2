package io.kadring.simulator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class TimeSeriesTest {

    @Test
    void values_landInTheMinuteOfTheirVirtualTime() {
        TimeSeries series = new TimeSeries();
        series.add(0, 1);
        series.add(59_999, 3);
        series.add(60_000, 10);
        series.add(3 * 60_000 + 5, 4);

        assertEquals(4, series.size());
        assertEquals(4, series.sum(0));
        assertEquals(2, series.count(0));
        assertEquals(2, series.mean(0));
        assertEquals(3, series.max(0));
        assertEquals(10, series.sum(1));
        assertEquals(0, series.count(2));
        assertTrue(Double.isNaN(series.mean(2)));
        assertEquals(180_000, series.startMillis(3));
        assertEquals(0, series.sum(99));
    }

    @Test
    void valuesMayArriveOutOfOrder_andBucketsMayBeAnyWidth() {
        TimeSeries series = new TimeSeries(1000);
        series.add(5_500, -2);
        series.add(200, 7);
        series.add(5_000, -1);

        assertEquals(6, series.size());
        assertEquals(7, series.sum(0));
        assertEquals(-3, series.sum(5));
        assertEquals(-1, series.max(5));
        assertThrows(IllegalArgumentException.class, () -> series.add(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimeSeries(0));
    }
}
