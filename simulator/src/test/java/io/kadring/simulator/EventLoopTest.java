package io.kadring.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.env.Cancellable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class EventLoopTest {
    private final EventLoop loop = new EventLoop();
    private final List<String> ran = new ArrayList<>();

    @Test
    void eventsDueAtTheSameTime_runInTheOrderTheyWereScheduled() {
        loop.schedule(10, () -> ran.add("a"));
        loop.schedule(5, () -> ran.add("early"));
        loop.scheduleAt(10, () -> ran.add("b"));
        loop.schedule(10, () -> {
            ran.add("c");
            loop.schedule(0, () -> ran.add("e"));
        });
        loop.schedule(10, () -> ran.add("d"));

        loop.runUntil(100);

        assertEquals(List.of("early", "a", "b", "c", "d", "e"), ran);
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
            Cancellable event = loop.scheduleAt(time, () -> order.add(id));
            if (random.nextInt(3) == 0) {
                event.cancel(); // enough garbage to trigger compaction on growth
            } else {
                expected.add(new Expected(time, seq));
            }
        }
        expected.sort(Comparator.comparingLong(Expected::time).thenComparingInt(Expected::seq));

        while (loop.runNext()) {
            // run everything
        }

        assertEquals(expected.stream().map(Expected::seq).toList(), order);
        assertEquals(expected.size(), loop.eventsExecuted());
    }

    @Test
    void cancelledEvents_neverRun_andAreNotCountedAsExecuted() {
        Cancellable cancelled = loop.schedule(5, () -> ran.add("cancelled"));
        loop.schedule(5, () -> ran.add("kept"));
        Cancellable cancelledByAnEarlierEvent = loop.schedule(9, () -> ran.add("cancelled later"));
        loop.schedule(7, cancelledByAnEarlierEvent::cancel);
        cancelled.cancel();
        cancelled.cancel();

        loop.runUntil(10);

        assertEquals(List.of("kept"), ran);
        assertEquals(2, loop.eventsExecuted());
    }

    @Test
    void cancel_afterTheEventRan_doesNothing() {
        Cancellable event = loop.schedule(1, () -> ran.add("x"));
        loop.runUntil(1);

        event.cancel();

        assertEquals(List.of("x"), ran);
        assertEquals(1, loop.eventsExecuted());
    }

    @Test
    void runUntil_runsEventsDueAtTheLimit_butNotAfterIt_andMovesTheClockToTheLimit() {
        loop.schedule(99, () -> ran.add("99"));
        loop.schedule(100, () -> {
            ran.add("100");
            loop.schedule(0, () -> ran.add("100 again"));
            loop.schedule(1, () -> ran.add("101"));
        });

        loop.runUntil(100);

        assertEquals(List.of("99", "100", "100 again"), ran);
        assertEquals(100, loop.now());
        assertEquals(101, loop.nextEventTime());

        loop.runUntil(50);
        assertEquals(100, loop.now(), "the clock never goes back");

        loop.runFor(1);
        assertEquals(List.of("99", "100", "100 again", "101"), ran);
        assertEquals(101, loop.now());
    }

    @Test
    void runUntil_movesTheClockEvenWhenNothingIsQueued() {
        loop.runUntil(1234);

        assertEquals(1234, loop.now());
        assertEquals(0, loop.eventsExecuted());
    }

    @Test
    void runNext_runsOneLiveEventAndSetsTheClockToItsTime_orReturnsFalse() {
        loop.schedule(3, () -> ran.add("cancelled")).cancel();
        loop.schedule(7, () -> ran.add("seven"));

        assertTrue(loop.runNext());
        assertEquals(7, loop.now());
        assertEquals(List.of("seven"), ran);
        assertFalse(loop.runNext());
        assertEquals(Long.MAX_VALUE, loop.nextEventTime());
    }

    @Test
    void schedule_rejectsNegativeDelaysAndTimesInThePast_andTreatsAnOverflowingDelayAsNever() {
        loop.runUntil(10);

        assertThrows(IllegalArgumentException.class, () -> loop.schedule(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> loop.scheduleAt(9, () -> { }));
        loop.schedule(Long.MAX_VALUE, () -> ran.add("never"));
        assertEquals(Long.MAX_VALUE, loop.nextEventTime());
    }

    @Test
    void runningTheLoopFromInsideATask_isRefused() {
        loop.schedule(1, () -> loop.runUntil(5));

        assertThrows(IllegalStateException.class, () -> loop.runUntil(2));
        // the loop is usable again afterwards
        loop.schedule(1, () -> ran.add("after"));
        loop.runUntil(10);
        assertEquals(List.of("after"), ran);
    }
}
