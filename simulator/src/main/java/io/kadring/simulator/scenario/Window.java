package io.kadring.simulator.scenario;

import io.kadring.simulator.stats.TimeSeries;

/**
 * The lookups that finished within whole simulated minutes [{@code fromMinute}, {@code toMinute})
 * of a run's workload, from a per-minute success series: how many, how many succeeded.
 */
record Window(int fromMinute, int toMinute, long lookups, long successes) {

    static Window of(TimeSeries successOverTime, int fromMinute, int toMinute) {
        long lookups = 0;
        double successes = 0;
        for (int i = fromMinute; i < toMinute; i++) {
            lookups += successOverTime.count(i);
            successes += successOverTime.sum(i);
        }
        return new Window(fromMinute, toMinute, lookups, Math.round(successes));
    }

    /** Share of the window's lookups that failed; NaN if there were none. */
    double failureRate() {
        return lookups == 0 ? Double.NaN : 1 - successes / (double) lookups;
    }
}
