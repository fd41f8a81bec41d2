package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.simulator.SimNetwork;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a hostile node does to the messages its real node code sends: each response is
 * passed, replaced or dropped, given the request it answers; each request of its own may be
 * held back.
 */
public interface Policy {
    /**
     * What to send instead of {@code response}, which answers {@code request} (null when the
     * request was not seen, e.g. it was too old); {@code response} itself to pass it, null to
     * send nothing.
     */
    Message answer(Message request, Message response);

    /** Whether the node may send {@code request}, one of its own. */
    default boolean maySend(Message request) {
        return true;
    }

    /** The id a FIND_NODE or FIND_VALUE asks about; null for other requests, or none. */
    static Id target(Message request) {
        if (request instanceof Message.FindNode f) return f.target();
        if (request instanceof Message.FindValue v) return v.key();
        return null;
    }

    /**
     * The policy of an adversary doing {@code attack} (not {@link Attack#MIXED}: see
     * {@link Attack#forAdversary}).
     *
     * @param group the colluding group it names in referrals (eclipse, sybil-ring)
     * @param subnets the adversaries' /24s, where made-up contacts are placed (lie)
     * @param random the adversary's own draws (lie)
     */
    static Policy of(Attack attack, Sybils group, List<SimNetwork.Subnet> subnets, RandomGenerator random) {
        return switch (attack) {
            case DROP -> (request, response) -> null;
            case LIE -> new LiePolicy(new MadeUpContacts(subnets, random));
            case ECLIPSE -> new EclipsePolicy(group);
            case WITHHOLD -> new WithholdPolicy();
            case SYBIL_RING -> new SybilRingPolicy(group);
            case MIXED -> throw new IllegalArgumentException("a mixed attack deals a pure kind to each adversary");
        };
    }
}
