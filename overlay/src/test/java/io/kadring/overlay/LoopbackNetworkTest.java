package io.kadring.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kadring.overlay.node.LookupOutcome;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * 64 real nodes on UDP loopback in one JVM: they join through one bootstrap node, their
 * lookups are exact, and after 16 of them stop abruptly the survivors' lookups are exact
 * again and every ring is repaired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class LoopbackNetworkTest {
    private static final int NODES = 64;
    private static final int KILLED = 16;
    private static final int K = 20;
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private final SplittableRandom random = new SplittableRandom(20261122);
    private final NodeConfig config = NodeConfig.builder()
            .stabilizeInterval(Duration.ofMillis(300))
            // generous timeouts and retries: a 2-core CI machine running 64 nodes is slow at times,
            // and these tests assert on every holder's answer
            .rpcTimeout(Duration.ofMillis(400), Duration.ofSeconds(2))
            .rpcTimeoutInitial(Duration.ofSeconds(1))
            .rpcRetries(2)
            .build();
    private Vertx vertx;
    private final List<KadringNode> live = new ArrayList<>();

    @BeforeAll
    void startNetwork() throws Exception {
        vertx = Vertx.vertx();
        KadringNode first = node(List.of());
        first.start().get(10, TimeUnit.SECONDS);
        live.add(first);
        InetSocketAddress bootstrap = first.localAddress();
        for (int batch = 1; batch < NODES; batch += 9) {
            List<CompletableFuture<?>> joins = new ArrayList<>();
            for (int i = batch; i < Math.min(NODES, batch + 9); i++) {
                KadringNode n = node(List.of(bootstrap));
                live.add(n);
                joins.add(n.start());
            }
            CompletableFuture.allOf(joins.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stopNetwork() {
        for (KadringNode n : live) n.closeAsync().join();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private KadringNode node(List<InetSocketAddress> bootstrap) {
        return KadringNode.builder().vertx(vertx).host("127.0.0.1").port(0)
                .bootstrap(bootstrap).config(config).build();
    }

    @Test
    @Order(1)
    void lookups_areExactAfterJoining() throws Exception {
        Await.until(CONVERGE, "every node's successor to be the true next node", this::ringsAreTrue);
        checkLookups("after join", 200);
    }

    @Test
    @Order(2)
    void survivors_repairRingsAndLookups_afterAbruptFailures() throws Exception {
        List<KadringNode> victims = new ArrayList<>();
        while (victims.size() < KILLED) {
            KadringNode v = live.get(1 + random.nextInt(live.size() - 1)); // keep the bootstrap
            if (!victims.contains(v)) victims.add(v);
        }
        for (KadringNode v : victims) {
            live.remove(v);
            v.closeAsync().get(10, TimeUnit.SECONDS); // no goodbye: the socket just goes away
        }
        Await.until(CONVERGE, "every survivor's successor to be the true next live node", this::ringsAreTrue);
        // lookups that meet a dead contact time it out and the survivors' liveness checks
        // drop the dead from their tables; wait until a batch of lookups is exact again
        Await.until(CONVERGE, "20 lookups in a row to be exact", () -> exactLookups(20));
        checkLookups("after " + KILLED + " failures", 200);
    }

    private void checkLookups(String when, int keys) throws Exception {
        List<Integer> xorHops = new ArrayList<>();
        List<Integer> succHops = new ArrayList<>();
        List<Long> xorMillis = new ArrayList<>();
        List<Long> succMillis = new ArrayList<>();
        int messages = 0;
        for (int i = 0; i < keys; i++) {
            Id key = Id.random(random);
            KadringNode from = live.get(random.nextInt(live.size()));
            long t0 = System.nanoTime();
            LookupOutcome closest = from.findClosest(key).get(10, TimeUnit.SECONDS);
            xorMillis.add((System.nanoTime() - t0) / 1_000);
            long t1 = System.nanoTime();
            LookupOutcome successor = from.findSuccessor(key).get(10, TimeUnit.SECONDS);
            succMillis.add((System.nanoTime() - t1) / 1_000);
            assertEquals(trueClosest(key), ids(closest.contacts()), "closest to " + key.toHex() + " " + when);
            assertEquals(List.of(trueSuccessor(key)), ids(successor.contacts()),
                    "successor of " + key.toHex() + " " + when);
            xorHops.add(closest.hops());
            succHops.add(successor.hops());
            messages += closest.messages();
        }
        System.out.printf("[loopback %d nodes, %s] findClosest hops mean %.2f max %d, latency p50 %.2f ms p99 %.2f ms;"
                        + " findSuccessor hops mean %.2f max %d, latency p50 %.2f ms p99 %.2f ms; %.1f messages/lookup%n",
                live.size(), when, mean(xorHops), max(xorHops), pct(xorMillis, 50), pct(xorMillis, 99),
                mean(succHops), max(succHops), pct(succMillis, 50), pct(succMillis, 99), messages / (double) keys);
    }

    private boolean exactLookups(int keys) {
        for (int i = 0; i < keys; i++) {
            Id key = Id.random(random);
            KadringNode from = live.get(random.nextInt(live.size()));
            List<Contact> closest = from.findClosest(key).join().contacts();
            List<Contact> successor = from.findSuccessor(key).join().contacts();
            if (!ids(closest).equals(trueClosest(key)) || !ids(successor).equals(List.of(trueSuccessor(key)))) {
                return false;
            }
        }
        return true;
    }

    private boolean ringsAreTrue() {
        List<Id> sorted = live.stream().map(KadringNode::id).sorted().collect(Collectors.toList());
        for (KadringNode n : live) {
            Optional<Contact> succ = n.successor().join();
            int i = sorted.indexOf(n.id());
            Id expected = sorted.get((i + 1) % sorted.size());
            if (succ.isEmpty() || !succ.get().id().equals(expected)) return false;
        }
        return true;
    }

    private List<Id> trueClosest(Id key) {
        return live.stream().map(KadringNode::id).sorted(key.byDistance()).limit(K).collect(Collectors.toList());
    }

    private Id trueSuccessor(Id key) {
        return live.stream().map(KadringNode::id).min(Comparator.comparing(key::clockwiseTo)).orElseThrow();
    }

    private static List<Id> ids(List<Contact> contacts) {
        return contacts.stream().map(Contact::id).collect(Collectors.toList());
    }

    private static double mean(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    private static int max(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static double pct(List<Long> micros, int p) {
        List<Long> s = new ArrayList<>(micros);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1)) / 1000.0;
    }
}
