package io.kadring.simulator.run;

import io.kadring.simulator.stats.Histogram;
import io.kadring.simulator.stats.TimeSeries;

/**
 * Who came and went, and how busy the nodes were: nodes that joined and that left (departed or
 * failed) per simulated minute of the workload, and the load per node — datagrams sent and
 * received per second over its life, in thousandths, for the nodes up at the end that lived at
 * least a minute.
 */
public record PeerActivity(TimeSeries joins, TimeSeries leaves, Histogram loadMilliPerSecond) {
    /** Nodes at least this old count in the load per node (a join's burst would dominate a shorter life). */
    static final long MIN_LIFE_MILLIS = 60_000;
}
