package io.kadring.simulator.run;

/** Wall time, for the report's {@code wall_seconds} and the progress line only. */
@SuppressForbidden("reporting how long a run took does not feed back into the simulation")
final class WallClock {
    private final long start = System.nanoTime();

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
