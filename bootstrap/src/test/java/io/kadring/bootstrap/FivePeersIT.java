package io.kadring.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.state.SavedRecords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real peer processes ({@code java -jar target/kadring.jar peer}) with default settings
 * (bound to every interface; only the ports are left to the OS), each with its own data
 * directory; records stored and read with the CLI, also as real processes. Runs in the
 * integration-test phase, after the jar is built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class FivePeersIT {
    private static final int PEERS = 5;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration CLI_LIMIT = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String VALUE = "records survive a crash: ünïcode too";

    private final List<Peer> peers = new ArrayList<>();
    private Path dir;
    private Path identity;
    private String key;

    /** One peer: its data directory, and the process while it runs. */
    private final class Peer {
        final String name;
        final Path dataDir;
        RealPeer process;
        int udpPort;
        String id;

        Peer(String name) {
            this.name = name;
            this.dataDir = dir.resolve(name);
        }

        void start(String... extra) {
            List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
                    "--port", udpPort == 0 ? "0" : Integer.toString(udpPort)));
            args.addAll(List.of(extra));
            process = RealPeer.start(dir.resolve(name + ".log"), args.toArray(new String[0]));
            udpPort = process.udpPort(START_LIMIT);
        }

        String admin() {
            return "127.0.0.1:" + process.awaitAdminPort(START_LIMIT);
        }

        Optional<JsonObject> status() {
            return process.status();
        }
    }

    @BeforeAll
    void startFivePeers(@TempDir Path dir) {
        this.dir = dir;
        for (int i = 0; i < PEERS; i++) peers.add(new Peer("peer" + i));
        Peer first = peers.get(0);
        first.start();
        first.process.awaitPhase(START_LIMIT, "alone");
        assertTrue(first.process.logText().contains("started a new network"), first.process.logText());
        String through = "127.0.0.1:" + first.udpPort;
        for (Peer p : peers.subList(1, PEERS)) p.start("--bootstrap", through);
        for (Peer p : peers) {
            p.process.awaitPhase(START_LIMIT, "joined", "alone");
            p.id = p.status().orElseThrow().getString("node_id");
        }
        for (Peer p : peers) {
            p.process.await(SETTLE, p.name + " to know the four others",
                    () -> p.status().map(s -> s.getInteger("contacts") == PEERS - 1).orElse(false));
        }
        identity = dir.resolve("owner.key");
        TestPeers.Run keygen = cli("keygen", "--out", identity.toString());
        assertEquals(0, keygen.exitCode(), keygen.err());
    }

    @AfterAll
    void stopAll() {
        for (Peer p : peers) {
            if (p.process != null) p.process.stop();
        }
    }

    private TestPeers.Run cli(String... args) {
        return RealPeer.cli(dir, CLI_LIMIT, args);
    }

    @Test
    @Order(1)
    void aRecordPutThroughOnePeer_isFoundThroughAnother() {
        long start = System.nanoTime();
        TestPeers.Run put = cli("put", "--admin", peers.get(1).admin(), "--identity", identity.toString(), "--salt", "it",
                VALUE);
        long putMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, put.exitCode(), put.err());
        assertTrue(put.out().matches("[0-9a-f]{64}\n"), put.out());
        key = put.out().strip();
        Matcher stored = Pattern.compile("stored by (\\d+) of (\\d+) holders").matcher(put.err());
        assertTrue(stored.find(), put.err());
        assertEquals(PEERS, Integer.parseInt(stored.group(1)), put.err());

        start = System.nanoTime();
        TestPeers.Run get = cli("get", "--admin", peers.get(3).admin(), key);
        long getMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, get.exitCode(), get.err());
        assertEquals(VALUE, get.out());
        System.out.printf("five peers: put %d ms, get %d ms (whole CLI processes)%n", putMillis, getMillis);
    }

    @Test
    @Order(2)
    void metrics_ofARunningPeer_haveKadringSeries() {
        var metrics = peers.get(2).process.get("/metrics").orElseThrow();
        assertEquals(200, metrics.statusCode());
        for (String series : List.of("kadring_rpc_sent_total", "kadring_routing_contacts", "kadring_records_held",
                "kadring_received_bytes_total", "kadring_sent_bytes_total", "kadring_operations_total", "kadring_rpc_rtt_seconds_bucket", "jvm_memory_used_bytes")) {
            assertTrue(metrics.body().contains("\n" + series), "no " + series + " in /metrics");
        }
    }

    @Test
    @Order(3)
    void aHolderKilledWithSigkill_leavesTheRecordFindable_andComesBackWithItsRecordsAndContacts() {
        assertTrue(key != null, "the put test runs first");
        Peer victim = peers.get(2);
        victim.process.await(SETTLE, "the victim to have the record on disk and contacts saved",
                () -> onDisk(victim).contains(key) && Files.exists(victim.dataDir.resolve("contacts")));

        victim.process.kill(); // SIGKILL: no shutdown hook, no save at exit

        TestPeers.Run get = cli("get", "--admin", peers.get(4).admin(), key);
        assertEquals(0, get.exitCode(), get.err());
        assertEquals(VALUE, get.out());

        victim.start(); // same port, no --bootstrap: it rejoins through its saved contacts alone
        RealPeer restarted = victim.process;
        restarted.awaitPhase(START_LIMIT, "joined");
        restarted.await(SETTLE, "the restarted peer to log the records it restored",
                () -> restarted.logText().contains("restored 1 saved record"));
        assertTrue(restarted.logText().contains("read 1 saved record from"), restarted.logText());
        assertTrue(restarted.logText().contains("rejoining through"), restarted.logText());
        JsonObject status = victim.status().orElseThrow();
        assertEquals(victim.id, status.getString("node_id"), "same identity from the data directory");
        assertTrue(status.getInteger("records") >= 1, status.encode());
        JsonObject held = new JsonObject(restarted.get("/records").orElseThrow().body());
        assertTrue(held.getJsonArray("records").stream().map(JsonObject.class::cast)
                .anyMatch(r -> r.getString("key").equals(key)), held.encode());
        restarted.await(SETTLE, "the restarted peer to know the others again",
                () -> new JsonArray(restarted.get("/contacts").orElseThrow().body()).size() == PEERS - 1);

        TestPeers.Run again = cli("get", "--admin", victim.admin(), key);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(VALUE, again.out());
    }

    /** The keys in the peer's records store as a restart would read them now (from a copy of the file). */
    private Set<String> onDisk(Peer peer) {
        try {
            Path copy = Files.createTempFile(dir, "copy-", ".mv");
            Files.copy(peer.dataDir.resolve("records.mv"), copy, StandardCopyOption.REPLACE_EXISTING);
            try (SavedRecords store = SavedRecords.open(copy)) {
                return store.load(System.currentTimeMillis()).records().stream()
                        .map(s -> s.record().key().toHex()).collect(Collectors.toSet());
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            return Set.of();
        }
    }
}
