package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class JoinWavesTest {

    /** Join spacings the build of {@code n} nodes takes. */
    private static int spacings(int n) {
        int spacings = 0;
        for (int started = 1; started < n; spacings++) started += Simulation.joinsPerSpacing(started);
        return spacings;
    }

    @Test
    void joinsPerSpacing_isOneNodeAtATimeUpToAThousand() {
        for (int started = 1; started < Simulation.JOIN_WAVE_NODES; started++) {
            assertEquals(1, Simulation.joinsPerSpacing(started), "after " + started);
        }
        assertEquals(999, spacings(1000), "1,000 nodes join one after another, as before the waves");
    }

    @Test
    void joinsPerSpacing_growsWithTheNodesStarted() {
        assertEquals(1, Simulation.joinsPerSpacing(1999));
        assertEquals(2, Simulation.joinsPerSpacing(2000));
        assertEquals(100, Simulation.joinsPerSpacing(100_000));
    }

    @Test
    void build_ofAHundredThousandNodes_takesAFewThousandSpacingsNotAHundredThousand() {
        int spacings = spacings(100_000);
        // 999 one at a time, then growth by 1/1000 of the nodes started (rounded down) in each:
        // 6,178 in all, 124 s at 20 ms, against 99,999 (2,000 s) one at a time
        assertTrue(spacings > 5_000 && spacings < 6_500, spacings + " spacings");
        assertTrue(spacings(10_000) < 4_000, "10,000 nodes: " + spacings(10_000) + " spacings");
    }
}
