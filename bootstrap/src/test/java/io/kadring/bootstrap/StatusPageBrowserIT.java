package io.kadring.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.peer.PeerSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page as a person sees it: two peers on loopback, the first one's {@code GET /}
 * loaded in headless Chromium (Debian's {@code chromium}, driven by {@code playwright-core} from
 * npm, installed here on first use under {@code ~/.cache/kadring-e2e}); the page must show the
 * node's id, phase, contacts per bucket and ring neighbours, with no script error. The screenshot
 * is kept at {@code target/status-page.png}; a simulator report made by {@code kadring simulate
 * --report} is loaded the same way ({@code target/simulator-report.png}). Where Chromium, node or npm are missing the test is
 * skipped, unless {@code KADRING_REQUIRE_BROWSER=1} (as {@code .ci/run} sets it) makes that a failure.
 */
final class StatusPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    /** Where playwright-core and the scripts are: installed on first use; skips (or fails, when required) without a browser. */
    private Path browser() throws Exception {
        String missing = !Files.isExecutable(CHROMIUM) ? "no " + CHROMIUM
                : run(dir, List.of("node", "--version")) != 0 ? "no node" : null;
        if (missing != null) {
            if ("1".equals(System.getenv("KADRING_REQUIRE_BROWSER"))) throw new AssertionError("KADRING_REQUIRE_BROWSER=1 but " + missing);
            Assumptions.abort(missing);
        }
        Path e2e = Path.of(System.getProperty("user.home"), ".cache", "kadring-e2e");
        Files.createDirectories(e2e);
        if (!Files.isDirectory(e2e.resolve("node_modules/playwright-core"))) {
            assertEquals(0, run(e2e, List.of("npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", e2e.toString(),
                    "playwright-core@1")), "npm install playwright-core");
        }
        try (InputStream in = StatusPageBrowserIT.class.getResourceAsStream("/e2e/page.mjs")) {
            Files.copy(in, e2e.resolve("page.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        return e2e;
    }

    @Test
    void theSimulatorReportShowsItsTablesAndCharts() throws Exception {
        Path e2e = browser();
        Path reportDir = dir.resolve("report");
        TestPeers.Run sim = TestPeers.cli("simulate", "--nodes", "40", "--duration", "3m", "--session-time", "20m",
                "--report", reportDir.toString());
        assertEquals(0, sim.exitCode(), sim.err());
        Path screenshot = Path.of("target", "simulator-report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Path out = dir.resolve("report.json");
        int exit = run(e2e, List.of("node", e2e.resolve("page.mjs").toString(), "report",
                reportDir.resolve("index.html").toUri().toString(), screenshot.toString()), out);
        String printed = Files.readString(out);
        assertEquals(0, exit, printed);
        JsonObject seen = new JsonObject(printed.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertTrue(seen.getInteger("charts") >= 8, printed); // hops, latency, success, exact, latency and more over time
        assertTrue(seen.getString("text").contains("findClosest"), printed);
        assertTrue(seen.getJsonArray("headings").contains("Traffic and load"), printed);
        assertTrue(seen.getString("text").contains("per node per second"), printed);
        assertTrue(seen.getJsonArray("pageErrors").isEmpty(), printed);
        assertTrue(Files.size(screenshot) > 5_000, "screenshot " + screenshot);
        System.out.println("[simulator report] screenshot: " + screenshot);
    }

    @Test
    void theStatusPageShowsTheNodeItsBucketsAndItsRing() throws Exception {
        Path e2e = browser();
        Path script = e2e.resolve("page.mjs");
        List<PeerProcess> peers = TestPeers.startJoined(dir, "first", "second");
        try {
            PeerProcess first = peers.get(0);
            TestPeers.await(java.time.Duration.ofSeconds(20), "the first peer to have a successor",
                    () -> first.node().successor().join().isPresent());
            first.node().findClosest(peers.get(1).node().id()).join(); // a lookup for the page's recent list
            Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            Path out = dir.resolve("seen.json");
            int exit = run(e2e, List.of("node", script.toString(), "status", "http://127.0.0.1:" + first.adminPort() + "/",
                    screenshot.toString()), out);
            String printed = Files.readString(out);
            assertEquals(0, exit, printed);
            JsonObject seen = new JsonObject(printed.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
            assertEquals(first.id().toHex(), seen.getString("nodeId"), printed);
            assertTrue(List.of("alone", "joined").contains(seen.getString("phase")), printed);
            assertEquals("1", seen.getString("contacts"), printed);
            assertEquals(1, seen.getJsonArray("buckets").size(), printed);
            assertTrue(seen.getJsonArray("ring").contains("successor 1"), printed);
            // the lookup above, with its hops and latency, and the datagrams so far by type
            JsonArray recent = seen.getJsonArray("recent");
            assertTrue(recent.stream().map(JsonObject.class::cast)
                    .anyMatch(l -> l.getString("kind").equals("closest") && l.getInteger("hops") >= 1
                            && l.getString("latency").endsWith(" ms")), printed);
            assertTrue(seen.getJsonArray("trafficTypes").contains("find_node")
                    && seen.getJsonArray("trafficTypes").contains("ping"), printed);
            assertEquals("", seen.getString("error"), printed);
            assertTrue(seen.getJsonArray("pageErrors").isEmpty(), printed);
            assertTrue(Files.size(screenshot) > 5_000, "screenshot " + screenshot);
            System.out.println("[status page] screenshot: " + screenshot);
        } finally {
            TestPeers.closeAll(peers);
        }
    }

    @Test
    void offLoopback_theStatusPageAsksForTheToken_andWithItShowsThePeer() throws Exception {
        Path e2e = browser();
        // bound to every address, the admin API needs its token; the page itself is served without
        PeerSettings settings = TestPeers.settings(dir.resolve("exposed"), List.of(), PeerSettings.SAVE_INTERVAL)
                .with(s -> s.adminHost = "0.0.0.0");
        try (PeerProcess peer = PeerProcess.start(settings)) {
            String token = Files.readString(settings.adminTokenPath()).trim();
            Path screenshot = Path.of("target", "status-page-token.png").toAbsolutePath();
            Path out = dir.resolve("seen-token.json");
            int exit = run(e2e, List.of("node", e2e.resolve("page.mjs").toString(), "status",
                    "http://127.0.0.1:" + peer.adminPort() + "/", screenshot.toString()), out, Map.of("ADMIN_TOKEN", token, "ALONE", "1"));
            String printed = Files.readString(out);
            assertEquals(0, exit, printed);
            JsonObject seen = new JsonObject(printed.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
            assertTrue(seen.getBoolean("askedForToken"), printed);
            assertEquals(peer.node().id().toHex(), seen.getString("nodeId"), printed);
            assertEquals(false, seen.getBoolean("loginShown"), printed);
            assertEquals("", seen.getString("error"), printed);
            assertTrue(seen.getJsonArray("pageErrors").isEmpty(), printed);
        }
    }

    private static int run(Path dir, List<String> command) throws IOException, InterruptedException {
        return run(dir, command, null);
    }

    private static int run(Path dir, List<String> command, Path output) throws IOException, InterruptedException {
        return run(dir, command, output, Map.of());
    }

    private static int run(Path dir, List<String> command, Path output, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        pb.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException notInstalled) {
            return 127;
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past 120 s");
        }
        return p.exitValue();
    }
}
