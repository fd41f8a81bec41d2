package io.kadring.overlay.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Paces work the node does on its own account (republishing, handing records over), so a
 * burst of it (a node that holds thousands of records meets a newcomer) neither floods the
 * other nodes past their per-source limits nor crowds out requests from users. At most
 * {@link #MAX_IN_FLIGHT} tasks run at once, started at least {@link #SPACING_MILLIS} apart; the
 * queue is bounded and drops the oldest task when full (the next round will redo it).
 */
final class BackgroundWork {
    /** Tasks running at once. */
    static final int MAX_IN_FLIGHT = 4;
    /** The least time between two starts. */
    static final long SPACING_MILLIS = 10;
    /** Tasks waiting, at most; the oldest goes when full. */
    static final int MAX_QUEUED = 100_000;

    private final Procedures procedures;
    private final LocalNode local;
    private final Deque<Supplier<Procedure<?>>> queue = new ArrayDeque<>();
    private int inFlight;
    private long lastStart = Long.MIN_VALUE / 2;
    private boolean wakeUpScheduled;
    private boolean stopped;

    /** @param local whose clock and scheduler pace the work */
    BackgroundWork(Procedures procedures, LocalNode local) {
        this.procedures = procedures;
        this.local = local;
    }

    /** Queues the procedure {@code task} makes when its turn comes; it runs on the node's thread. */
    void submit(Supplier<Procedure<?>> task) {
        if (queue.size() >= MAX_QUEUED) queue.pollFirst();
        queue.addLast(task);
        drain();
    }

    /** Nothing more starts. */
    void stop() {
        stopped = true;
        queue.clear();
    }

    private void drain() {
        while (!queue.isEmpty() && inFlight < MAX_IN_FLIGHT && !stopped) {
            long now = local.now();
            long wait = lastStart + SPACING_MILLIS - now;
            if (wait > 0) {
                if (!wakeUpScheduled) {
                    wakeUpScheduled = true;
                    local.scheduler().schedule(wait, () -> {
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
