package io.kadring.simulator.run;

import io.kadring.simulator.stats.Share;

/**
 * What the record workload did: puts and gets and how many succeeded, and at the end how
 * many records should still exist and how many of those a get from a random live node found.
 *
 * @param published records that should exist at the end: owner alive, or lifetime not run out
 * @param retrievableAtEnd how many of {@code published} a get from a random live node found at the end
 */
public record RecordStats(long puts, long putSuccesses, long gets, long getSuccesses, long published,
                          long retrievableAtEnd) {
    public double putSuccessRate() {
        return Share.of(putSuccesses, puts);
    }

    public double getSuccessRate() {
        return Share.of(getSuccesses, gets);
    }
}
