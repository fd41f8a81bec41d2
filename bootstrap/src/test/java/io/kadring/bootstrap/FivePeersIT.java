package io.kadring.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real peer processes ({@code java -jar target/kadring.jar peer}) on loopback, each with
 * its own data directory and ports; records stored and read with the CLI, also as real
 * processes. Runs in the integration-test phase, after the jar is built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class FivePeersIT {
    private static final int PEERS = 5;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration CLI_LIMIT = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String VALUE = "records survive a crash: ünïcode too";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Peer> peers = new ArrayList<>();
    private Path jar;
    private Path dir;
    private Path identity;
    private String key;

    /** One peer process: its ports, data directory and log file, and the process while it runs. */
    private final class Peer {
        final String name;
        final int udpPort;
        final int adminPort;
        final Path dataDir;
        final Path log;
        Process process;
        String id;

        Peer(String name, int udpPort, int adminPort) {
            this.name = name;
            this.udpPort = udpPort;
            this.adminPort = adminPort;
            this.dataDir = dir.resolve(name);
            this.log = dir.resolve(name + ".log");
        }

        String admin() {
            return "127.0.0.1:" + adminPort;
        }

        void start(String... bootstrap) throws IOException {
            List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "peer",
                    "--host", "127.0.0.1", "--port", Integer.toString(udpPort),
                    "--admin-port", Integer.toString(adminPort), "--data-dir", dataDir.toString(),
                    "--save-interval", "1"));
            if (bootstrap.length > 0) command.addAll(List.of("--bootstrap", String.join(",", bootstrap)));
            Files.deleteIfExists(log);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }

        String logText() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "";
            }
        }

        /** The status JSON, or empty while the admin API does not answer. */
        Optional<JsonObject> status() {
            return getJson(adminPort, "/status").filter(r -> r.status == 200).map(r -> new JsonObject(r.body));
        }

        void awaitPhase(String... phases) {
            awaitTrue(START_LIMIT, name + " to be in phase " + String.join(" or ", phases), () -> {
                assertAlive();
                return status().map(s -> List.of(phases).contains(s.getString("phase"))).orElse(false);
            });
        }

        void assertAlive() {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; its log:\n" + logText());
            }
        }

        void stop() {
            if (process == null) return;
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private record HttpAnswer(int status, String body) {}

    /** What one CLI process did. */
    private record Cli(int exitCode, String out, String err, long millis) {}

    @BeforeAll
    void startFivePeers(@TempDir Path dir) throws Exception {
        this.dir = dir;
        String built = System.getProperty("kadring.jar", "target/kadring.jar");
        jar = Path.of(built).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no runnable jar at " + jar + "; run `mvn verify` (package makes it)");
        List<Integer> ports = freePorts(2 * PEERS);
        for (int i = 0; i < PEERS; i++) {
            peers.add(new Peer("peer" + i, ports.get(2 * i), ports.get(2 * i + 1)));
        }
        Peer first = peers.get(0);
        first.start();
        awaitTrue(START_LIMIT, "the first peer to start a new network",
                () -> first.logText().contains("started a new network"));
        first.awaitPhase("alone");
        String through = "127.0.0.1:" + first.udpPort;
        for (Peer p : peers.subList(1, PEERS)) p.start(through);
        for (Peer p : peers) {
            p.awaitPhase("joined", "alone");
            p.id = p.status().orElseThrow().getString("node_id");
        }
        awaitTrue(SETTLE, "every peer to know the four others", () -> peers.stream()
                .allMatch(p -> p.status().map(s -> s.getInteger("contacts") == PEERS - 1).orElse(false)));
        identity = dir.resolve("owner.key");
        Cli keygen = cli("keygen", "--out", identity.toString());
        assertEquals(0, keygen.exitCode(), keygen.err());
    }

    @AfterAll
    void stopAll() {
        for (Peer p : peers) p.stop();
    }

    @Test
    @Order(1)
    void aRecordPutThroughOnePeer_isFoundThroughAnother() {
        Cli put = cli("put", "--admin", peers.get(1).admin(), "--identity", identity.toString(), "--salt", "it", VALUE);
        assertEquals(0, put.exitCode(), put.err());
        assertTrue(put.out().matches("[0-9a-f]{64}\n"), put.out());
        key = put.out().strip();
        Matcher stored = Pattern.compile("stored by (\\d+) of (\\d+) holders").matcher(put.err());
        assertTrue(stored.find(), put.err());
        assertEquals(PEERS, Integer.parseInt(stored.group(1)), put.err());

        Cli get = cli("get", "--admin", peers.get(3).admin(), key);
        assertEquals(0, get.exitCode(), get.err());
        assertEquals(VALUE, get.out());
        System.out.printf("five peers: put %d ms, get %d ms (whole CLI processes)%n", put.millis(), get.millis());
    }

    @Test
    @Order(2)
    void metrics_ofARunningPeer_haveKadringSeries() {
        HttpAnswer metrics = getJson(peers.get(2).adminPort, "/metrics").orElseThrow();
        assertEquals(200, metrics.status());
        for (String series : List.of("kadring_rpc_sent_total", "kadring_routing_contacts", "kadring_records_held",
                "kadring_bytes_in_total", "jvm_memory_used_bytes")) {
            assertTrue(metrics.body().contains("\n" + series), "no " + series + " in /metrics");
        }
    }

    @Test
    @Order(3)
    void aHolderKilledWithSigkill_leavesTheRecordFindable_andComesBackWithItsRecordsAndContacts() throws Exception {
        assertTrue(key != null, "the put test runs first");
        Peer victim = peers.get(2);
        Path recordsFile = victim.dataDir.resolve("records");
        Path contactsFile = victim.dataDir.resolve("contacts");
        awaitTrue(SETTLE, "the victim to have saved the record and its contacts", () -> {
            try {
                return Files.exists(recordsFile) && Files.readString(recordsFile).contains(key)
                        && Files.exists(contactsFile) && Files.readString(contactsFile).endsWith("end " + (PEERS - 1) + "\n");
            } catch (IOException e) {
                return false;
            }
        });

        victim.process.destroyForcibly(); // SIGKILL: no shutdown hook, no save at exit
        assertTrue(victim.process.waitFor(10, TimeUnit.SECONDS));

        Cli get = cli("get", "--admin", peers.get(4).admin(), key);
        assertEquals(0, get.exitCode(), get.err());
        assertEquals(VALUE, get.out());

        victim.start(); // no --bootstrap: it rejoins through its saved contacts alone
        victim.awaitPhase("joined");
        awaitTrue(SETTLE, "the restarted peer to log the records it restored",
                () -> victim.logText().contains("restored 1 saved record"));
        assertTrue(victim.logText().contains("read 1 saved record from"), victim.logText());
        JsonObject status = victim.status().orElseThrow();
        assertEquals(victim.id, status.getString("node_id"), "same identity from the data directory");
        assertTrue(status.getInteger("records") >= 1, status.encode());
        JsonObject held = new JsonObject(getJson(victim.adminPort, "/records").orElseThrow().body());
        assertTrue(held.getJsonArray("records").stream().map(JsonObject.class::cast)
                .anyMatch(r -> r.getString("key").equals(key)), held.encode());
        awaitTrue(SETTLE, "the restarted peer to know the others again", () -> {
            JsonArray contacts = new JsonArray(getJson(victim.adminPort, "/contacts").orElseThrow().body());
            return contacts.size() == PEERS - 1;
        });

        Cli again = cli("get", "--admin", victim.admin(), key);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(VALUE, again.out());
    }

    // ---- helpers ---------------------------------------------------------------

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code java -jar kadring.jar args...} to its end (bounded) and returns what it did. */
    private Cli cli(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "cli", ".out");
            Path err = Files.createTempFile(dir, "cli", ".err");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(CLI_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kadring " + String.join(" ", args) + " did not finish in " + CLI_LIMIT);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new Cli(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), millis);
        } catch (IOException e) {
            throw new AssertionError("cannot run kadring " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Optional<HttpAnswer> getJson(int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(new HttpAnswer(r.statusCode(), r.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Polls every 50 ms until {@code condition} holds; fails naming {@code what} after {@code limit}. */
    private void awaitTrue(Duration limit, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                for (Peer p : peers) logs.append("\n--- ").append(p.name).append(" ---\n").append(p.logText());
                throw new AssertionError("timed out after " + limit + " waiting for " + what + logs);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Ports free for both UDP and TCP on loopback right now, all different. */
    private static List<Integer> freePorts(int n) throws IOException {
        List<Integer> ports = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        while (ports.size() < n) {
            try (DatagramSocket udp = new DatagramSocket(0, loopback)) {
                int port = udp.getLocalPort();
                if (ports.contains(port)) continue;
                try (ServerSocket tcp = new ServerSocket(port, 1, loopback)) {
                    ports.add(port);
                } catch (IOException taken) {
                    // in use over TCP: try another
                }
            }
        }
        return ports;
    }
}
