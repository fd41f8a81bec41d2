package io.kadring.simulator;

import io.kadring.overlay.env.Cancellable;
import io.kadring.routing.time.EventQueue;
import java.util.Objects;

/**
 * The simulation's clock and scheduler: an {@link EventQueue} (virtual time, events due at the
 * same millisecond in the order they were scheduled) with what the simulator adds, tasks that
 * hand out the environment's {@link Cancellable} and tasks tied to a node's {@link Lifespan}.
 * A task that throws stops the run: the exception propagates out of {@link #runUntil(long)} or
 * {@link #runFor(long)}, and the loop may be resumed afterwards.
 */
public final class EventLoop {
    private final EventQueue queue = new EventQueue();

    /** Current virtual time in milliseconds; starts at 0. */
    public long now() {
        return queue.now();
    }

    /** Runs {@code task} after {@code delayMillis} (≥ 0); a delay that overflows means never. */
    public Cancellable schedule(long delayMillis, Runnable task) {
        return schedule(delayMillis, null, task);
    }

    /** Runs {@code task} at virtual time {@code timeMillis}, which must not be in the past. */
    public Cancellable scheduleAt(long timeMillis, Runnable task) {
        Task event = new Task(task, null);
        queue.enqueueAt(timeMillis, event);
        return event;
    }

    /** Like {@link #schedule(long, Runnable)}, but skipped once {@code lifespan} has ended. */
    Cancellable schedule(long delayMillis, Lifespan lifespan, Runnable task) {
        Task event = new Task(task, lifespan);
        queue.enqueue(delayMillis, event);
        if (lifespan != null) lifespan.hold(event);
        return event;
    }

    /** Queues an internal event (a delivery) after {@code delayMillis}. */
    void enqueue(long delayMillis, EventQueue.Event event) {
        queue.enqueue(delayMillis, event);
    }

    /**
     * Runs every live event due at or before {@code timeMillis} (inclusive), including those
     * scheduled on the way, then sets the clock to {@code timeMillis} if it was earlier.
     */
    public void runUntil(long timeMillis) {
        queue.runUntil(timeMillis);
    }

    /** {@code runUntil(now() + durationMillis)}. */
    public void runFor(long durationMillis) {
        queue.runFor(durationMillis);
    }

    /** Events run so far; cancelled and suppressed events are not counted. */
    public long eventsExecuted() {
        return queue.eventsExecuted();
    }

    /**
     * A scheduled task; cancelling it, or ending its lifespan, makes it a no-op. A task tied to a
     * lifespan is linked into the lifespan's list of pending tasks ({@link Lifespan#hold}).
     */
    static final class Task extends EventQueue.Event implements Cancellable {
        private Runnable task;
        private final Lifespan lifespan;
        /** Neighbours in the lifespan's list of pending tasks (null when not tied or not pending). */
        Task older;
        Task newer;

        Task(Runnable task, Lifespan lifespan) {
            this.task = Objects.requireNonNull(task, "task");
            this.lifespan = lifespan;
        }

        @Override
        protected boolean isCancelled() {
            return task == null || (lifespan != null && lifespan.hasEnded());
        }

        @Override
        protected void fire() {
            Runnable run = task;
            task = null;
            if (lifespan != null) lifespan.drop(this);
            run.run();
        }

        @Override
        public void cancel() {
            if (task != null && lifespan != null && !lifespan.hasEnded()) lifespan.drop(this);
            task = null;
        }

        /** The lifespan ended: forget the task (and what it captured), and the list. */
        void release() {
            task = null;
            older = null;
            newer = null;
        }
    }
}
