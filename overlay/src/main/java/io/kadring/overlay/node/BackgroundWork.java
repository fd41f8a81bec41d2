package io.kadring.overlay.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Paces work the node does on its own account (republishing, handing records over), so a
 * burst of it (a node that holds thousands of records meets a newcomer) neither floods the
 * other nodes past their per-source limits nor crowds out requests from users. At most
 * {@code maxInFlight} tasks run at once, started at least {@code spacingMillis} apart; the
 * queue is bounded and drops the oldest task when full (the next round will redo it).
 */
final class BackgroundWork {
    private final Node node;
    private final int maxInFlight;
    private final long spacingMillis;
    private final int maxQueued;
    private final Deque<Supplier<CompletableFuture<?>>> queue = new ArrayDeque<>();
    private int inFlight;
    private long lastStart = Long.MIN_VALUE / 2;
    private boolean wakeUpScheduled;

    BackgroundWork(Node node, int maxInFlight, long spacingMillis, int maxQueued) {
        this.node = node;
        this.maxInFlight = maxInFlight;
        this.spacingMillis = spacingMillis;
        this.maxQueued = maxQueued;
    }

    /** Queues {@code task}; it runs when its turn comes, on the node's thread. */
    void submit(Supplier<CompletableFuture<?>> task) {
        if (queue.size() >= maxQueued) queue.pollFirst();
        queue.addLast(task);
        drain();
    }

    int queued() {
        return queue.size();
    }

    private void drain() {
        while (!queue.isEmpty() && inFlight < maxInFlight && !node.isClosed()) {
            long now = node.now();
            long wait = lastStart + spacingMillis - now;
            if (wait > 0) {
                if (!wakeUpScheduled) {
                    wakeUpScheduled = true;
                    node.env().schedule(wait, () -> {
                        wakeUpScheduled = false;
                        drain();
                    });
                }
                return;
            }
            lastStart = now;
            inFlight++;
            CompletableFuture<?> running;
            try {
                running = queue.pollFirst().get();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((r, e) -> {
                inFlight--;
                drain();
            });
        }
    }
}
