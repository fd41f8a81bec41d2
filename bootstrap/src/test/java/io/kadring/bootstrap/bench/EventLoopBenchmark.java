package io.kadring.bootstrap.bench;

import io.kadring.simulator.EventLoop;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The simulator's discrete-event loop: {@value #EVENTS} tasks scheduled at random delays up to
 * ten virtual seconds on a fresh {@link EventLoop}, then all run; the score is per event
 * (schedule plus run). {@code queueDepth} keeps the heap {@value #EVENTS} deep;
 * {@code chained} has each event schedule the next, as timers and deliveries do, so the heap
 * stays shallow.
 *
 * <p>Run: {@code bootstrap/benchmark.sh EventLoopBenchmark}.
 */
@State(Scope.Thread)
public class EventLoopBenchmark extends ShortNanosBenchmark {
    static final int EVENTS = 100_000;

    private long[] delays;
    private long ran;

    @Setup
    public void delays() {
        SplittableRandom random = new SplittableRandom(4);
        delays = new long[EVENTS];
        for (int i = 0; i < EVENTS; i++) delays[i] = random.nextLong(10_000);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long queueDepth() {
        EventLoop loop = new EventLoop();
        Runnable task = () -> ran++;
        for (long delay : delays) loop.schedule(delay, task);
        loop.runUntil(10_000);
        return loop.eventsExecuted();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long chained() {
        EventLoop loop = new EventLoop();
        new Chain(loop, delays).next();
        loop.runUntil(Long.MAX_VALUE - 1);
        return loop.eventsExecuted();
    }

    /** Each run schedules the next, {@code delays[i]} later, until all are used. */
    private static final class Chain {
        private final EventLoop loop;
        private final long[] delays;
        private int i;

        Chain(EventLoop loop, long[] delays) {
            this.loop = loop;
            this.delays = delays;
        }

        void next() {
            if (i < delays.length) loop.schedule(delays[i++], this::next);
        }
    }
}
