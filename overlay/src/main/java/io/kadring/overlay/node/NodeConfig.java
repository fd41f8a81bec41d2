package io.kadring.overlay.node;

import io.kadring.routing.RoutingConfig;
import java.time.Duration;

/**
 * Every tunable of a node, with the defaults of DESIGN.md. Durations are kept in
 * milliseconds (the unit of the node's clock). Build one with {@link #builder()}.
 */
public record NodeConfig(
        int k,
        int alpha,
        int successorListSize,
        int staleAfterFailures,
        int maxPerPrefix,
        long stabilizeIntervalMillis,
        long bucketRefreshMillis,
        long rpcTimeoutMinMillis,
        long rpcTimeoutMaxMillis,
        long rpcTimeoutInitialMillis,
        int rpcRetries,
        int joinAttempts,
        long joinBackoffMillis,
        long tokenPeriodMillis) {

    public NodeConfig {
        positive("k", k);
        positive("alpha", alpha);
        positive("successorListSize", successorListSize);
        positive("staleAfterFailures", staleAfterFailures);
        positive("maxPerPrefix", maxPerPrefix);
        positive("stabilizeInterval", stabilizeIntervalMillis);
        positive("bucketRefresh", bucketRefreshMillis);
        positive("rpcTimeoutMin", rpcTimeoutMinMillis);
        if (rpcTimeoutMaxMillis < rpcTimeoutMinMillis) {
            throw new IllegalArgumentException("rpcTimeoutMax (" + rpcTimeoutMaxMillis
                    + " ms) must be >= rpcTimeoutMin (" + rpcTimeoutMinMillis + " ms)");
        }
        positive("rpcTimeoutInitial", rpcTimeoutInitialMillis);
        if (rpcRetries < 0) throw new IllegalArgumentException("rpcRetries must be >= 0, got " + rpcRetries);
        if (joinAttempts < 0) {
            throw new IllegalArgumentException("joinAttempts must be >= 0 (0 = keep trying), got " + joinAttempts);
        }
        positive("joinBackoff", joinBackoffMillis);
        positive("tokenPeriod", tokenPeriodMillis);
        if (k > 20) throw new IllegalArgumentException("k must be <= 20 (a NODES datagram holds 20 contacts), got " + k);
    }

    private static void positive(String name, long value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }

    public static NodeConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.k = k;
        b.alpha = alpha;
        b.successorListSize = successorListSize;
        b.staleAfterFailures = staleAfterFailures;
        b.maxPerPrefix = maxPerPrefix;
        b.stabilize = stabilizeIntervalMillis;
        b.refresh = bucketRefreshMillis;
        b.timeoutMin = rpcTimeoutMinMillis;
        b.timeoutMax = rpcTimeoutMaxMillis;
        b.timeoutInitial = rpcTimeoutInitialMillis;
        b.retries = rpcRetries;
        b.joinAttempts = joinAttempts;
        b.joinBackoff = joinBackoffMillis;
        b.tokenPeriod = tokenPeriodMillis;
        return b;
    }

    /** The routing table's share of this configuration. */
    public RoutingConfig routing() {
        return new RoutingConfig(k, k, staleAfterFailures, maxPerPrefix, successorListSize);
    }

    /** Builds a {@link NodeConfig}; every setter names its unit. */
    public static final class Builder {
        private int k = 20;
        private int alpha = 3;
        private int successorListSize = 8;
        private int staleAfterFailures = 3;
        private int maxPerPrefix = 2;
        private long stabilize = 30_000;
        private long refresh = 3_600_000;
        private long timeoutMin = 200;
        private long timeoutMax = 5_000;
        private long timeoutInitial = 1_000;
        private int retries = 1;
        private int joinAttempts = 5;
        private long joinBackoff = 1_000;
        private long tokenPeriod = 300_000;

        private Builder() {}

        public Builder k(int k) { this.k = k; return this; }
        public Builder alpha(int alpha) { this.alpha = alpha; return this; }
        public Builder successorListSize(int r) { this.successorListSize = r; return this; }
        public Builder staleAfterFailures(int n) { this.staleAfterFailures = n; return this; }
        public Builder maxPerPrefix(int n) { this.maxPerPrefix = n; return this; }
        public Builder stabilizeInterval(Duration d) { this.stabilize = d.toMillis(); return this; }
        public Builder bucketRefresh(Duration d) { this.refresh = d.toMillis(); return this; }
        public Builder rpcTimeout(Duration min, Duration max) {
            this.timeoutMin = min.toMillis();
            this.timeoutMax = max.toMillis();
            return this;
        }
        public Builder rpcTimeoutInitial(Duration d) { this.timeoutInitial = d.toMillis(); return this; }
        public Builder rpcRetries(int n) { this.retries = n; return this; }
        /** How many rounds of bootstrap pings before joining fails; 0 keeps trying forever. */
        public Builder joinAttempts(int n) { this.joinAttempts = n; return this; }
        /** The first wait between bootstrap rounds; it doubles (with jitter) up to 64 times that. */
        public Builder joinBackoff(Duration d) { this.joinBackoff = d.toMillis(); return this; }
        public Builder tokenPeriod(Duration d) { this.tokenPeriod = d.toMillis(); return this; }

        public NodeConfig build() {
            return new NodeConfig(k, alpha, successorListSize, staleAfterFailures, maxPerPrefix,
                    stabilize, refresh, timeoutMin, timeoutMax, timeoutInitial, retries,
                    joinAttempts, joinBackoff, tokenPeriod);
        }
    }
}
