package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class NetworkSizeTest {
    @Test
    void theMedianOfRecentLookupsAndTheTable() {
        NetworkSize s = new NetworkSize();
        assertEquals(40, s.estimate(40, 0), "the table alone");
        s.sample(100, 0);
        s.sample(110, 0);
        assertEquals(100, s.estimate(40, 0));
        s.sample(Double.NaN, 0);
        s.sample(0.5, 0);
        assertEquals(100, s.estimate(40, 0), "nonsense is left out");
        assertEquals(1, s.estimate(0, NetworkSize.MAX_AGE_MILLIS + 1), "old lookups are left out; at least 1");
    }

    @Test
    void keepsTheLatestWindow() {
        NetworkSize s = new NetworkSize();
        for (int i = 0; i < NetworkSize.WINDOW; i++) s.sample(10, 0);
        for (int i = 0; i < NetworkSize.WINDOW; i++) s.sample(1_000, 1);
        assertEquals(1_000, s.estimate(10, 1));
    }
}
