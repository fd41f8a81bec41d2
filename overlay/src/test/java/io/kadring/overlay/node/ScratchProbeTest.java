package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.*;
import org.junit.jupiter.api.Test;

final class ScratchProbeTest {
    @Test
    void probe() {
        NodeConfig config = NodeConfig.defaults();
        for (long seed : new long[] {20261122, 1, 2, 3}) {
            TestNetwork net = new TestNetwork(seed, 15);
            SplittableRandom random = new SplittableRandom(seed);
            List<TestNetwork.Member> live = new ArrayList<>();
            TestNetwork.Member first = net.node(config, TestNetwork.address(0));
            net.await(first.node().start(List.of()), 1, "s");
            live.add(first);
            for (int i = 1; i < 50; i++) {
                TestNetwork.Member m = net.node(config, TestNetwork.address(i));
                net.await(m.node().start(List.of(first.address())), 120_000, "j");
                live.add(m);
            }
            net.runFor(3 * 30_000);
            Set<InetSocketAddress> dead = new HashSet<>();
            while (dead.size() < 10) { var v = live.get(random.nextInt(live.size())); dead.add(v.address()); live.remove(v); }
            net.dropWhen((f, t) -> dead.contains(f) || dead.contains(t));
            StringBuilder sb = new StringBuilder("seed " + seed + ":");
            for (int round = 1; round <= 60; round++) {
                net.runFor(30_000);
                // count live nodes whose table holds a dead contact without failures
                int stale = 0;
                for (var m : live) for (Contact c : m.node().contacts()) if (dead.contains(c.address()) && c.failures() == 0) stale++;
                if (round % 5 == 0) sb.append(" r").append(round).append(":stale=").append(stale);
                if (round % 10 == 0 && round >= 30) {
                    SplittableRandom r2 = new SplittableRandom(round);
                    int bad = 0;
                    for (int i = 0; i < 100; i++) {
                        Id key = Id.random(r2);
                        Node from = live.get(r2.nextInt(live.size())).node();
                        var got = net.await(from.findClosest(key), 120_000, "l").contacts().stream().map(Contact::id).toList();
                        var exp = live.stream().map(m -> m.node().id()).sorted(key.byDistance()).limit(20).toList();
                        if (!got.equals(exp)) bad++;
                    }
                    sb.append(" BAD=").append(bad);
                }
            }
            System.out.println(sb);
        }
    }
}
