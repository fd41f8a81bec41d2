package io.kadring.simulator;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Splits one master seed into independent generators, each named by a purpose and an index
 * ({@code "node", 17}; {@code "network", 0}). A stream depends only on the master seed, its
 * purpose and its index, not on how many other streams were made or in what order, so adding
 * a consumer does not disturb the others. Generators are {@code L64X128MixRandom}.
 */
public final class Seeds {
    private static final RandomGeneratorFactory<RandomGenerator> ALGORITHM =
            RandomGeneratorFactory.of("L64X128MixRandom");
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final long master;

    public Seeds(long master) {
        this.master = master;
    }

    /** The generator for {@code purpose}, stream {@code index}. */
    public RandomGenerator random(String purpose, long index) {
        return ALGORITHM.create(seed(purpose, index));
    }

    /** {@code random(purpose, 0)}. */
    public RandomGenerator random(String purpose) {
        return random(purpose, 0);
    }

    /** The 64-bit seed behind {@link #random(String, long)}. */
    public long seed(String purpose, long index) {
        long h = mix(master);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        return mix(h + GOLDEN_GAMMA * (index + 1));
    }

    /** SplitMix64's finaliser: a bijection on longs that scatters nearby inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
