package io.kadring.overlay.node;

import io.kadring.routing.RoutingConfig;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoreConfig;
import java.time.Duration;

/**
 * Every tunable of a node, with the defaults of docs/design.md ("Defaults"). Durations are kept in
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
        long tokenPeriodMillis,
        long replicateIntervalMillis,
        long recordLifetimeMillis,
        int putQuorum,
        int getEnough,
        int maxValueBytes,
        StoreConfig store,
        int requestsPerSecondPerSource,
        Defences defences,
        boolean exemptLoopback,
        boolean exemptPrivate,
        int unverifiedRepliesPerSecond,
        int signatureChecksPerSecond,
        int disjointPaths,
        long isolationAlarmMillis,
        boolean clientMode,
        int recentLookups) {

    public NodeConfig {
        positive("k", k);
        positive("alpha", alpha);
        positive("successorListSize", successorListSize);
        if (successorListSize > 16) {
            throw new IllegalArgumentException("successorListSize must be <= 16 (a NEIGHBOURS datagram holds 16), got "
                    + successorListSize);
        }
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
        positive("replicateInterval", replicateIntervalMillis);
        positive("recordLifetime", recordLifetimeMillis);
        if (putQuorum < 0 || putQuorum > k) {
            throw new IllegalArgumentException("putQuorum must be in 0..k (0 = a majority of those asked), got " + putQuorum);
        }
        if (getEnough < 1 || getEnough > k) {
            throw new IllegalArgumentException("getEnough must be in 1..k, got " + getEnough);
        }
        if (maxValueBytes < 0 || maxValueBytes > SignedRecord.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("maxValueBytes must be in 0.." + SignedRecord.MAX_VALUE_BYTES
                    + ", got " + maxValueBytes);
        }
        java.util.Objects.requireNonNull(store, "store");
        positive("requestsPerSecondPerSource", requestsPerSecondPerSource);
        java.util.Objects.requireNonNull(defences, "defences");
        positive("unverifiedRepliesPerSecond", unverifiedRepliesPerSecond);
        positive("signatureChecksPerSecond", signatureChecksPerSecond);
        if (disjointPaths < 1 || disjointPaths > k) {
            throw new IllegalArgumentException("disjointPaths must be in 1..k, got " + disjointPaths);
        }
        if (recentLookups < 0 || recentLookups > 1024) {
            throw new IllegalArgumentException("recentLookups must be 0..1024 (0 = keep none), got " + recentLookups);
        }
        if (isolationAlarmMillis < 0) {
            throw new IllegalArgumentException("isolationAlarm must be >= 0 (0 = off), got " + isolationAlarmMillis);
        }
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
        b.replicate = replicateIntervalMillis;
        b.lifetime = recordLifetimeMillis;
        b.putQuorum = putQuorum;
        b.getEnough = getEnough;
        b.maxValueBytes = maxValueBytes;
        b.store = store;
        b.requestRate = requestsPerSecondPerSource;
        b.defences = defences;
        b.exemptLoopback = exemptLoopback;
        b.exemptPrivate = exemptPrivate;
        b.unverifiedReplies = unverifiedRepliesPerSecond;
        b.signatureChecks = signatureChecksPerSecond;
        b.disjointPaths = disjointPaths;
        b.isolationAlarm = isolationAlarmMillis;
        b.clientMode = clientMode;
        b.recentLookups = recentLookups;
        return b;
    }

    /** The routing table's share of this configuration. */
    public RoutingConfig routing() {
        return new RoutingConfig(k, k, staleAfterFailures, maxPerPrefix, successorListSize, exemptLoopback, exemptPrivate);
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
        private long timeoutMin = 250;
        private long timeoutMax = 5_000;
        private long timeoutInitial = 1_000;
        private int retries = 1;
        private int joinAttempts = 5;
        private long joinBackoff = 1_000;
        private long tokenPeriod = 300_000;
        private long replicate = 3_600_000;
        private long lifetime = 86_400_000;
        private int putQuorum = 0;
        private int getEnough = 3;
        private int maxValueBytes = SignedRecord.MAX_VALUE_BYTES;
        private StoreConfig store = StoreConfig.defaults();
        private int requestRate = 100;
        private Defences defences = Defences.ALL;
        private boolean exemptLoopback = true;
        private boolean exemptPrivate = true;
        private int unverifiedReplies = 2_000;
        private int signatureChecks = 1_000;
        private int disjointPaths = 2;
        private long isolationAlarm = 120_000;
        private boolean clientMode = false;
        private int recentLookups = 32;

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
        /** How often holders republish what they hold, and owners refresh their records. */
        public Builder replicateInterval(Duration d) { this.replicate = d.toMillis(); return this; }
        /** How long a record lives without its owner refreshing it. */
        public Builder recordLifetime(Duration d) { this.lifetime = d.toMillis(); return this; }
        /** Stores needed for a put to succeed; 0 (default) = a majority of the nodes asked. */
        public Builder putQuorum(int n) { this.putQuorum = n; return this; }
        /** A get stops early once this many answers agree on the highest seq. */
        public Builder getEnough(int n) { this.getEnough = n; return this; }
        /** Largest value this node stores (at most 1000 bytes). */
        public Builder maxValueBytes(int n) { this.maxValueBytes = n; return this; }
        /** Limits of the local record store. */
        public Builder store(StoreConfig s) { this.store = s; return this; }
        /** Requests a node answers per second from one IP address (burst: twice that); loopback is exempt. */
        public Builder requestsPerSecondPerSource(int n) { this.requestRate = n; return this; }

        /** The defences against hostile peers; {@link Defences#ALL} by default. */
        public Builder defences(Defences d) { this.defences = d; return this; }
        /**
         * Whether loopback sources are exempt from the per-source limits and the diversity limits
         * (default true: only this host can send from loopback, the kernel drops such packets
         * from the network).
         */
        public Builder exemptLoopback(boolean exempt) { this.exemptLoopback = exempt; return this; }
        /**
         * Whether private, link-local and unique-local sources are exempt from the diversity
         * limits (default true, so that a LAN in one /24 forms a correct ring); turn it off
         * where such addresses are shared with strangers (a cloud network).
         */
        public Builder exemptPrivate(boolean exempt) { this.exemptPrivate = exempt; return this; }
        /** The paths, sharing no node, a get's FIND_VALUE lookup follows when {@link Defences#disjointPaths} is on (default 2). */
        public Builder disjointPaths(int d) { this.disjointPaths = d; return this; }
        /**
         * How long a joined node may go without an answer from any contact of its table before it
         * reports itself isolated (default 2 min: four stabilize rounds); {@link Duration#ZERO} turns
         * the alarm off.
         */
        public Builder isolationAlarm(Duration d) { this.isolationAlarm = d.toMillis(); return this; }

        /**
         * Replies per second, over all sources, to sources whose address is not verified
         * ({@link Defences#antiAmplification()}; burst: one second's worth).
         */
        public Builder unverifiedRepliesPerSecond(int n) { this.unverifiedReplies = n; return this; }
        /**
         * Node-record signature checks per second for records that came unasked, in PINGs
         * ({@link Defences#boundedSignatures()}; burst: one second's worth).
         */
        public Builder signatureChecksPerSecond(int n) { this.signatureChecks = n; return this; }

        /**
         * Client mode (as BEP 43's read-only nodes): the node looks up, puts and gets, but its
         * requests say it is a client, so no node takes it into its table or ring, and it holds
         * nothing for others and answers no requests (a STORE is refused with a reason). Default false.
         */
        public Builder clientMode(boolean client) { this.clientMode = client; return this; }

        /**
         * How many of its latest finished lookups the node keeps for {@code Node.recentLookups()}
         * (the admin API's {@code GET /lookups}); default 32, 0 keeps none (the simulator's nodes).
         */
        public Builder recentLookups(int n) { this.recentLookups = n; return this; }

        public NodeConfig build() {
            return new NodeConfig(k, alpha, successorListSize, staleAfterFailures, maxPerPrefix,
                    stabilize, refresh, timeoutMin, timeoutMax, timeoutInitial, retries,
                    joinAttempts, joinBackoff, tokenPeriod, replicate, lifetime, putQuorum, getEnough,
                    maxValueBytes, store, requestRate, defences, exemptLoopback, exemptPrivate,
                    unverifiedReplies, signatureChecks, disjointPaths, isolationAlarm, clientMode,
                    recentLookups);
        }
    }
}
