package io.kadring.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kadring.overlay.env.Cancellable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the loop adds to {@link io.kadring.routing.time.EventQueue} (whose ordering, clock and
 * re-entrance rules {@code EventQueueTest} covers): tasks that hand out a {@link Cancellable}.
 * Tasks tied to a {@link Lifespan} are covered by {@code SimEnvironmentTest}.
 */
final class EventLoopTest {
    private final EventLoop loop = new EventLoop();
    private final List<String> ran = new ArrayList<>();

    @Test
    void cancelledEvents_neverRun_andAreNotCountedAsExecuted() {
        Cancellable cancelled = loop.schedule(5, () -> ran.add("cancelled"));
        loop.schedule(5, () -> ran.add("kept"));
        Cancellable cancelledByAnEarlierEvent = loop.scheduleAt(9, () -> ran.add("cancelled later"));
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
    void lifespan_holdsItsPendingTasksOnly_andLetsGoOfThemAllWhenItEnds() {
        Lifespan life = new Lifespan();
        Cancellable cancelled = loop.schedule(5, life, () -> ran.add("cancelled"));
        loop.schedule(1, life, () -> ran.add("ran"));
        loop.schedule(5, life, () -> ran.add("after the end"));
        loop.schedule(6, life, () -> ran.add("after the end too"));
        cancelled.cancel();
        loop.runUntil(2);
        assertEquals(2, life.pending());

        life.end();
        loop.runUntil(10);

        assertEquals(0, life.pending());
        assertEquals(List.of("ran"), ran);
        assertEquals(1, loop.eventsExecuted());
    }
}
