package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;
import io.kadring.routing.Contact;
import io.kadring.routing.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The periodic work that keeps a node's view true while nodes come and go, each on the
 * scheduler with jitter: Chord's stabilize and check-predecessor rounds, a liveness sweep
 * (the contact heard from longest ago, paced to reach every contact within
 * {@link #MAX_QUIET_MILLIS}), Kademlia's refresh of idle buckets, and the replicate round. Each round starts a procedure; this class only says when.
 */
final class Maintenance {
    /**
     * How long a contact may go unheard: under churn a contact unheard for long is more likely
     * gone, and lookups that are handed it wait for its timeout. 1000 simulated nodes with 1 h
     * sessions: checking the oldest once a stabilize interval left 15% of table contacts dead and
     * 6.8 failed queries per lookup (p50 547 ms, static 305); every contact within 5 min: 2.0 and
     * 397 ms, for 60% more messages (most of them PINGs: 26% more bytes).
     */
    static final long MAX_QUIET_MILLIS = 5 * 60_000;
    private static final long MIN_SWEEP_MILLIS = 1_000;

    /** Starts the procedures of the rounds. */
    interface Rounds {
        /** Chord's stabilize, unless one is still running. */
        void stabilize();

        /** Chord's check-predecessor: a predecessor that does not answer a PING is forgotten. */
        void checkPredecessor();

        /** PING a contact to learn whether it is still there. */
        void checkAlive(Contact contact);

        /** A lookup for a random id in {@code bucket}. */
        void refresh(int bucket);

        /** One replicate round. */
        void republish();

        /** The once-a-round chores: expire records exactly on time, refresh the gauges. */
        void tidy();
    }

    private final LocalNode local;
    private final RoutingTable table;
    private final Rounds rounds;
    private final List<Cancellable> timers = new ArrayList<>();
    private boolean stopped;

    Maintenance(LocalNode local, RoutingTable table, Rounds rounds) {
        this.local = local;
        this.table = table;
        this.rounds = rounds;
    }

    void start() {
        NodeConfig config = local.config();
        long stabilize = config.stabilizeIntervalMillis();
        every(stabilize, rounds::stabilize);
        every(stabilize, rounds::checkPredecessor);
        every(stabilize, rounds::tidy);
        every(this::sweepPeriod, this::checkOldestContact);
        every(Math.max(1, config.bucketRefreshMillis() / 4), this::refreshIdleBuckets);
        every(config.replicateIntervalMillis(), rounds::republish);
    }

    void stop() {
        stopped = true;
        timers.forEach(Cancellable::cancel);
        timers.clear();
    }

    /** Runs {@code task} about every {@code period} ms, each wait jittered to 0.5–1.5 periods. */
    private void every(long period, Runnable task) {
        every(() -> period, task);
    }

    /** As {@link #every(long, Runnable)}, the period asked again before each wait. */
    private void every(LongSupplier period, Runnable task) {
        Periodic p = new Periodic(period, task);
        timers.add(p);
        p.arm();
    }

    /** One periodic round and its next timer. */
    private final class Periodic implements Runnable, Cancellable {
        private final LongSupplier period;
        private final Runnable task;
        private Cancellable timer;

        Periodic(LongSupplier period, Runnable task) {
            this.period = period;
            this.task = task;
        }

        void arm() {
            long p = period.getAsLong();
            timer = local.scheduler().schedule(p / 2 + local.random().nextLong(p + 1), this);
        }

        @Override
        public void run() {
            if (stopped) return;
            task.run();
            if (!stopped) arm();
        }

        @Override
        public void cancel() {
            timer.cancel();
        }
    }

    /**
     * Pings the routing-table contact heard from longest ago, if that was more than half of
     * {@link #MAX_QUIET_MILLIS} back: a dead contact is found within a bounded time even when no
     * lookup of ours passes it, and stops being handed to others.
     */
    private void checkOldestContact() {
        long cutoff = local.now() - MAX_QUIET_MILLIS / 2;
        Contact oldest = table.leastRecentlySeen();
        if (oldest != null && oldest.lastSeen() < cutoff) rounds.checkAlive(oldest);
    }

    /**
     * How often the oldest contact is checked: often enough that every contact is heard from
     * about every {@link #MAX_QUIET_MILLIS} (the table's size over that), at most once a second,
     * at least once a stabilize interval.
     */
    private long sweepPeriod() {
        long period = MAX_QUIET_MILLIS / Math.max(1, table.size());
        return Math.max(MIN_SWEEP_MILLIS, Math.min(local.config().stabilizeIntervalMillis(), period));
    }

    /** Kademlia's refresh: a lookup for a random id in every bucket not used for an hour. */
    private void refreshIdleBuckets() {
        for (int bucket : table.idleBuckets(local.now(), local.config().bucketRefreshMillis())) {
            rounds.refresh(bucket);
        }
    }
}
