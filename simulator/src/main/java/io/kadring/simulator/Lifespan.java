package io.kadring.simulator;

/** The life of one node incarnation: once it has ended, the events tied to it are skipped. */
final class Lifespan {
    private boolean ended;

    boolean hasEnded() {
        return ended;
    }

    void end() {
        ended = true;
    }
}
