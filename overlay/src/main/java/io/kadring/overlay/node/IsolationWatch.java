package io.kadring.overlay.node;

/**
 * Whether this node is cut off: it believes it is in a network (it joined, or a contact of its
 * table has answered it) and yet no contact of its table has answered any request for
 * {@code alarmAfter}. Healthy nodes hear from a contact at least every stabilize round (the
 * successor is asked) and every few seconds from the liveness sweep, so the alarm means a
 * partition, a dead uplink or a network that has gone; a node that was started alone and never
 * met anyone is not isolated. Fed with the time; no clock of its own.
 */
final class IsolationWatch {
    /** What a {@link #check} found changed. */
    enum Change { NONE, ISOLATED, RECOVERED }

    private final long alarmAfter;
    private boolean joined;
    private long lastAnswer;
    private volatile boolean alarmed;

    /** @param alarmAfterMillis the silence that raises the alarm; 0 turns it off */
    IsolationWatch(long alarmAfterMillis) {
        if (alarmAfterMillis < 0) throw new IllegalArgumentException("isolation alarm " + alarmAfterMillis + " ms");
        this.alarmAfter = alarmAfterMillis;
    }

    /** The join succeeded: from now on silence counts. */
    void joined(long now) {
        if (!joined) lastAnswer = now;
        joined = true;
    }

    /** A contact of the routing table answered a request of ours. */
    void answered(long now) {
        joined = true;
        lastAnswer = Math.max(lastAnswer, now);
    }

    /** Whether the alarm is up at {@code now}. */
    boolean isolated(long now) {
        return alarmAfter > 0 && joined && now - lastAnswer >= alarmAfter;
    }

    /** Milliseconds since a contact last answered, or -1 while the node has not joined. */
    long silenceMillis(long now) {
        return joined ? Math.max(0, now - lastAnswer) : -1;
    }

    /** Moves the alarm to what {@code now} says, and says whether it went up or down. */
    Change check(long now) {
        boolean up = isolated(now);
        if (up == alarmed) return Change.NONE;
        alarmed = up;
        return up ? Change.ISOLATED : Change.RECOVERED;
    }

    /** Whether the alarm was up at the latest {@link #check}: safe to read from any thread. */
    boolean alarmed() {
        return alarmed;
    }
}
