package io.kadring.routing.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class EventQueueTest {
    private final EventQueue queue = new EventQueue();
    private final List<String> ran = new ArrayList<>();

    @Test
    void eventsDueAtTheSameTime_runInTheOrderTheyWereScheduled() {
        queue.schedule(10, () -> ran.add("a"));
        queue.schedule(5, () -> ran.add("early"));
        queue.scheduleAt(10, () -> ran.add("b"));
        queue.schedule(10, () -> {
            ran.add("c");
            queue.schedule(0, () -> ran.add("e"));
        });
        queue.enqueue(10, new Named("d"));

        queue.runUntil(100);

        assertEquals(List.of("early", "a", "b", "c", "d", "e"), ran);
        assertEquals(6, queue.eventsExecuted());
    }

    @Test
    void events_runByTimeThenInsertionOrder_throughGrowthAndCompaction() {
        record Expected(long time, int seq) {
        }
        SplittableRandom random = new SplittableRandom(42);
        List<Expected> expected = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int seq = 0; seq < 50_000; seq++) {
            long time = random.nextLong(200); // many ties
            int id = seq;
            EventQueue.Task event = queue.scheduleAt(time, () -> order.add(id));
            if (random.nextInt(3) == 0) {
                event.cancel(); // enough garbage to trigger compaction on growth
            } else {
                expected.add(new Expected(time, seq));
            }
        }
        expected.sort(Comparator.comparingLong(Expected::time).thenComparingInt(Expected::seq));

        assertEquals(expected.size(), queue.runUntilIdle(Long.MAX_VALUE));

        assertEquals(expected.stream().map(Expected::seq).toList(), order);
        assertEquals(expected.size(), queue.eventsExecuted());
    }

    @Test
    void cancelledEvents_neverRun_areNotCounted_andDoNotMoveTheClock() {
        queue.schedule(5, () -> ran.add("kept"));
        queue.schedule(9, () -> ran.add("cancelled")).cancel();

        assertTrue(queue.runNext());
        assertFalse(queue.runNext());

        assertEquals(List.of("kept"), ran);
        assertEquals(5, queue.now());
        assertEquals(1, queue.eventsExecuted());
        assertEquals(Long.MAX_VALUE, queue.nextEventTime());
    }

    @Test
    void runUntil_runsEventsDueAtTheLimit_butNotAfterIt_andMovesTheClockToTheLimit() {
        queue.schedule(100, () -> ran.add("100"));
        queue.schedule(101, () -> ran.add("101"));

        queue.runUntil(100);
        assertEquals(List.of("100"), ran);
        assertEquals(100, queue.now());

        queue.runUntil(50);
        assertEquals(100, queue.now(), "the clock never goes back");

        queue.runFor(1);
        assertEquals(List.of("100", "101"), ran);
        assertEquals(101, queue.now());
    }

    @Test
    void runUntil_movesTheClockEvenWhenNothingIsQueued() {
        queue.runUntil(1234);

        assertEquals(1234, queue.now());
        assertEquals(0, queue.eventsExecuted());
    }

    @Test
    void runUntilCondition_stopsOnceItHolds_orAtTheLimit_leavingTheClockAtTheLastEvent() {
        for (int t = 10; t <= 50; t += 10) {
            String name = "t" + t;
            queue.schedule(t, () -> ran.add(name));
        }

        assertTrue(queue.runUntil(() -> ran.size() == 2, 1_000));
        assertEquals(List.of("t10", "t20"), ran);
        assertEquals(20, queue.now());

        assertFalse(queue.runUntil(() -> false, 45));
        assertEquals(List.of("t10", "t20", "t30", "t40"), ran);
        assertEquals(40, queue.now());

        assertFalse(queue.runUntil(() -> false, 1_000), "no event left");
        assertEquals(50, queue.now());
    }

    @Test
    void runUntilIdle_failsOnATaskThatReschedulesItselfForever() {
        Runnable[] again = new Runnable[1];
        again[0] = () -> queue.schedule(1, again[0]);
        queue.schedule(0, again[0]);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> queue.runUntilIdle(1_000));
        assertTrue(e.getMessage().contains("after 1000 events"), e.getMessage());
        assertEquals(999, queue.now());
    }

    @Test
    void schedule_rejectsNegativeDelaysAndTimesInThePast_andTreatsAnOverflowingDelayAsNever() {
        queue.runUntil(10);

        assertThrows(IllegalArgumentException.class, () -> queue.schedule(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> queue.scheduleAt(9, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> queue.runFor(-1));
        queue.schedule(Long.MAX_VALUE, () -> ran.add("never"));
        assertEquals(Long.MAX_VALUE, queue.nextEventTime());
    }

    @Test
    void runningTheQueueFromInsideATask_isRefused_andATaskThatThrowsLeavesItUsable() {
        queue.schedule(1, () -> queue.runUntil(5));

        assertThrows(IllegalStateException.class, () -> queue.runUntil(2));
        queue.schedule(1, () -> ran.add("after"));
        queue.runUntil(10);
        assertEquals(List.of("after"), ran);
    }

    /** An event queued as itself, not wrapped in a Runnable. */
    private final class Named extends EventQueue.Event {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        protected void fire() {
            ran.add(name);
        }
    }
}
