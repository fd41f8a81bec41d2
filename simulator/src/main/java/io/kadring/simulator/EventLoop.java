package io.kadring.simulator;

import io.kadring.overlay.env.Cancellable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A discrete-event loop in virtual time: one thread, no wall clock. Events run in order of
 * (time, insertion sequence), so events due at the same millisecond run in the order they
 * were scheduled. Cancelled events stay queued until they come up (or until the queue is
 * compacted) and are then skipped; they never count as executed.
 *
 * <p>The queue is a 4-ary heap (half as deep as a binary one, with each node's
 * children side by side) over two parallel arrays, the keys as primitive {@code (time, seq)}
 * pairs and the events, so sifting compares longs and allocates nothing.
 * A task that throws stops the run: the exception propagates out of {@link #runNext()} or
 * {@link #runUntil(long)}, and the loop may be resumed afterwards.
 */
public final class EventLoop {
    private static final int INITIAL_CAPACITY = 1 << 10;

    /** keys[2i] is the time, keys[2i+1] the sequence number of events[i]. */
    private long[] keys = new long[2 * INITIAL_CAPACITY];
    private Event[] events = new Event[INITIAL_CAPACITY];
    private int size;
    private long nextSeq;
    private long now;
    private long executed;
    private boolean running;

    /** Current virtual time in milliseconds; starts at 0. */
    public long now() {
        return now;
    }

    /** Runs {@code task} after {@code delayMillis} (≥ 0); a delay that overflows means never. */
    public Cancellable schedule(long delayMillis, Runnable task) {
        return schedule(delayMillis, null, task);
    }

    /** Runs {@code task} at virtual time {@code timeMillis}, which must not be in the past. */
    public Cancellable scheduleAt(long timeMillis, Runnable task) {
        if (timeMillis < now) {
            throw new IllegalArgumentException("time " + timeMillis + " is before now " + now);
        }
        Task event = new Task(Objects.requireNonNull(task, "task"), null);
        push(timeMillis, event);
        return event;
    }

    /** Like {@link #schedule(long, Runnable)}, but skipped once {@code lifespan} has ended. */
    Cancellable schedule(long delayMillis, Lifespan lifespan, Runnable task) {
        Task event = new Task(Objects.requireNonNull(task, "task"), lifespan);
        push(deadline(delayMillis), event);
        return event;
    }

    /** Queues an internal event (a delivery) after {@code delayMillis}. */
    void enqueue(long delayMillis, Event event) {
        push(deadline(delayMillis), event);
    }

    /**
     * Runs the next live event, advancing the clock to its time.
     *
     * @return false if no live event was left
     */
    public boolean runNext() {
        enter();
        try {
            while (size > 0) {
                long time = keys[0];
                Event event = poll();
                if (!event.isCancelled()) {
                    fire(time, event);
                    return true;
                }
            }
            return false;
        } finally {
            running = false;
        }
    }

    /**
     * Runs every live event due at or before {@code timeMillis} (inclusive), including those
     * scheduled on the way, then sets the clock to {@code timeMillis} if it was earlier.
     */
    public void runUntil(long timeMillis) {
        enter();
        try {
            while (size > 0 && keys[0] <= timeMillis) {
                long time = keys[0];
                Event event = poll();
                if (!event.isCancelled()) {
                    fire(time, event);
                }
            }
            if (timeMillis > now) {
                now = timeMillis;
            }
        } finally {
            running = false;
        }
    }

    /** {@code runUntil(now() + durationMillis)}. */
    public void runFor(long durationMillis) {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("duration must be >= 0 ms, got " + durationMillis);
        }
        runUntil(deadline(durationMillis));
    }

    /** Time of the next live event, or {@link Long#MAX_VALUE} if none is queued. */
    public long nextEventTime() {
        while (size > 0 && events[0].isCancelled()) {
            poll();
        }
        return size > 0 ? keys[0] : Long.MAX_VALUE;
    }

    /** Events run so far; cancelled and suppressed events are not counted. */
    public long eventsExecuted() {
        return executed;
    }

    /** Events in the queue, counting cancelled ones not yet discarded. */
    public int queued() {
        return size;
    }

    private void fire(long time, Event event) {
        now = time;
        executed++;
        event.fire();
    }

    private void enter() {
        if (running) {
            throw new IllegalStateException("the event loop is already running (called from a task?)");
        }
        running = true;
    }

    private long deadline(long delayMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ms, got " + delayMillis);
        }
        long time = now + delayMillis;
        return time < 0 ? Long.MAX_VALUE : time;
    }

    private void push(long time, Event event) {
        if (size == events.length) {
            makeRoom();
        }
        long seq = nextSeq++;
        int i = size++;
        // A new event has the largest sequence number, so it never rises above an equal time.
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (keys[2 * parent] <= time) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, event);
    }

    private Event poll() {
        Event top = events[0];
        int last = --size;
        long time = keys[2 * last];
        long seq = keys[2 * last + 1];
        Event moved = events[last];
        events[last] = null;
        if (last > 0) {
            siftDown(0, time, seq, moved);
        }
        return top;
    }

    private void siftDown(int i, long time, long seq, Event event) {
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            // the earliest of up to four children, which sit next to each other in keys
            int child = first;
            long childTime = keys[2 * first];
            long childSeq = keys[2 * first + 1];
            for (int c = first + 1, end = Math.min(first + 4, size); c < end; c++) {
                long t = keys[2 * c];
                if (t < childTime || (t == childTime && keys[2 * c + 1] < childSeq)) {
                    child = c;
                    childTime = t;
                    childSeq = keys[2 * c + 1];
                }
            }
            if (time < childTime || (time == childTime && seq < childSeq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, time, seq, event);
    }

    private void move(int from, int to) {
        keys[2 * to] = keys[2 * from];
        keys[2 * to + 1] = keys[2 * from + 1];
        events[to] = events[from];
    }

    private void set(int i, long time, long seq, Event event) {
        keys[2 * i] = time;
        keys[2 * i + 1] = seq;
        events[i] = event;
    }

    /**
     * The heap is full: discard cancelled events, and grow if it is still more than half full.
     * Either way at least half the capacity is free afterwards, so the scan is amortised O(1).
     */
    private void makeRoom() {
        int live = 0;
        for (int i = 0; i < size; i++) {
            if (!events[i].isCancelled()) {
                move(i, live++);
            }
        }
        if (live < size) {
            Arrays.fill(events, live, size, null);
            size = live;
            for (int i = (size - 2) / 4; i >= 0 && size > 1; i--) {
                siftDown(i, keys[2 * i], keys[2 * i + 1], events[i]);
            }
        }
        if (size > events.length / 2) {
            keys = Arrays.copyOf(keys, 4 * events.length);
            events = Arrays.copyOf(events, 2 * events.length);
        }
    }

    /** Something the loop runs at its time. */
    abstract static class Event {
        /** Cancelled events are skipped and not counted. */
        abstract boolean isCancelled();

        abstract void fire();
    }

    /** A scheduled task; cancelling it, or ending its lifespan, makes it a no-op. */
    private static final class Task extends Event implements Cancellable {
        private Runnable task;
        private final Lifespan lifespan;

        Task(Runnable task, Lifespan lifespan) {
            this.task = task;
            this.lifespan = lifespan;
        }

        @Override
        boolean isCancelled() {
            return task == null || (lifespan != null && lifespan.hasEnded());
        }

        @Override
        void fire() {
            Runnable run = task;
            task = null;
            run.run();
        }

        @Override
        public void cancel() {
            task = null;
        }
    }
}
