package io.kadring.simulator.adversary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the adversaries of a run do; {@code simulate --attack} takes the lower-case names. */
public enum Attack {
    /** Answer nothing. */
    DROP,
    /** Answer referrals with made-up ids near and far from the target, and values with forged contents. */
    LIE,
    /** Sybils with ids ground next to the workload's record keys, naming only each other and serving no value. */
    ECLIPSE,
    /** Accept STOREs, answer STORED, never serve the value (nor pass it on). */
    WITHHOLD,
    /** Sybils with ids just after honest nodes' ids; their ring answers name only Sybils. */
    SYBIL_RING,
    /** An even mix of the others, adversary i doing the (i mod 5)th. */
    MIXED;

    /** The kinds {@link #MIXED} deals out, in turn. */
    static final List<Attack> PURE = List.of(DROP, LIE, ECLIPSE, WITHHOLD, SYBIL_RING);

    /** The name {@code --attack} takes: {@code sybil-ring} for {@link #SYBIL_RING}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind called {@code label}; an exception naming it and the kinds there are, if none is. */
    public static Attack parse(String label) {
        for (Attack a : values()) {
            if (a.label().equals(label)) return a;
        }
        throw new IllegalArgumentException("unknown attack '" + label + "'; expected one of " + String.join(", ", labels()));
    }

    /** Every kind's label, in declaration order. */
    public static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Attack a : values()) out.add(a.label());
        return out;
    }

    /** What the {@code index}th adversary of a run under this attack does: itself, or its turn of the mix. */
    public Attack forAdversary(int index) {
        return this == MIXED ? PURE.get(index % PURE.size()) : this;
    }
}
