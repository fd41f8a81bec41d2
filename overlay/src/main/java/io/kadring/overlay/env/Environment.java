package io.kadring.overlay.env;

import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/**
 * Everything a node takes from the world outside it: a clock, a scheduler, a datagram
 * transport and a seeded random generator. The Vert.x driver implements it over a real
 * UDP socket and event-loop timers; the simulator over its event queue.
 *
 * <p>All calls are made from the node's own thread (its Vert.x context or the
 * simulator's loop), and every task scheduled here runs on that same thread.
 */
public interface Environment {

    /** Current time in milliseconds; monotonic, with an arbitrary origin. */
    long now();

    /**
     * Milliseconds since the epoch by the wall clock, for what must not go backwards across a
     * restart (the seq of this node's record). May jump; never used to measure time. The
     * default, for environments without a wall clock (the simulator), is {@link #now()}.
     */
    default long epochMillis() {
        return now();
    }

    /** Runs {@code task} on the node's thread after {@code delayMillis} (≥ 0). */
    Cancellable schedule(long delayMillis, Runnable task);

    /**
     * Sends one datagram. Best effort: a lost datagram is not reported. The caller hands
     * {@code datagram} over and never changes it afterwards (each message is encoded into an
     * array of its own), so an environment may keep it rather than copy it (the simulator does).
     */
    void send(InetSocketAddress to, byte[] datagram);

    /** The node's own seeded random generator. */
    RandomGenerator random();
}
