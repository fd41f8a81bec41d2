package io.kadring.bootstrap.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.node.ReplicaReport;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The periodic replica check: spread over the interval, counted in the gauge, expired records let go. */
final class ReplicaWatchTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();
    private final Map<Id, Integer> holding = new HashMap<>();
    private final List<Id> checked = new ArrayList<>();
    private long now = 1_000;
    private final ReplicaWatch watch = new ReplicaWatch(this::check, (delay, task) -> {
        delays.add(delay);
        due.add(task);
    }, () -> now, registry);
    private final SplittableRandom random = new SplittableRandom(3);

    private CompletableFuture<ReplicaReport> check(Id key) {
        checked.add(key);
        List<ReplicaReport.Replica> closest = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Contact c = Contact.seen(Id.random(random), new InetSocketAddress("45.0.0." + (i + 1), 4000), 0);
            closest.add(new ReplicaReport.Replica(c, i < holding.getOrDefault(key, 20)
                    ? ReplicaReport.State.HOLDS : ReplicaReport.State.NONE, i < holding.getOrDefault(key, 20) ? 1 : -1));
        }
        return CompletableFuture.completedFuture(new ReplicaReport(key, closest, 11, 40, 100));
    }

    private double gauge() {
        return registry.get("kadring.records.under.replicated").gauge().value();
    }

    private void runDue() {
        List<Runnable> now = new ArrayList<>(due);
        due.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void theGauge_startsAt0_andCountsTheRecordsBelowQuorum() {
        assertEquals(0, gauge(), "registered at start with 0");
        Id healthy = Id.random(random);
        Id thin = Id.random(random);
        holding.put(thin, 4);
        watch.watch(healthy, now + 3_600_000);
        watch.watch(thin, now + 3_600_000);
        watch.round();
        runDue();
        assertEquals(List.of(healthy, thin), checked);
        assertEquals(1, gauge());

        holding.put(thin, 15); // repaired: the next round says so
        watch.round();
        runDue();
        assertEquals(0, gauge());
    }

    @Test
    void checks_areSpreadOverTheInterval_notAllAtOnce() {
        for (int i = 0; i < 50; i++) watch.watch(Id.random(random), now + 3_600_000);
        watch.round();
        assertEquals(50, delays.size());
        long interval = ReplicaWatch.INTERVAL.toMillis();
        for (int i = 0; i < delays.size(); i++) {
            assertEquals(i * (interval / 50), delays.get(i), "evenly spaced");
        }
        assertTrue(delays.get(49) < interval);
        assertTrue(checked.isEmpty(), "nothing checked before its moment");
    }

    @Test
    void expiredRecords_areNoLongerChecked_norCounted() {
        Id thin = Id.random(random);
        holding.put(thin, 2);
        watch.watch(thin, now + 60_000);
        watch.round();
        runDue();
        assertEquals(1, gauge());
        now += 60_000;
        checked.clear();
        watch.round();
        runDue();
        assertEquals(List.of(), checked);
        assertEquals(0, watch.watching());
        assertEquals(0, gauge());
    }
}
