package io.kadring.overlay.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Paces work the node does on its own account (republishing, handing records over), so a
 * burst of it (a node that holds thousands of records meets a newcomer) neither floods the
 * other nodes past their per-source limits nor crowds out requests from users. At most
 * {@code maxInFlight} tasks run at once, started at least {@code spacingMillis} apart; the
 * queue is bounded and drops the oldest task when full (the next round will redo it).
 */
final class BackgroundWork {
    private final Procedures procedures;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final int maxInFlight;
    private final long spacingMillis;
    private final int maxQueued;
    private final Deque<Supplier<Procedure<?>>> queue = new ArrayDeque<>();
    private int inFlight;
    private long lastStart = Long.MIN_VALUE / 2;
    private boolean wakeUpScheduled;
    private boolean stopped;

    BackgroundWork(Procedures procedures, Scheduler scheduler, LongSupplier clock, int maxInFlight,
                   long spacingMillis, int maxQueued) {
        this.procedures = procedures;
        this.scheduler = scheduler;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.spacingMillis = spacingMillis;
        this.maxQueued = maxQueued;
    }

    /** Queues the procedure {@code task} makes when its turn comes; it runs on the node's thread. */
    void submit(Supplier<Procedure<?>> task) {
        if (queue.size() >= maxQueued) queue.pollFirst();
        queue.addLast(task);
        drain();
    }

    int queued() {
        return queue.size();
    }

    /** Nothing more starts. */
    void stop() {
        stopped = true;
        queue.clear();
    }

    private void drain() {
        while (!queue.isEmpty() && inFlight < maxInFlight && !stopped) {
            long now = clock.getAsLong();
            long wait = lastStart + spacingMillis - now;
            if (wait > 0) {
                if (!wakeUpScheduled) {
                    wakeUpScheduled = true;
                    scheduler.schedule(wait, () -> {
                        wakeUpScheduled = false;
                        drain();
                    });
                }
                return;
            }
            lastStart = now;
            inFlight++;
            Procedure<?> task;
            try {
                task = queue.pollFirst().get();
            } catch (RuntimeException e) {
                inFlight--;
                continue; // a bug of ours: that task is lost, the rest go on
            }
            procedures.run(task).whenComplete((r, e) -> {
                inFlight--;
                drain();
            });
        }
    }
}
