package io.kadring.routing;

import java.util.List;

/**
 * The query bookkeeping {@link XorLookup} and {@link SuccessorLookup} share: where each
 * candidate's query stands, and the counts that go into a {@link LookupResult}. A candidate is
 * asked at most once; its query is answered or fails once, and may turn slow before; an answer
 * from a candidate neither in flight nor slow is only counted as ignored. Not thread-safe.
 */
final class LookupLedger {
    /** SLOW: asked, not answered within the time a live node usually takes; still heard if it answers. */
    enum State { WAITING, IN_FLIGHT, SLOW, ANSWERED, FAILED }

    /** A contact a lookup heard of: how many referrals away it is, and where its query stands. */
    static class Candidate {
        final Contact contact;
        int depth;
        State state;

        Candidate(Contact contact, int depth, State state) {
            this.contact = contact;
            this.depth = depth;
            this.state = state;
        }

        /** Heard of again, {@code depth} referrals away: keeps the shorter path. */
        void reachedAt(int depth) {
            if (depth < this.depth) this.depth = depth;
        }
    }

    private int inFlight;
    private int messages;
    private int responses;
    private int failures;
    private int ignored;

    /** Puts {@code c} (waiting) in flight, counting one message. */
    void ask(Candidate c) {
        c.state = State.IN_FLIGHT;
        inFlight++;
        messages++;
    }

    /**
     * {@code c} answered: true if it was in flight (it is now answered); false, counting the
     * answer as ignored, when it is unknown (null) or was not in flight.
     */
    boolean answered(Candidate c) {
        if (c == null || (c.state != State.IN_FLIGHT && c.state != State.SLOW)) {
            ignored++;
            return false;
        }
        if (c.state == State.IN_FLIGHT) inFlight--;
        c.state = State.ANSWERED;
        responses++;
        return true;
    }

    /**
     * {@code c}'s query failed, or {@code c} is ruled out before being asked: true if it is now
     * failed; false when it is unknown (null), has answered or had failed already.
     */
    boolean failed(Candidate c) {
        if (c == null || c.state == State.ANSWERED || c.state == State.FAILED) return false;
        if (c.state == State.IN_FLIGHT) inFlight--;
        if (c.state == State.IN_FLIGHT || c.state == State.SLOW) failures++;
        c.state = State.FAILED;
        return true;
    }

    /**
     * {@code c} is taking longer than a live node usually does: true if it was in flight (it no
     * longer counts as such, so another can be asked in its place; its answer still counts).
     */
    boolean slow(Candidate c) {
        if (c == null || c.state != State.IN_FLIGHT) return false;
        c.state = State.SLOW;
        inFlight--;
        return true;
    }

    /** Queries outstanding. */
    int inFlight() {
        return inFlight;
    }

    /** Answers that came from candidates not in flight. */
    int ignored() {
        return ignored;
    }

    /** {@code closest} at {@code hops}, with the counts so far. */
    LookupResult result(List<Contact> closest, int hops) {
        return new LookupResult(closest, hops, messages, responses, failures);
    }
}
