package io.kadring.simulator.run;

/**
 * What the record workload did: puts and gets and how many succeeded, and at the end how
 * many records should still exist and how many of those a get from a random live node found.
 */
public final class RecordStats {
    long puts;
    long putSuccesses;
    long gets;
    long getSuccesses;
    long published;
    long retrievableAtEnd;

    public long puts() {
        return puts;
    }

    public double putSuccessRate() {
        return puts == 0 ? 1 : putSuccesses / (double) puts;
    }

    public long gets() {
        return gets;
    }

    public double getSuccessRate() {
        return gets == 0 ? 1 : getSuccesses / (double) gets;
    }

    /** Records that should exist at the end: owner alive, or lifetime not run out. */
    public long published() {
        return published;
    }

    /** How many of {@link #published()} a get from a random live node found at the end. */
    public long retrievableAtEnd() {
        return retrievableAtEnd;
    }
}
