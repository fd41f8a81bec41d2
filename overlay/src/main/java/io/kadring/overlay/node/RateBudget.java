package io.kadring.overlay.node;

/**
 * A token bucket shared by everyone: {@code perSecond} refill, {@code burst} deep. Advanced
 * with the time the caller passes in; it reads no clock.
 */
final class RateBudget {
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long last;

    RateBudget(int perSecond, int burst, long now) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token at {@code now}; false when none is left. */
    boolean take(long now) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perMilli);
            last = now;
        }
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
