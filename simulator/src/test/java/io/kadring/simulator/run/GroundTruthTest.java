package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kadring.routing.Id;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class GroundTruthTest {

    @Test
    void closest_isTheKNearestByXor_asAFullScanFindsThem() {
        SplittableRandom random = new SplittableRandom(42);
        GroundTruth truth = new GroundTruth();
        List<Id> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Id id = Id.random(random);
            truth.add(id);
            all.add(id);
        }
        for (int i = 0; i < 500; i++) { // some leave
            Id gone = all.remove(random.nextInt(all.size()));
            truth.remove(gone);
        }
        for (int trial = 0; trial < 300; trial++) {
            // random keys, and keys that are live ids or share a long prefix with one
            Id key = switch (trial % 3) {
                case 0 -> Id.random(random);
                case 1 -> all.get(random.nextInt(all.size()));
                default -> all.get(random.nextInt(all.size())).randomInBucket(20 + random.nextInt(200), random);
            };
            int k = 1 + random.nextInt(40);
            assertEquals(scan(all, key, k), truth.closest(key, k), "key " + key + ", k " + k);
        }
        assertEquals(1_500, truth.size());
    }

    @Test
    void closest_withFewerLiveThanK_isEveryoneInOrder() {
        GroundTruth truth = new GroundTruth();
        SplittableRandom random = new SplittableRandom(7);
        List<Id> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(Id.random(random));
            truth.add(all.get(i));
        }
        Id key = Id.random(random);
        assertEquals(scan(all, key, 20), truth.closest(key, 20));
        assertEquals(List.of(), new GroundTruth().closest(key, 20));
    }

    @Test
    void successor_isTheFirstLiveIdClockwise_wrappingAround() {
        GroundTruth truth = new GroundTruth();
        Id low = Id.ofWords(1, 0, 0, 0);
        Id high = Id.ofWords(0x7000_0000_0000_0000L, 0, 0, 0);
        truth.add(high);
        truth.add(low);
        assertEquals(low, truth.successor(Id.ofWords(0, 5, 0, 0)));
        assertEquals(low, truth.successor(low));
        assertEquals(high, truth.successor(Id.ofWords(2, 0, 0, 0)));
        assertEquals(low, truth.successor(Id.ofWords(-1L, 0, 0, 0)));
    }

    private static List<Id> scan(List<Id> all, Id key, int k) {
        List<Id> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(id -> id, key::compareDistance));
        return new ArrayList<>(sorted.subList(0, Math.min(k, sorted.size())));
    }
}
