package io.kadring.bootstrap;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
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
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real peer process ({@code java -jar target/kadring.jar peer ...}) for integration tests:
 * started with the flags a test gives (nothing else: the defaults are what is tested), its log
 * in a file, its admin port read from that log, killed with SIGKILL or stopped with SIGTERM.
 */
public final class RealPeer {
    private static final Pattern ADMIN = Pattern.compile("admin API http://[^ ]*:(\\d+),");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path log;
    private final List<String> args;
    private Process process;

    private RealPeer(Path jar, Path log, List<String> args) {
        this.jar = jar;
        this.log = log;
        this.args = args;
    }

    /** The jar {@code mvn verify} built (failsafe passes its path). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("kadring.jar", "target/kadring.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new AssertionError("no runnable jar at " + jar + "; run `mvn verify`");
        return jar;
    }

    /** Starts {@code kadring peer args...}, its output appended to {@code log}. */
    public static RealPeer start(Path log, String... args) {
        RealPeer peer = new RealPeer(jar(), log, List.of(args));
        peer.launch();
        return peer;
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "peer"));
        command.addAll(args);
        try {
            Files.writeString(log, "");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public Process process() {
        return process;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The admin port the log names, once it does; empty before. */
    public Optional<Integer> adminPort() {
        Matcher m = ADMIN.matcher(logText());
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** Waits (bounded) for the admin port in the log; fails with the log if the process died. */
    public int awaitAdminPort(Duration limit) {
        await(limit, "the admin port in the log", () -> adminPort().isPresent());
        return adminPort().orElseThrow();
    }

    /** An HTTP GET of the admin API: status and body; empty when it does not answer. */
    public Optional<HttpResponse<String>> get(String path) {
        Optional<Integer> port = adminPort();
        if (port.isEmpty()) return Optional.empty();
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get() + path))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The status JSON, or empty while the admin API does not answer. */
    public Optional<JsonObject> status() {
        return get("/status").filter(r -> r.statusCode() == 200).map(r -> new JsonObject(r.body()));
    }

    /** The UDP port, from the advertised address in {@code /status}. */
    public int udpPort(Duration limit) {
        await(limit, "the status", () -> status().isPresent());
        String address = status().orElseThrow().getString("address");
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** Waits for one of {@code phases} in {@code /status}. */
    public void awaitPhase(Duration limit, String... phases) {
        await(limit, "phase " + String.join(" or ", phases),
                () -> status().map(s -> List.of(phases).contains(s.getString("phase"))).orElse(false));
    }

    /** Polls {@code condition} every 20 ms; fails naming {@code what} (with the log) after {@code limit} or if the process exits. */
    public void await(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the peer exited with " + process.exitValue() + " while waiting for " + what
                        + "; its log:\n" + logText());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what + "; log:\n" + logText());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is saved at exit. Waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("the peer outlived SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL after 10 s; returns the exit code. */
    public int stop() {
        if (process == null) return -1;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** Runs {@code java -jar kadring.jar args...} to its end (at most {@code limit}): exit code, stdout, stderr. */
    public static TestPeers.Run cli(Path workDir, Duration limit, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                jar().toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "cli", ".out");
            Path err = Files.createTempFile(workDir, "cli", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kadring " + String.join(" ", args) + " did not finish in " + limit);
            }
            return new TestPeers.Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run kadring " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
