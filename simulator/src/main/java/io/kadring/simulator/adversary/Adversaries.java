package io.kadring.simulator.adversary;

import java.util.Objects;

/**
 * The hostile share of a run.
 *
 * @param fraction share of all nodes that are adversaries, in [0, 0.5]
 * @param attack what they do
 * @param subnets how many /24s they are spread over, several to a /24 (at least 1)
 */
public record Adversaries(double fraction, Attack attack, int subnets) {
    /** Hosts of one /24 an adversary may take; the rest stay free for made-up contacts. */
    public static final int HOSTS_PER_SUBNET = 200;
    /** The default number of /24s the adversaries share. */
    public static final int DEFAULT_SUBNETS = 3;
    /** No adversaries. */
    public static final Adversaries NONE = new Adversaries(0, Attack.DROP, DEFAULT_SUBNETS);

    public Adversaries {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("adversary fraction must be in [0, 0.5], got " + fraction);
        }
        Objects.requireNonNull(attack, "attack");
        if (subnets < 1) throw new IllegalArgumentException("adversary subnets must be >= 1, got " + subnets);
    }

    /** How many of {@code nodes} are adversaries: the fraction, rounded to the nearest node. */
    public int count(int nodes) {
        return (int) Math.round(fraction * nodes);
    }

    /** Whether there are any. */
    public boolean any() {
        return fraction > 0;
    }
}
