package io.kadring.routing;

import java.net.InetSocketAddress;

/**
 * Sizes and thresholds of the routing table and the ring view.
 *
 * @param k                    contacts per bucket, and the number a lookup returns (Kademlia's k)
 * @param replacementCacheSize verified contacts kept per full bucket to replace failing ones (at least 1)
 * @param staleAfterFailures   consecutive failures after which a contact leaves its bucket even
 *                             when no replacement waits
 * @param maxPerPrefix         contacts per bucket (entries and replacement cache together) from one
 *                             IPv4 /24 or IPv6 /64 (and, with the ring diversity limit, successors and
 *                             predecessor together)
 * @param successorListSize    the length r of the ring's successor list
 * @param exemptLoopback       whether loopback addresses take no part in the diversity limits
 * @param exemptPrivate        whether site-local, link-local, unique-local ({@code fc00::/7}) addresses
 *                             take no part in the diversity limits
 */
public record RoutingConfig(int k, int replacementCacheSize, int staleAfterFailures, int maxPerPrefix,
                            int successorListSize, boolean exemptLoopback, boolean exemptPrivate) {

    public RoutingConfig {
        atLeast("k", k, 1);
        atLeast("replacementCacheSize", replacementCacheSize, 1);
        atLeast("staleAfterFailures", staleAfterFailures, 1);
        atLeast("maxPerPrefix", maxPerPrefix, 1);
        atLeast("successorListSize", successorListSize, 1);
    }

    /** Loopback and private ranges exempt from the diversity limits. */
    public RoutingConfig(int k, int replacementCacheSize, int staleAfterFailures, int maxPerPrefix,
                         int successorListSize) {
        this(k, replacementCacheSize, staleAfterFailures, maxPerPrefix, successorListSize, true, true);
    }

    /** Whether {@code address} takes no part in the diversity limits. */
    public boolean isExempt(InetSocketAddress address) {
        return NetworkPrefix.isExempt(address, exemptLoopback, exemptPrivate);
    }

    /** k = 20, a replacement cache of k, stale after 3 failures, 2 per prefix, r = 8. */
    public static RoutingConfig defaults() {
        return new RoutingConfig(20, 20, 3, 2, 8);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }
}
