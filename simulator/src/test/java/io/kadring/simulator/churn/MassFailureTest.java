package io.kadring.simulator.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class MassFailureTest {

    @Test
    void victims_isTheFloorOfTheFractionOfTheLive_takenAsADecimal() {
        assertEquals(300, new MassFailure(0, 0.3).victims(1000));
        assertEquals(29, new MassFailure(0, 0.29).victims(100));
        assertEquals(3, new MassFailure(0, 0.5).victims(7));
        assertEquals(0, new MassFailure(0, 0.5).victims(1));
        assertEquals(0, new MassFailure(0, 0).victims(1000));
        assertEquals(1000, new MassFailure(0, 1).victims(1000));
        assertThrows(IllegalArgumentException.class, () -> new MassFailure(0, 1.01));
    }

    @Test
    void choose_picksExactlyThatManyDistinctLiveNodes() {
        List<Integer> live = IntStream.range(0, 1000).boxed().toList();

        List<Integer> chosen = new MassFailure(0, 0.37).choose(live, new SplittableRandom(3));

        assertEquals(370, chosen.size());
        assertEquals(370, new HashSet<>(chosen).size());
        assertTrue(live.containsAll(chosen));
    }

    @Test
    void choose_isUniform_everyNodeIsPickedAboutEquallyOften() {
        List<Integer> live = IntStream.range(0, 10).boxed().toList();
        MassFailure failure = new MassFailure(0, 0.3);
        SplittableRandom random = new SplittableRandom(11);
        int[] picked = new int[10];
        int rounds = 30_000;
        for (int r = 0; r < rounds; r++) {
            for (int node : failure.choose(live, random)) {
                picked[node]++;
            }
        }
        for (int count : picked) {
            assertTrue(Math.abs(count - 0.3 * rounds) < 0.02 * rounds, () -> count + " picks");
        }
    }
}
