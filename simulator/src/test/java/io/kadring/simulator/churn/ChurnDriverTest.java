package io.kadring.simulator.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.simulator.EventLoop;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ChurnDriverTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final EventLoop loop = new EventLoop();

    /** Dummy nodes: numbers, with the set of those up as the ground truth. */
    private static final class Dummies implements ChurnDriver.Population<Integer> {
        final Set<Integer> up = new HashSet<>();
        int spawned;
        int killed;

        @Override
        public Integer spawn() {
            Integer node = spawned++;
            up.add(node);
            return node;
        }

        @Override
        public void kill(Integer node) {
            assertTrue(up.remove(node), () -> node + " killed twice or never spawned");
            killed++;
        }
    }

    private final Dummies dummies = new Dummies();

    private ChurnDriver<Integer> driver(int target, SessionTime sessions) {
        return new ChurnDriver<>(loop, new SplittableRandom(17), target, sessions, dummies);
    }

    /** A driver that has populated the network and started its churn. */
    private ChurnDriver<Integer> running(int target, SessionTime sessions) {
        ChurnDriver<Integer> driver = driver(target, sessions);
        driver.populate();
        driver.start();
        return driver;
    }

    /** Mean number of live nodes sampled once a minute over [from, until). */
    private double meanLive(ChurnDriver<Integer> driver, long from, long until) {
        long total = 0;
        int samples = 0;
        for (long t = from; t < until; t += MINUTE) {
            loop.runUntil(t);
            assertEquals(dummies.up.size(), driver.liveCount());
            total += driver.liveCount();
            samples++;
        }
        return (double) total / samples;
    }

    @Test
    void exponentialChurn_keepsTheLivePopulationNearTheTarget() {
        ChurnDriver<Integer> driver = running(1000, SessionTime.exponential(HOUR));

        double mean = meanLive(driver, 0, 6 * HOUR);

        assertTrue(Math.abs(mean - 1000) < 100, () -> "mean live " + mean);
        // about N·(6 h / 1 h) arrivals and as many departures
        ChurnDriver.Counts counts = driver.counts();
        assertTrue(Math.abs(counts.arrivals() - 6000) < 600, () -> counts.arrivals() + " arrivals");
        assertTrue(Math.abs(counts.departures() - 6000) < 600, () -> counts.departures() + " departures");
        assertEquals(dummies.killed, counts.departures());
    }

    @Test
    void heavyTailedWeibullChurn_isInSteadyStateFromTheStart() {
        ChurnDriver<Integer> driver = running(1000, SessionTime.weibull(0.5, 30 * MINUTE));

        double firstHour = meanLive(driver, 0, HOUR);
        double later = meanLive(driver, HOUR, 6 * HOUR);

        assertTrue(Math.abs(firstHour - 1000) < 100, () -> "mean live in the first hour " + firstHour);
        assertTrue(Math.abs(later - 1000) < 100, () -> "mean live later " + later);
    }

    @Test
    void massFailure_killsExactlyTheFloorOfTheFraction_andArrivalsRefillThePopulation() {
        ChurnDriver<Integer> driver = running(1000, SessionTime.exponential(HOUR));
        driver.schedule(new MassFailure(HOUR, 0.5));

        loop.runUntil(HOUR - 1);
        int before = driver.liveCount();
        ChurnDriver.Counts countsBefore = driver.counts();
        loop.runUntil(HOUR);
        ChurnDriver.Counts counts = driver.counts();
        int arrivedAtTheSameMs = (int) (counts.arrivals() - countsBefore.arrivals());
        int leftAtTheSameMs = (int) (counts.departures() - countsBefore.departures());

        assertEquals(before / 2, counts.failures(), "half of those up when it struck");
        assertEquals(before - before / 2 + arrivedAtTheSameMs - leftAtTheSameMs, driver.liveCount());
        assertEquals(dummies.up, Set.copyOf(driver.live()));

        double recovered = meanLive(driver, 5 * HOUR, 7 * HOUR);
        assertTrue(Math.abs(recovered - 1000) < 100, () -> "mean live after recovery " + recovered);
    }

    @Test
    void stop_endsArrivalsAndDepartures_andLeavesTheLiveNodesUp() {
        ChurnDriver<Integer> driver = running(100, SessionTime.exponential(HOUR));
        loop.runUntil(HOUR);
        List<Integer> live = driver.live();

        driver.stop();
        loop.runUntil(10 * HOUR);

        assertEquals(live, driver.live());
        assertEquals(Set.copyOf(live), dummies.up);
    }

    @Test
    void adoptedAndRemovedNodes_areTrackedWithoutKillingTwice() {
        ChurnDriver<Integer> driver = driver(10, SessionTime.exponential(MINUTE));
        Integer node = dummies.spawn();
        driver.adopt(node);
        driver.remove(node);
        dummies.kill(node);

        loop.runUntil(HOUR);

        assertFalse(driver.live().contains(node));
        assertEquals(0, driver.liveCount());
    }

    @Test
    void theSameSeed_givesTheSameChurn() {
        ChurnDriver<Integer> first = running(200, SessionTime.weibull(0.7, HOUR));
        loop.runUntil(3 * HOUR);

        EventLoop otherLoop = new EventLoop();
        Dummies others = new Dummies();
        ChurnDriver<Integer> second = new ChurnDriver<>(otherLoop, new SplittableRandom(17), 200,
                SessionTime.weibull(0.7, HOUR), others);
        second.populate();
        second.start();
        otherLoop.runUntil(3 * HOUR);

        assertEquals(first.live(), second.live());
        assertEquals(loop.eventsExecuted(), otherLoop.eventsExecuted());
    }
}
