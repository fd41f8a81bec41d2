package io.kadring.storage;

import java.util.function.LongSupplier;

/** Virtual time for tests: milliseconds that move only when told to. */
final class ManualClock implements LongSupplier {
    private long now;

    ManualClock(long start) {
        this.now = start;
    }

    @Override
    public long getAsLong() {
        return now;
    }

    long now() {
        return now;
    }

    long advance(long millis) {
        now += millis;
        return now;
    }
}
