package io.kadring.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, run as written: its peer commands as background processes (the
 * ports it names, default settings), then the client lines as one shell script. Prints how
 * long each joining peer took from its launch to its "joined" log line.
 */
final class QuickStartIT {
    private static final String JAR = "bootstrap/target/kadring.jar";
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern JOINED = Pattern.compile("(\\S+) INFO +JoinProgress - joined the network");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    /** The lines of the shell block under "Quick start", without comments and blank lines. */
    private static List<String> quickStart() throws IOException {
        Path readme = Path.of(System.getProperty("kadring.readme", "../README.md"));
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int heading = text.indexOf("## Quick start");
        assertTrue(heading >= 0, "README has a quick start");
        int open = text.indexOf("```sh\n", heading) + "```sh\n".length();
        int close = text.indexOf("```", open);
        return text.substring(open, close).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void theQuickStart_asWritten_joinsItsPeersAndReadsTheValueBack() throws Exception {
        String jar = RealPeer.jar().toString();
        List<String> peers = new ArrayList<>();
        List<String> client = new ArrayList<>();
        for (String line : quickStart()) {
            (line.startsWith("java -jar " + JAR + " peer ") ? peers : client).add(line.replace(JAR, jar));
        }
        assertEquals(3, peers.size(), "three peers, as the heading says: " + peers);

        List<Path> logs = new ArrayList<>();
        List<Instant> launched = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            Path log = dir.resolve("peer" + i + ".log");
            logs.add(log);
            launched.add(Instant.now());
            processes.add(new ProcessBuilder("bash", "-c", "exec " + peers.get(i)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
            String expected = i == 0 ? "started a new network" : "joined the network";
            await(log, expected);
        }
        List<Long> joinMillis = new ArrayList<>();
        for (int i = 1; i < peers.size(); i++) {
            Matcher m = JOINED.matcher(Files.readString(logs.get(i)));
            assertTrue(m.find());
            joinMillis.add(Duration.between(launched.get(i), Instant.parse(m.group(1))).toMillis());
        }
        System.out.println("[quick start] launch to joined, ms: " + joinMillis);
        // as a person typing the next commands would, give the peers a moment to meet each other
        for (int i = 0; i < peers.size(); i++) awaitContacts(7421 + 10 * i, peers.size() - 1);

        Path script = dir.resolve("client.sh");
        Files.writeString(script, "set -e\n" + String.join("\n", client) + "\n");
        Process run = new ProcessBuilder("bash", script.toString()).directory(dir.toFile()).start();
        assertTrue(run.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the client lines finished");
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), err);
        assertTrue(out.endsWith("\nhello, kadring\n"), out + err); // after keygen's node_id and public_key
        assertTrue(err.contains("stored by 3 of 3 holders"), err);
        for (Path log : logs) assertFalse(Files.readString(log).contains("ERROR"), Files.readString(log));
    }

    private void awaitContacts(int adminPort, int contacts) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        while (true) {
            try {
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + adminPort
                        + "/status")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (new io.vertx.core.json.JsonObject(r.body()).getInteger("contacts") >= contacts) return;
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (System.nanoTime() > deadline) throw new AssertionError("peer at admin port " + adminPort
                    + " did not get to " + contacts + " contacts");
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private void await(Path log, String line) throws IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!Files.readString(log).contains(line)) {
            Process last = processes.get(processes.size() - 1);
            if (!last.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + line + "' in " + log + ":\n" + Files.readString(log));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
