package io.kadring.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight real hosts on one machine ({@code deploy/testnet/testnet.sh}: network namespaces on a
 * bridge, each with its own address and one peer process): no loopback anywhere, so none of the
 * loopback exemptions apply. Needs root and {@code ip netns}; where they are missing the test is
 * skipped, unless {@code KADRING_REQUIRE_TESTNET=1} (as {@code .ci/run} sets it) makes that a
 * failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class NamespaceTestnetIT {
    private static final int HOSTS = 8;
    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** The partition test's stabilize interval: its rounds are counted, at the default (30 s) 8 rounds take 4 minutes. */
    private static final int ROUND_SECONDS = 1;
    private static final String VALUE = "across hosts";

    @TempDir
    static Path dir;
    private Path script;
    private String key;

    @BeforeAll
    void up() throws Exception {
        script = Path.of(System.getProperty("kadring.readme", "../README.md")).toAbsolutePath().getParent()
                .resolve("deploy/testnet/testnet.sh");
        boolean required = "1".equals(System.getenv("KADRING_REQUIRE_TESTNET"));
        String why = unavailable();
        if (why != null) {
            if (required) throw new AssertionError("KADRING_REQUIRE_TESTNET=1 but " + why);
            Assumptions.abort(why);
        }
        run(Duration.ofSeconds(30), "down"); // a testnet left by an earlier run that was killed
        Result up = run(Duration.ofSeconds(60), "up", Integer.toString(HOSTS));
        assertEquals(0, up.exit, up::toString);
        awaitJoined("every peer to join");
    }

    @AfterAll
    void down() throws Exception {
        if (script != null && unavailable() == null) run(Duration.ofSeconds(30), "down");
    }

    /** Why the testnet cannot run here, or null when it can. */
    private String unavailable() throws Exception {
        if (!Files.isExecutable(script)) return "no testnet script at " + script;
        Result id = exec(Duration.ofSeconds(5), List.of("id", "-u"));
        if (!id.out.strip().equals("0")) return "the testnet needs root (network namespaces)";
        Result probe = exec(Duration.ofSeconds(10), List.of("ip", "netns", "list"));
        if (probe.exit != 0) return "ip netns does not work here: " + probe.err;
        return null;
    }

    @Test
    @Order(1)
    void aRecordPutOnOneHost_isReadOnAnother() throws Exception {
        Path identity = dir.resolve("publisher.key");
        assertEquals(0, cli(3, "keygen", "--out", identity.toString()).exit);
        Result put = cli(3, "put", "--json", "--identity", identity.toString(), VALUE);
        assertEquals(0, put.exit, put::toString);
        JsonObject stored = new JsonObject(put.out);
        key = stored.getString("key");
        assertTrue(stored.getInteger("stored") >= stored.getInteger("required"), put::toString);

        Result get = cli(7, "get", "--json", key);
        assertEquals(0, get.exit, get::toString);
        JsonObject got = new JsonObject(get.out);
        assertEquals(VALUE, new String(java.util.Base64.getDecoder().decode(got.getString("value")), StandardCharsets.UTF_8));
        System.out.printf("[testnet] put through host 3: %d ms, stored by %d; get through host 7: %d ms, %d hops%n",
                stored.getLong("duration_ms"), stored.getInteger("stored"),
                got.getJsonObject("lookup").getLong("duration_ms"), got.getJsonObject("lookup").getInteger("hops"));
    }

    @Test
    @Order(2)
    void threePeersKilledWithSigkill_restartRejoinAndServeTheRecord() throws Exception {
        assertEquals(0, run(Duration.ofSeconds(10), "kill", "2,5,8").exit);
        assertEquals(VALUE, valueThrough(6), "read while three hosts are down");
        assertEquals(0, run(Duration.ofSeconds(10), "start", "2,5,8").exit);
        awaitJoined("the killed peers to rejoin");
        for (int host : new int[] {2, 5, 8}) assertEquals(VALUE, valueThrough(host), "through restarted host " + host);
    }

    @Test
    @Order(3)
    void aHalfAndHalfPartition_healsIntoOneRingWithEveryRecordReadable() throws Exception {
        // restarted with short rounds (identities, contacts and records stay in their data directories)
        assertEquals(0, run(Duration.ofSeconds(20), "kill", "1-" + HOSTS).exit);
        assertEquals(0, run(Duration.ofSeconds(20), "start", "1-" + HOSTS, "--",
                "--stabilize-interval", Integer.toString(ROUND_SECONDS)).exit);
        awaitJoined("every peer to rejoin with short rounds");
        TestPeers.await(LIMIT, "one correct ring before the partition", () -> wrongSuccessors(ids()) == 0);
        List<String> ids = ids();

        assertEquals(0, run(Duration.ofSeconds(20), "partition", "1-4", "5-" + HOSTS).exit);
        // several rounds apart: each half closes a ring of its own
        TestPeers.await(LIMIT, "each half to make a ring of its own", () -> halvesApart(ids));
        long split = System.nanoTime();
        TestPeers.await(Duration.ofSeconds(5 * ROUND_SECONDS + 5), "rounds to pass", () ->
                System.nanoTime() - split > TimeUnit.SECONDS.toNanos(3L * ROUND_SECONDS));

        assertEquals(0, run(Duration.ofSeconds(20), "heal").exit);
        long healed = System.nanoTime();
        TestPeers.await(Duration.ofSeconds(5L * ROUND_SECONDS + 3), "one correct ring within 5 rounds of the heal",
                () -> wrongSuccessors(ids()) == 0);
        double rounds = (System.nanoTime() - healed) / 1e9 / ROUND_SECONDS;
        for (int host = 1; host <= HOSTS; host++) assertEquals(VALUE, valueThrough(host), "through host " + host);
        System.out.printf("[testnet] partition 1-4 | 5-8 healed into one ring in %.1f rounds of %d s%n", rounds,
                ROUND_SECONDS);
    }

    // ---- helpers --------------------------------------------------------------

    /** Each host's node id, by host, from /status; null for a host that does not answer. */
    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Object o : status()) {
            JsonObject s = ((JsonObject) o).getJsonObject("status");
            ids.add(s == null ? null : s.getString("node_id"));
        }
        return ids;
    }

    /** Hosts whose ring successor is not the next of all the hosts' ids clockwise (or that do not answer). */
    private int wrongSuccessors(List<String> ids) {
        if (ids.contains(null)) return HOSTS;
        Map<Id, String> byId = new TreeMap<>();
        for (String id : ids) byId.put(Id.fromHex(id), id);
        List<String> ring = new ArrayList<>(byId.values());
        int wrong = 0;
        JsonArray status = status();
        for (Object o : status) {
            JsonObject s = ((JsonObject) o).getJsonObject("status");
            if (s == null) return HOSTS;
            int at = ring.indexOf(s.getString("node_id"));
            if (!ring.get((at + 1) % ring.size()).equals(s.getString("successor"))) wrong++;
        }
        return wrong;
    }

    /** Whether every host's successor is on its own side of the 1-4 | 5-8 partition. */
    private boolean halvesApart(List<String> ids) {
        JsonArray status = status();
        for (Object o : status) {
            JsonObject entry = (JsonObject) o;
            JsonObject s = entry.getJsonObject("status");
            if (s == null || s.getString("successor") == null) return false;
            boolean firstHalf = entry.getInteger("host") <= 4;
            int successorHost = ids.indexOf(s.getString("successor")) + 1;
            if (successorHost == 0 || (successorHost <= 4) != firstHalf) return false;
        }
        return true;
    }

    private void awaitJoined(String what) {
        TestPeers.await(LIMIT, what, () -> {
            JsonArray all = status();
            if (all.size() != HOSTS) return false;
            for (Object o : all) {
                JsonObject s = ((JsonObject) o).getJsonObject("status");
                if (s == null || !List.of("joined", "alone").contains(s.getString("phase"))
                        || s.getInteger("contacts") < HOSTS - 1) {
                    return false;
                }
            }
            return true;
        });
    }

    private JsonArray status() {
        try {
            Result r = run(Duration.ofSeconds(30), "status", "--json");
            return r.exit == 0 ? new JsonArray(r.out) : new JsonArray();
        } catch (IOException | RuntimeException e) {
            return new JsonArray();
        }
    }

    /** The record's value as {@code GET /records/{key}} on host {@code host} reads it through the network. */
    private String valueThrough(int host) throws IOException {
        Result r = run(Duration.ofSeconds(30), "exec", Integer.toString(host), "curl", "-s", "-m", "20",
                "http://127.0.0.1:7421/records/" + key);
        assertEquals(0, r.exit, r::toString);
        JsonObject record = new JsonObject(r.out);
        String value = record.getString("value");
        assertNotEquals(null, value, r::toString);
        return new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private Result cli(int host, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString(), "exec", Integer.toString(host),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", RealPeer.jar().toString()));
        command.addAll(List.of(args));
        return exec(LIMIT, command);
    }

    private Result run(Duration limit, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return exec(limit, command);
    }

    private Result exec(Duration limit, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("KADRING_TESTNET_DIR", dir.resolve("testnet").toString());
        pb.environment().put("KADRING_JAR", RealPeer.jar().toString());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " ran past " + limit.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err),
                command.stream().collect(Collectors.joining(" ")));
    }

    private record Result(int exit, String out, String err, String command) {
        @Override
        public String toString() {
            return command + " exited " + exit + "\nout: " + out + "\nerr: " + err;
        }
    }
}
