package io.kadring.simulator.churn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * At {@code atMillis}, ⌊fraction·live⌋ of the live nodes fail at once, chosen uniformly at
 * random. The fraction is taken as the decimal it prints as, so 0.29 of 100 is 29, not 28.
 */
public record MassFailure(long atMillis, double fraction) {

    public MassFailure {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within [0, 1], got " + fraction);
        }
        if (atMillis < 0) {
            throw new IllegalArgumentException("time must be >= 0 ms, got " + atMillis);
        }
    }

    /** ⌊fraction·live⌋. */
    public int victims(int live) {
        return new BigDecimal(Double.toString(fraction))
                .multiply(BigDecimal.valueOf(live))
                .setScale(0, RoundingMode.FLOOR)
                .intValueExact();
    }

    /** {@link #victims} distinct elements of {@code live}, uniformly at random, in draw order. */
    public <N> List<N> choose(List<N> live, RandomGenerator random) {
        int n = live.size();
        int k = victims(n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<N> chosen = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int picked = order[j];
            order[j] = order[i];
            order[i] = picked;
            chosen.add(live.get(picked));
        }
        return chosen;
    }
}
