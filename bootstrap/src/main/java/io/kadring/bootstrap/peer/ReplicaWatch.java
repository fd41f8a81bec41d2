package io.kadring.bootstrap.peer;

import io.kadring.overlay.node.ReplicaReport;
import io.kadring.routing.Id;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's periodic replica check of the records it published (acknowledged through its admin
 * API): every {@link #INTERVAL} each one still alive is checked once, the checks spread evenly
 * over the interval rather than all at once. A record fewer than the quorum hold is counted in
 * the gauge {@code kadring.records.under.replicated} (Prometheus:
 * {@code kadring_records_under_replicated}, registered at start with 0) and logged as a warning
 * naming its key. At most {@link #MAX_WATCHED} records are watched, the oldest dropped first.
 * Thread-safe.
 */
final class ReplicaWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaWatch.class);
    /** How often each published record is checked. */
    static final Duration INTERVAL = Duration.ofMinutes(10);
    /** Records watched at most. */
    static final int MAX_WATCHED = 10_000;
    private static final Duration CHECK_LIMIT = Duration.ofSeconds(60);

    /** Runs a task after a delay (the peer's chores executor). */
    interface Later {
        void run(long delayMillis, Runnable task);
    }

    private final Function<Id, CompletableFuture<ReplicaReport>> check;
    private final Later later;
    private final LongSupplier clock;
    /** Watched keys and when each expires (ms on {@link #clock}), oldest first. */
    private final Map<Id, Long> watched = new LinkedHashMap<>();
    private final Set<Id> underReplicated = new HashSet<>();

    /**
     * @param check a replica check of a key ({@code KadringNode::replicas})
     * @param clock wall-clock ms, as the expiry times given to {@link #watch}
     */
    ReplicaWatch(Function<Id, CompletableFuture<ReplicaReport>> check, Later later, LongSupplier clock,
                 MeterRegistry registry) {
        this.check = check;
        this.later = later;
        this.clock = clock;
        Gauge.builder("kadring.records.under.replicated", this, ReplicaWatch::underReplicated)
                .description("Records this peer published that fewer than the put quorum of the k closest nodes "
                        + "hold, at their latest replica check")
                .register(registry);
    }

    /** Watches {@code key}, published here, until {@code expiresAtMillis}. */
    synchronized void watch(Id key, long expiresAtMillis) {
        watched.remove(key);
        watched.put(key, expiresAtMillis);
        if (watched.size() > MAX_WATCHED) {
            Iterator<Id> oldest = watched.keySet().iterator();
            underReplicated.remove(oldest.next());
            oldest.remove();
        }
    }

    /** Records under-replicated at their latest check. */
    synchronized int underReplicated() {
        return underReplicated.size();
    }

    /** Keys watched now. */
    synchronized int watching() {
        return watched.size();
    }

    /** One round: the expired are forgotten, the others each checked at its own moment of the interval. */
    void round() {
        List<Id> keys;
        synchronized (this) {
            long now = clock.getAsLong();
            watched.entrySet().removeIf(e -> {
                boolean expired = e.getValue() <= now;
                if (expired) underReplicated.remove(e.getKey());
                return expired;
            });
            keys = new ArrayList<>(watched.keySet());
        }
        long spacing = INTERVAL.toMillis() / Math.max(1, keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Id key = keys.get(i);
            later.run(i * spacing, () -> check(key));
        }
    }

    private void check(Id key) {
        synchronized (this) {
            if (!watched.containsKey(key)) return;
        }
        CompletableFuture<ReplicaReport> report;
        try {
            report = check.apply(key);
        } catch (IllegalStateException notRunning) {
            return; // stopping
        }
        report.orTimeout(CHECK_LIMIT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, failure) -> {
            if (failure != null) return; // not known either way: the next round tries again
            synchronized (this) {
                if (!watched.containsKey(key)) return;
                if (r.meetsQuorum()) {
                    underReplicated.remove(key);
                    return;
                }
                underReplicated.add(key);
            }
            LOG.warn("record {} is under-replicated: {} (quorum {})", key.toHex(), r.summary(), r.quorum());
        });
    }
}
