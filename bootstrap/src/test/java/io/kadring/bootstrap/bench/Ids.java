package io.kadring.bootstrap.bench;

import io.kadring.routing.Id;
import java.util.SplittableRandom;

/** Random ids from a seeded generator, so every run of a benchmark sees the same ones. */
final class Ids {
    private Ids() {}

    static Id random(SplittableRandom random) {
        return Id.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    static Id[] random(SplittableRandom random, int n) {
        Id[] ids = new Id[n];
        for (int i = 0; i < n; i++) ids[i] = random(random);
        return ids;
    }
}
