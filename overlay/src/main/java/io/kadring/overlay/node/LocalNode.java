package io.kadring.overlay.node;

import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.routing.Id;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The facts about this node that its parts share and none of them changes: its id, its
 * settings, where it reports metrics and its recent lookups, its time (the clock, and the
 * scheduler its timers run on) and its seeded random generator. No IO.
 */
record LocalNode(Id id, NodeConfig config, NodeMetrics metrics, LongSupplier clock, Scheduler scheduler,
                 RandomGenerator random, RecentLookups lookups) {
    /** With a log of recent lookups of its own, as long as {@code config} says. */
    LocalNode(Id id, NodeConfig config, NodeMetrics metrics, LongSupplier clock, Scheduler scheduler,
              RandomGenerator random) {
        this(id, config, metrics, clock, scheduler, random, new RecentLookups(config.recentLookups()));
    }

    long now() {
        return clock.getAsLong();
    }
}
