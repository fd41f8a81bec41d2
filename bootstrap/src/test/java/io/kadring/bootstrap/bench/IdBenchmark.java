package io.kadring.bootstrap.bench;

import io.kadring.routing.Id;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Id arithmetic the routing does all the time: numeric order ({@code compareTo}), XOR distance
 * order ({@code compareDistance}), the XOR itself, and sorting 20 ids by distance to a target
 * (what merging a NODES reply into a lookup amounts to).
 *
 * <p>Run: {@code bootstrap/benchmark.sh IdBenchmark}.
 */
@State(Scope.Benchmark)
public class IdBenchmark extends ShortNanosBenchmark {
    private static final int IDS = 1_024;

    private Id[] ids;
    private Id target;
    private Id[] twenty;
    private int next;

    @Setup
    public void ids() {
        SplittableRandom random = new SplittableRandom(3);
        ids = Ids.random(random, IDS);
        target = Ids.random(random);
        twenty = Ids.random(random, 20);
    }

    private Id a() {
        return ids[next & (IDS - 1)];
    }

    private Id b() {
        return ids[(next++ + 1) & (IDS - 1)];
    }

    @Benchmark
    public int compareTo() {
        return a().compareTo(b());
    }

    @Benchmark
    public int compareDistance() {
        return target.compareDistance(a(), b());
    }

    @Benchmark
    public Id xor() {
        return a().xor(b());
    }

    @Benchmark
    public Id[] sortTwentyByDistance() {
        Id[] copy = twenty.clone();
        Arrays.sort(copy, target.byDistance());
        return copy;
    }
}
