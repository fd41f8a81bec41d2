package io.kadring.simulator.run;

import io.kadring.simulator.stats.Histogram;

/**
 * What the listen workload did: listeners started, and for each new seq a publisher put, the
 * listeners of its key that were up from before the put until {@link Workload#NOTIFY_WINDOW_MILLIS}
 * after it ("live listeners"), how many of them were told of that seq within the window, and how
 * long after the put started; and the feature's messages (the listeners' lookups, LISTENs and their
 * answers, and the holders' UPDATEs).
 */
public final class ListenStats {
    long listeners;
    long updates;
    long expected;
    long notified;
    long messages;
    final Histogram latencyMillis = new Histogram();

    /** Listens started. */
    public long listeners() {
        return listeners;
    }

    /** New seqs put (by publishers with at least one live listener). */
    public long updates() {
        return updates;
    }

    /** (update, live listener) pairs. */
    public long expected() {
        return expected;
    }

    /** Of {@link #expected()}, those notified within the window. */
    public long notified() {
        return notified;
    }

    public double notifiedShare() {
        return expected == 0 ? 1 : notified / (double) expected;
    }

    /** From the start of a put to a listener's delivery of its seq. */
    public Histogram latencyMillis() {
        return latencyMillis;
    }

    /** Messages the feature cost, in all. */
    public long messages() {
        return messages;
    }
}
