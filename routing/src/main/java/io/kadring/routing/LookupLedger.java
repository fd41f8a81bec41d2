package io.kadring.routing;

import java.util.List;

/**
 * The query bookkeeping {@link XorLookup} and {@link SuccessorLookup} share: where each
 * candidate's query stands, and the counts that go into a {@link LookupResult}. A candidate is
 * asked at most once; its query is answered or fails once; an answer from a candidate not in
 * flight is only counted as ignored. Not thread-safe.
 */
final class LookupLedger {
    enum State { WAITING, IN_FLIGHT, ANSWERED, FAILED }

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
        if (c == null || c.state != State.IN_FLIGHT) {
            ignored++;
            return false;
        }
        c.state = State.ANSWERED;
        inFlight--;
        responses++;
        return true;
    }

    /**
     * {@code c}'s query failed, or {@code c} is ruled out before being asked: true if it is now
     * failed; false when it is unknown (null), has answered or had failed already.
     */
    boolean failed(Candidate c) {
        if (c == null || c.state == State.ANSWERED || c.state == State.FAILED) return false;
        if (c.state == State.IN_FLIGHT) {
            inFlight--;
            failures++;
        }
        c.state = State.FAILED;
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
