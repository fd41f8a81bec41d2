package io.kadring.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

final class SeedsTest {

    @Test
    void aStream_dependsOnlyOnMasterPurposeAndIndex_notOnWhatWasMadeBefore() {
        Seeds seeds = new Seeds(99);
        RandomGenerator first = seeds.random("node", 3);
        seeds.random("network");
        seeds.random("node", 2);
        RandomGenerator again = seeds.random("node", 3);

        for (int i = 0; i < 100; i++) {
            assertEquals(first.nextLong(), again.nextLong());
        }
        assertEquals(new Seeds(99).seed("node", 3), seeds.seed("node", 3));
    }

    @Test
    void streams_differByMasterPurposeAndIndex() {
        Set<Long> seeds = new HashSet<>();
        for (long master = 0; master < 10; master++) {
            for (String purpose : new String[] {"node", "network", "churn", "nodf"}) {
                for (long index = 0; index < 100; index++) {
                    seeds.add(new Seeds(master).seed(purpose, index));
                }
            }
        }
        assertEquals(10 * 4 * 100, seeds.size());
        assertNotEquals(new Seeds(1).random("x").nextLong(), new Seeds(2).random("x").nextLong());
    }
}
