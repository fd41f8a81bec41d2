package io.kadring.routing;

import java.util.List;

/**
 * How many nodes a network has, from how close the k nodes nearest a point are. Ids are uniform
 * over the id space, so the nodes' XOR distances to any point are (nearly) a uniform sample of
 * [0, 1) as a share of the space: with M nodes the i-th nearest lies at about i / M, and the
 * distance d of the m-th nearest, times M, follows a Gamma(m, 1) law. Its median is close to
 * m − 1/3, so {@code (m − 1/3) / d} is an estimate of M whose median is M (the property wanted,
 * since the callers report medians of many estimates); one estimate is off by about 1/√m (a
 * fifth at k = 20).
 *
 * <p>A node at the point itself (the asker, when it looks up its own id) is no uniform sample: it
 * is counted but not used for the distance. When fewer than k nodes are listed, whoever listed
 * them knows of no more: the estimate is the count.
 */
public final class NetworkSizeEstimator {
    private NetworkSizeEstimator() {
    }

    /**
     * The size of a network in which {@code nearest} (as a lookup or a table gives them: the
     * nodes nearest {@code target}, at most k; fewer when no more are known) are the nearest.
     *
     * @param k how many the lister looks for: fewer listed means there are no more
     * @param notListed nodes that exist but are left out of {@code nearest} (the asker, in its own
     *     routing table)
     * @return at least 1
     */
    public static double estimate(Id target, List<Contact> nearest, int k, int notListed) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        if (notListed < 0) throw new IllegalArgumentException("notListed must be >= 0, got " + notListed);
        if (nearest.size() < k) return Math.max(1, nearest.size() + notListed);
        int atTarget = 0;
        int samples = 0;
        double farthest = 0;
        for (Contact c : nearest) {
            if (c.id().equals(target)) {
                atTarget++;
            } else {
                samples++;
                farthest = Math.max(farthest, target.distanceFraction(c.id()));
            }
        }
        if (samples == 0) return Math.max(1, atTarget + notListed);
        if (farthest <= 0) return Double.MAX_VALUE; // all share the target's top 64 bits: more than 2^60 nodes
        return Math.max(1, (samples - 1.0 / 3) / farthest + atTarget + notListed);
    }
}
