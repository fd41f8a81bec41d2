package io.kadring.simulator;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Hosts as points in a square; see {@link LatencyModel#coordinates(long, double)}. */
final class PlaneCoordinates implements LatencyModel {
    private final long baseMillis;
    private final double side;
    private double[] xs = new double[64];
    private double[] ys = new double[64];

    PlaneCoordinates(long baseMillis, double side) {
        this.baseMillis = baseMillis;
        this.side = side;
    }

    @Override
    public void place(int host, RandomGenerator random) {
        if (host >= xs.length) {
            int capacity = Math.max(2 * xs.length, host + 1);
            xs = Arrays.copyOf(xs, capacity);
            ys = Arrays.copyOf(ys, capacity);
        }
        xs[host] = side * random.nextDouble();
        ys[host] = side * random.nextDouble();
    }

    @Override
    public long delayMillis(int from, int to, RandomGenerator random) {
        double dx = xs[from] - xs[to];
        double dy = ys[from] - ys[to];
        return baseMillis + Math.round(Math.sqrt(dx * dx + dy * dy));
    }
}
