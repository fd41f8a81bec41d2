package io.kadring.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.node.GetResult;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.overlay.node.PutResult;
import io.kadring.routing.Id;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signed records across 64 real nodes on UDP loopback: put and get, seq order, rejections
 * with their reasons, replication after holders fail, hand-off to a closer newcomer, and
 * expiry without resurrection. Intervals are short so that durations fit a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RecordsLoopbackTest {
    private static final int NODES = 64;
    private static final int K = 20;
    private static final Duration REPLICATE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SplittableRandom random = new SplittableRandom(44);
    private final SecureRandom seeds = new SecureRandom();
    private final NodeConfig config = NodeConfig.builder()
            .stabilizeInterval(Duration.ofMillis(300))
            .replicateInterval(REPLICATE)
            // generous timeouts and retries: a 2-core CI machine running 64 nodes is slow at times,
            // and these tests assert on every holder's answer
            .rpcTimeout(Duration.ofMillis(400), Duration.ofSeconds(2))
            .rpcTimeoutInitial(Duration.ofSeconds(1))
            .rpcRetries(2)
            .maxValueBytes(900)
            .build();
    private Vertx vertx;
    private InetSocketAddress bootstrap;
    private final List<KadringNode> live = new ArrayList<>();

    @BeforeAll
    void startNetwork() throws Exception {
        vertx = Vertx.vertx();
        KadringNode first = node(Identity.generate(), List.of());
        first.start().get(10, TimeUnit.SECONDS);
        live.add(first);
        bootstrap = first.localAddress();
        List<CompletableFuture<?>> joins = new ArrayList<>();
        for (int i = 1; i < NODES; i++) {
            KadringNode n = node(Identity.generate(), List.of(bootstrap));
            live.add(n);
            joins.add(n.start());
            if (joins.size() == 9) {
                CompletableFuture.allOf(joins.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
                joins.clear();
            }
        }
        CompletableFuture.allOf(joins.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopNetwork() {
        for (KadringNode n : live) n.closeAsync().join();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private KadringNode node(Identity identity, List<InetSocketAddress> boot) {
        return KadringNode.builder().vertx(vertx).host("127.0.0.1").port(0).identity(identity)
                .bootstrap(boot).config(config).build();
    }

    private KadringNode any() {
        return live.get(random.nextInt(live.size()));
    }

    @Test
    void putOnOneNode_getOnAnother_andANewerSeqReplacesTheOlderEverywhere() throws Exception {
        Identity owner = Identity.generate();
        byte[] salt = "profile".getBytes(StandardCharsets.UTF_8);
        SignedRecord v1 = SignedRecord.sign(owner, salt, 1, bytes("first"));
        PutResult put1 = any().put(v1).get(10, TimeUnit.SECONDS);
        assertTrue(put1.succeeded(), "put of seq 1: " + put1.outcomes());
        awaitHolders(v1, K); // a STORE that timed out under load is made good by replication

        GetResult got1 = any().get(v1.key()).get(10, TimeUnit.SECONDS);
        assertEquals(1, got1.record().orElseThrow().seq());
        assertArrayEquals(bytes("first"), got1.record().orElseThrow().value());

        SignedRecord v2 = SignedRecord.sign(owner, salt, 2, bytes("second"));
        assertTrue(any().put(v2).get(10, TimeUnit.SECONDS).succeeded());
        awaitHolders(v2, K);
        for (KadringNode reader : live) {
            GetResult got = reader.get(v1.key()).get(10, TimeUnit.SECONDS);
            assertEquals(2, got.record().orElseThrow().seq(), "read at " + reader.id());
        }
        // every holder has seq 2, but for a copy of seq 1 that the first get cached on its path at a
        // node outside the k closest (the put of seq 2 does not go there): such a copy lives no longer
        // than the replicate interval, so it cannot outlast the newer record's reach
        java.util.Set<Id> holdersOfSeq2 = new java.util.HashSet<>();
        for (KadringNode n : live) {
            for (StoredRecord s : n.storedRecords().join()) {
                if (!s.key().equals(v1.key())) continue;
                if (s.record().seq() == 2) {
                    holdersOfSeq2.add(n.id());
                } else {
                    assertTrue(s.remainingLifetime(n.nowMillis()) <= REPLICATE.toMillis(),
                            "a holder kept seq 1 beyond a path cache's lifetime: " + s);
                }
            }
        }

        // rolled back: every node that holds seq 2 refuses seq 1, with the reason, and keeps seq 2
        // (a node that joined the k closest since and holds nothing may take it: it cannot know)
        assertTrue(holdersOfSeq2.size() >= K, "seq 2 is held by " + holdersOfSeq2.size());
        PutResult rollback = any().put(v1).get(10, TimeUnit.SECONDS);
        int refusedByHolders = 0;
        for (PutResult.Outcome o : rollback.outcomes()) {
            if (holdersOfSeq2.contains(o.holder().id())) {
                assertEquals(java.util.Optional.of(RejectReason.SEQ_TOO_LOW), o.reason(), o.toString());
                refusedByHolders++;
            }
        }
        assertTrue(refusedByHolders >= K - 2, "holders asked: " + refusedByHolders + " of " + rollback.outcomes());
        for (KadringNode n : live) {
            if (!holdersOfSeq2.contains(n.id())) continue;
            for (StoredRecord s : n.storedRecords().join()) {
                if (s.key().equals(v1.key())) assertEquals(2, s.record().seq(), n.id() + " rolled back");
            }
        }
    }

    @Test
    void forgedAndOversizedRecords_areRejectedByEveryHolder_withTheirReason() throws Exception {
        Identity owner = Identity.generate();
        SignedRecord good = SignedRecord.sign(owner, new byte[0], 7, bytes("genuine"));
        byte[] signature = good.signature();
        signature[10] ^= 1;
        SignedRecord forged = new SignedRecord(good.publicKey(), good.salt(), 7, good.value(), signature);
        PutResult forgedPut = any().put(forged).get(10, TimeUnit.SECONDS);
        assertEquals(Map.of(RejectReason.BAD_SIGNATURE, K), forgedPut.rejections());
        assertTrue(any().get(good.key()).get(10, TimeUnit.SECONDS).record().isEmpty());

        // the network is configured to take values up to 900 bytes
        SignedRecord big = SignedRecord.sign(owner, bytes("big"), 1, new byte[950]);
        PutResult bigPut = any().put(big).get(10, TimeUnit.SECONDS);
        assertEquals(Map.of(RejectReason.TOO_LARGE, K), bigPut.rejections());
    }

    @Test
    void afterHalfTheHoldersFail_theRecordIsStillThere_andReplicationRestoresTwentyHolders() throws Exception {
        SignedRecord record = SignedRecord.sign(Identity.generate(), bytes("durable"), 1, bytes("still here"));
        KadringNode writer = any();
        assertTrue(writer.put(record).get(10, TimeUnit.SECONDS).succeeded());
        awaitHolders(record, K);
        List<KadringNode> holders = live.stream().filter(n -> holds(n, record.key()))
                .filter(n -> n != writer && n != live.get(0)).collect(Collectors.toList());
        for (KadringNode victim : holders.subList(0, 10)) {
            live.remove(victim);
            victim.closeAsync().get(10, TimeUnit.SECONDS);
        }
        GetResult now = any().get(record.key()).get(10, TimeUnit.SECONDS);
        assertArrayEquals(bytes("still here"), now.record().orElseThrow().value(), "retrievable at once");
        Await.until(WAIT, "20 live holders of the record again",
                () -> holdings(record.key()).size() >= K);
    }

    @Test
    void aNodeThatJoinsCloserToAKey_receivesTheRecordWithoutAPut() throws Exception {
        SignedRecord record = SignedRecord.sign(Identity.generate(), bytes("handoff"), 1, bytes("for the newcomer"));
        assertTrue(any().put(record).get(10, TimeUnit.SECONDS).succeeded());
        Id key = record.key();
        Id closestNow = live.stream().map(KadringNode::id).min(key.byDistance()).orElseThrow();
        Identity closer;
        do {
            closer = Identity.generate(seeds);
        } while (key.compareDistance(Id.fromPublicKey(closer.publicKey()), closestNow) >= 0);
        KadringNode newcomer = node(closer, List.of(bootstrap));
        live.add(newcomer);
        newcomer.start().get(30, TimeUnit.SECONDS);
        Await.until(WAIT, "the newcomer to hold the record", () -> holds(newcomer, key));
    }

    @Test
    void aRecordNotRefreshedByItsOwner_isGoneEverywhereAfterItsLifetime_andStaysGone() throws Exception {
        SignedRecord record = SignedRecord.sign(Identity.generate(), bytes("ephemeral"), 1, bytes("short-lived"));
        Duration lifetime = Duration.ofSeconds(4);
        assertTrue(any().put(record, lifetime).get(10, TimeUnit.SECONDS).succeeded());
        Await.until(WAIT, "no node to hold the record", () -> holdings(record.key()).isEmpty());
        // two more replicate rounds: nobody resurrects it
        long until = System.nanoTime() + 2 * REPLICATE.toNanos();
        Await.until(WAIT, "two replicate intervals to pass with the record gone everywhere", () -> {
            assertTrue(holdings(record.key()).isEmpty(), "a replica came back");
            return System.nanoTime() > until;
        });
        assertTrue(any().get(record.key()).get(10, TimeUnit.SECONDS).record().isEmpty());
    }

    @Test
    void putsAndGets_reportTheirLatencyAndMessages() throws Exception {
        int rounds = 20;
        long[] putMicros = new long[rounds];
        long[] getMicros = new long[rounds];
        int putMessages = 0;
        int getMessages = 0;
        for (int i = 0; i < rounds; i++) {
            SignedRecord r = SignedRecord.sign(Identity.generate(), bytes("m" + i), 1, bytes("value " + i));
            long t0 = System.nanoTime();
            PutResult put = any().put(r).get(10, TimeUnit.SECONDS);
            putMicros[i] = (System.nanoTime() - t0) / 1000;
            assertTrue(put.succeeded(), put.outcomes().toString());
            putMessages += put.messages();
            long t1 = System.nanoTime();
            GetResult got = any().get(r.key()).get(10, TimeUnit.SECONDS);
            getMicros[i] = (System.nanoTime() - t1) / 1000;
            assertArrayEquals(bytes("value " + i), got.record().orElseThrow().value());
            getMessages += got.messages();
        }
        java.util.Arrays.sort(putMicros);
        java.util.Arrays.sort(getMicros);
        System.out.printf("[records, %d nodes on loopback] put p50 %.1f ms max %.1f ms, %.1f messages/put;"
                        + " get p50 %.1f ms max %.1f ms, %.1f messages/get%n", live.size(),
                putMicros[rounds / 2] / 1000.0, putMicros[rounds - 1] / 1000.0, putMessages / (double) rounds,
                getMicros[rounds / 2] / 1000.0, getMicros[rounds - 1] / 1000.0, getMessages / (double) rounds);
    }

    private List<StoredRecord> holdings(Id key) {
        List<StoredRecord> out = new ArrayList<>();
        for (KadringNode n : live) {
            n.storedRecords().join().stream().filter(s -> s.key().equals(key)).forEach(out::add);
        }
        return out;
    }

    /** Waits until {@code n} live nodes hold {@code record}'s seq (or a newer one). */
    private void awaitHolders(SignedRecord record, int n) {
        Await.until(WAIT, n + " holders of seq " + record.seq(), () -> holdings(record.key()).stream()
                .filter(s -> s.record().seq() >= record.seq()).count() >= n);
    }

    private static boolean holds(KadringNode n, Id key) {
        return n.storedRecords().join().stream().anyMatch(s -> s.key().equals(key));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
