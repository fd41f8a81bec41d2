package io.kadring.routing.time;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event queue in virtual time: one thread, no wall clock. Events run in order of
 * (time, insertion sequence), so events due at the same millisecond run in the order they
 * were scheduled. Cancelled events stay queued until they come up (or until the queue is
 * compacted) and are then skipped: they never count as executed and never move the clock.
 * A task that throws stops the run; the exception propagates and the queue may be run again.
 *
 * <p>The queue is a 4-ary heap (half as deep as a binary one, with each node's children side
 * by side) over two parallel arrays, the keys as primitive {@code (time, seq)} pairs and the
 * events, so sifting compares longs and allocates nothing.
 */
public final class EventQueue {
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
    public Task schedule(long delayMillis, Runnable task) {
        Task event = new Task(task);
        enqueue(delayMillis, event);
        return event;
    }

    /** Runs {@code task} at virtual time {@code timeMillis}, which must not be in the past. */
    public Task scheduleAt(long timeMillis, Runnable task) {
        Task event = new Task(task);
        enqueueAt(timeMillis, event);
        return event;
    }

    /** Queues {@code event} to fire after {@code delayMillis} (≥ 0); a delay that overflows means never. */
    public void enqueue(long delayMillis, Event event) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ms, got " + delayMillis);
        }
        long time = now + delayMillis;
        push(time < 0 ? Long.MAX_VALUE : time, Objects.requireNonNull(event, "event"));
    }

    /** Queues {@code event} to fire at virtual time {@code timeMillis}, which must not be in the past. */
    public void enqueueAt(long timeMillis, Event event) {
        if (timeMillis < now) {
            throw new IllegalArgumentException("time " + timeMillis + " is before now " + now);
        }
        push(timeMillis, Objects.requireNonNull(event, "event"));
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

    /** {@code runUntil(now() + durationMillis)}; a duration that overflows means forever. */
    public void runFor(long durationMillis) {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("duration must be >= 0 ms, got " + durationMillis);
        }
        long time = now + durationMillis;
        runUntil(time < 0 ? Long.MAX_VALUE : time);
    }

    /**
     * Runs live events one at a time until {@code done} holds (checked before each), but none
     * due after {@code timeMillis}. The clock stays at the last event run.
     *
     * @return whether {@code done} holds: false if the next event is later, or none is left
     */
    public boolean runUntil(BooleanSupplier done, long timeMillis) {
        while (!done.getAsBoolean()) {
            if (nextEventTime() > timeMillis || !runNext()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs events until none is left, at most {@code maxEvents} of them.
     *
     * @return the number of events run
     * @throws IllegalStateException if events are still queued after {@code maxEvents} ran
     *     (something reschedules itself forever)
     */
    public long runUntilIdle(long maxEvents) {
        long ran = 0;
        while (ran < maxEvents && runNext()) {
            ran++;
        }
        if (nextEventTime() != Long.MAX_VALUE) {
            throw new IllegalStateException("still busy after " + ran + " events, at virtual time " + now + " ms");
        }
        return ran;
    }

    /** Time of the next live event, or {@link Long#MAX_VALUE} if none is queued. */
    public long nextEventTime() {
        while (size > 0 && events[0].isCancelled()) {
            poll();
        }
        return size > 0 ? keys[0] : Long.MAX_VALUE;
    }

    /** Events run so far; cancelled events are not counted. */
    public long eventsExecuted() {
        return executed;
    }

    private void fire(long time, Event event) {
        now = time;
        executed++;
        event.fire();
    }

    private void enter() {
        if (running) {
            throw new IllegalStateException("the event queue is already running (called from a task?)");
        }
        running = true;
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

    /**
     * Something the queue runs at its time. Subclass it to queue an event without wrapping it
     * in a {@link Runnable} (a datagram in flight, a task tied to a node's life).
     */
    public abstract static class Event {
        /**
         * A cancelled event is skipped, not counted and never fired; checked when it comes up.
         * An event is live unless its subclass says otherwise.
         */
        protected boolean isCancelled() {
            return false;
        }

        /** Does what the event is for; called once, at its time. */
        protected abstract void fire();
    }

    /** A scheduled {@link Runnable}; cancelling it makes it a no-op. */
    public static final class Task extends Event {
        private Runnable task;

        Task(Runnable task) {
            this.task = Objects.requireNonNull(task, "task");
        }

        /** Calls the task off. Cancelling twice, or after it ran, does nothing. */
        public void cancel() {
            task = null;
        }

        @Override
        protected boolean isCancelled() {
            return task == null;
        }

        @Override
        protected void fire() {
            Runnable run = task;
            task = null;
            run.run();
        }
    }
}
