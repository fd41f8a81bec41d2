package io.kadring.simulator.run;

import io.kadring.simulator.LatencyModel;
import java.util.function.Supplier;

/**
 * Latency models as a user writes them: {@code constant:50}, {@code uniform:10-100}, or
 * {@code coords:20-150} (each node a random point in a plane; a pair's latency is the base
 * plus their distance, so it differs per pair but consistently).
 */
public final class Latencies {
    private Latencies() {}

    /** A maker of fresh models (each network needs its own, since models may hold state). */
    public static Supplier<LatencyModel> parse(String spec) {
        if (spec == null) throw new IllegalArgumentException("latency spec is missing");
        String s = spec.trim();
        try {
            if (s.startsWith("constant:")) {
                long ms = Long.parseLong(s.substring("constant:".length()));
                LatencyModel.constant(ms);
                return () -> LatencyModel.constant(ms);
            }
            if (s.startsWith("uniform:")) {
                long[] range = range(s.substring("uniform:".length()), spec);
                LatencyModel.uniform(range[0], range[1]);
                return () -> LatencyModel.uniform(range[0], range[1]);
            }
            if (s.startsWith("coords:")) {
                long[] range = range(s.substring("coords:".length()), spec);
                double side = (range[1] - range[0]) / Math.sqrt(2);
                LatencyModel.coordinates(range[0], side);
                return () -> LatencyModel.coordinates(range[0], side);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latency '" + spec + "': not a number of milliseconds", e);
        }
        throw new IllegalArgumentException("latency '" + spec
                + "' is not one of constant:MS, uniform:MIN-MAX, coords:MIN-MAX (milliseconds)");
    }

    private static long[] range(String text, String spec) {
        int dash = text.indexOf('-');
        if (dash <= 0) throw new IllegalArgumentException("latency '" + spec + "': expected MIN-MAX in milliseconds");
        long min = Long.parseLong(text.substring(0, dash).trim());
        long max = Long.parseLong(text.substring(dash + 1).trim());
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("latency '" + spec + "': need 0 <= MIN <= MAX, got " + min + "-" + max);
        }
        return new long[] {min, max};
    }
}
