package io.kadring.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: real peer processes with default settings (only the ports are
 * left to the OS), killed with SIGKILL, restarted, and asked for what they acknowledged.
 */
final class CrashIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int CYCLES = 16; // 4 of them while starting; about 2.5 s each (a JVM start)

    @TempDir
    Path dir;

    private final List<RealPeer> peers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stopAll() {
        peers.forEach(RealPeer::stop);
    }

    private RealPeer peer(String name, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve(name).toString()));
        all.addAll(List.of(args));
        RealPeer peer = RealPeer.start(dir.resolve(name + "-" + peers.size() + ".log"), all.toArray(new String[0]));
        peers.add(peer);
        return peer;
    }

    private static Set<String> heldKeys(RealPeer peer) {
        return peer.get("/records").filter(r -> r.statusCode() == 200).map(r -> {
            Set<String> keys = new HashSet<>();
            new JsonObject(r.body()).getJsonArray("records").forEach(o -> keys.add(((JsonObject) o).getString("key")));
            return keys;
        }).orElse(Set.of());
    }

    @Test
    void aPeerKilledOneSecondAfterAnAcknowledgedPut_hasTheRecordAfterARestart_andRejoinsThroughSavedContacts() {
        RealPeer first = peer("a", "--port", "0");
        first.awaitPhase(LIMIT, "alone");
        int firstPort = first.udpPort(LIMIT);
        RealPeer victim = peer("b", "--port", "0", "--bootstrap", "127.0.0.1:" + firstPort);
        victim.awaitPhase(LIMIT, "joined");
        int victimPort = victim.udpPort(LIMIT);
        int victimAdmin = victim.awaitAdminPort(LIMIT);

        Path key = dir.resolve("me.key");
        TestPeers.Run keygen = RealPeer.cli(dir, LIMIT, "keygen", "--out", key.toString());
        assertEquals(0, keygen.exitCode(), keygen.err());
        TestPeers.Run put = RealPeer.cli(dir, LIMIT, "put", "--admin", "127.0.0.1:" + victimAdmin, "--identity",
                key.toString(), "durable before the answer");
        assertEquals(0, put.exitCode(), put.err());
        String recordKey = put.out().strip();

        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // the scenario: a crash one second later
        victim.kill();

        RealPeer restarted = peer("b", "--port", Integer.toString(victimPort)); // no --bootstrap
        restarted.awaitPhase(LIMIT, "joined");
        restarted.await(LIMIT, "the record back in /records", () -> heldKeys(restarted).contains(recordKey));
        String log = restarted.logText();
        assertTrue(log.contains("rejoining through 1 saved contact"), log);
        assertFalse(log.contains("started a new network"), log);
    }

    @Test
    void killedAtRandomMoments_aPeerLosesNoAcknowledgedRecord() throws Exception {
        SplittableRandom random = new SplittableRandom(20261202);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int verified = 0;
        int duringStart = 0;
        long start = System.nanoTime();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            RealPeer peer = peer("solo", "--port", "0");
            if (cycle % 4 == 3) {
                // a kill while it starts: reading the store, restoring, binding
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(300, 1_500)));
                peer.kill();
                duringStart++;
                continue;
            }
            peer.awaitPhase(LIMIT, "alone");
            peer.await(LIMIT, "every acknowledged record back (" + acknowledged.size() + ")",
                    () -> heldKeys(peer).containsAll(acknowledged));
            verified++;
            int admin = peer.awaitAdminPort(LIMIT);
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(50, 1_200));
            Identity publisher = Identity.generate();
            Thread writer = new Thread(() -> {
                for (int i = 0; System.nanoTime() < killAt + TimeUnit.SECONDS.toNanos(2); i++) {
                    SignedRecord record = SignedRecord.sign(publisher, ("r" + i).getBytes(StandardCharsets.UTF_8), 1,
                            ("value " + i).getBytes(StandardCharsets.UTF_8));
                    if (!post(admin, record)) return; // refused or gone: the kill came
                    acknowledged.add(record.key().toHex());
                }
            });
            writer.start();
            LockSupport.parkNanos(Math.max(0, killAt - System.nanoTime()));
            peer.kill();
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        RealPeer last = peer("solo", "--port", "0");
        last.awaitPhase(LIMIT, "alone");
        last.await(LIMIT, "every acknowledged record back", () -> heldKeys(last).containsAll(acknowledged));
        System.out.printf("[crash loop] %d kills (%d while starting), %d acknowledged records, none lost; %d s%n",
                CYCLES, duringStart, acknowledged.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        assertTrue(acknowledged.size() > CYCLES, "writes were acknowledged: " + acknowledged.size());
        assertTrue(verified > 0);
    }

    /** POSTs the record; true only for a 200 (an acknowledgement). */
    private boolean post(int admin, SignedRecord record) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/records"))
                    .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.compact(RecordJson.toJson(record)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
