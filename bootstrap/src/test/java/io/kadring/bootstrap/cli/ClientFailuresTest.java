package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.TestPeers.Run;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the client commands fail, against stub admin APIs on free ports: the message on stderr,
 * or one JSON object {error, reason} on stdout with --json; never an exception's class name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ClientFailuresTest {
    private static final String KEY = "ab".repeat(32);
    private static final String NOT_JOINED = "the peer has not joined the network yet (phase joining, 0 contacts)";

    private Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();
    private Path identity;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        vertx = Vertx.vertx();
        identity = dir.resolve("me.key");
        assertEquals(0, cli("keygen", "--out", identity.toString()).exitCode());
    }

    @AfterAll
    void stop() throws Exception {
        for (HttpServer server : servers) server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** An admin API on 127.0.0.1 and a free port that answers every request with {@code handler}; its address. */
    private String stub(Handler<HttpServerRequest> handler) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        servers.add(server);
        return "127.0.0.1:" + server.actualPort();
    }

    private String answering(int status, JsonObject body) throws Exception {
        return stub(request -> request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(body.encode()));
    }

    private String notJoined() throws Exception {
        return answering(503, new JsonObject().put("error", NOT_JOINED).put("reason", "not_joined"));
    }

    /** The one JSON object a failed --json run printed: exit code, nothing on stderr, no class names. */
    private static JsonObject jsonFailure(Run run, int exitCode) {
        assertEquals(exitCode, run.exitCode(), run.out() + run.err());
        assertEquals("", run.err());
        assertEquals(1, run.out().lines().count(), run.out());
        JsonObject error = new JsonObject(run.out());
        assertEquals(2, error.size(), run.out());
        assertFalse(run.out().contains("Exception"), run.out());
        return error;
    }

    private static void assertFailure(Run run, String message) {
        assertEquals(Main.FAILED, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("kadring: " + message + "\n", run.err());
    }

    private Run put(String admin, String... more) {
        List<String> args = new ArrayList<>(List.of("put", "--admin", admin, "--identity", identity.toString()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void aPeerThatHasNotJoined_givesItsErrorAndReasonAsJson() throws Exception {
        JsonObject error = jsonFailure(cli("status", "--admin", notJoined(), "--json"), Main.FAILED);
        assertEquals(NOT_JOINED, error.getString("error"));
        assertEquals("not_joined", error.getString("reason"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "lookup", "successor", "put"})
    void everyClientCommandAgainstAPeerThatHasNotJoined_exitsOneWithItsMessage(String command) throws Exception {
        String admin = notJoined();
        Run run = command.equals("put") ? put(admin, "value") : cli(command, "--admin", admin, KEY);
        assertFailure(run, NOT_JOINED);
    }

    @Test
    void a401_saysTheTokenIsNeededAndHowToGiveIt() throws Exception {
        String admin = answering(401, new JsonObject().put("error", "missing bearer token"));
        assertFailure(cli("status", "--admin", admin), "the peer's admin API at " + admin + " refused the request: "
                + "it needs the bearer token of its --admin-token-file (give it with --admin-token-file)");
        assertEquals("unauthorized", jsonFailure(cli("lookup", KEY, "--admin", admin, "--json"), Main.FAILED)
                .getString("reason"));
    }

    @Test
    void theTokenFile_isSentTrimmedAsABearerToken_andAWrongOneIsNamed() throws Exception {
        String admin = stub(request -> {
            boolean allowed = "Bearer s3cret".equals(request.getHeader("authorization"));
            request.response().setStatusCode(allowed ? 200 : 401).end(allowed ? "{\"node_id\": \"me\"}" : "{}");
        });
        Path right = Files.writeString(dir.resolve("right-token"), "  s3cret\n", StandardCharsets.UTF_8);
        Path wrong = Files.writeString(dir.resolve("wrong-token"), "guess\n", StandardCharsets.UTF_8);

        Run ok = cli("status", "--admin", admin, "--admin-token-file", right.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("me", new JsonObject(ok.out()).getString("node_id"));
        assertFailure(cli("status", "--admin", admin, "--admin-token-file", wrong.toString()),
                "the peer's admin API at " + admin + " refused the request: the bearer token in " + wrong
                        + " is not the one of its --admin-token-file");
    }

    @Test
    void aMissingOrEmptyTokenFile_failsNamingIt() throws Exception {
        String admin = answering(200, new JsonObject());
        Path missing = dir.resolve("no-token");
        assertFailure(cli("status", "--admin", admin, "--admin-token-file", missing.toString()),
                "cannot read the admin token from " + missing + ": no such file or directory");
        Path empty = Files.writeString(dir.resolve("empty-token"), "\n", StandardCharsets.UTF_8);
        JsonObject error = jsonFailure(cli("status", "--admin", admin, "--admin-token-file", empty.toString(), "--json"),
                Main.FAILED);
        assertEquals("the admin token file " + empty + " is empty", error.getString("error"));
        assertEquals("token_file", error.getString("reason"));
    }

    @Test
    void aRecordRejection_passesThePeersReasonThrough() throws Exception {
        String admin = stub(request -> {
            if (request.method().name().equals("GET")) {
                request.response().setStatusCode(404).end("{\"error\": \"no record\"}");
            } else {
                request.response().setStatusCode(409).end(new JsonObject()
                        .put("error", "rejected by 2 of 2 nodes asked: SEQ_TOO_LOW").put("reason", "SEQ_TOO_LOW")
                        .put("code", 3).encode());
            }
        });
        JsonObject error = jsonFailure(put(admin, "--json", "value"), Main.FAILED);
        assertEquals("SEQ_TOO_LOW", error.getString("reason"));
        assertEquals("the record was not stored: rejected by 2 of 2 nodes asked: SEQ_TOO_LOW", error.getString("error"));
    }

    @Test
    void aRecordNobodyHas_isNotFound() throws Exception {
        String admin = answering(404, new JsonObject().put("error", "no record"));
        JsonObject error = jsonFailure(cli("get", KEY, "--admin", admin, "--json"), Main.FAILED);
        assertEquals("not_found", error.getString("reason"));
        assertEquals("not found: no record under key " + KEY, error.getString("error"));
    }

    @Test
    void anAnswerThatIsNotJson_isABadAnswer() throws Exception {
        String admin = stub(request -> request.response().end("hello"));
        JsonObject error = jsonFailure(cli("status", "--admin", admin, "--json"), Main.FAILED);
        assertEquals("bad_answer", error.getString("reason"));
        assertEquals("the admin API at " + admin + " answered /status with HTTP 200 and no JSON object; "
                + "is that a kadring peer?", error.getString("error"));
    }

    @Test
    void aPeerThatNeverAnswers_failsOnceTheTimeoutHasPassed() throws Exception {
        String admin = stub(request -> { }); // reads the request, never answers
        long start = System.nanoTime();
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> cli("status", "--admin", admin, "--timeout", "1"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "gave up after " + took);
        assertFailure(run, "the peer's admin API at " + admin + " did not answer /status within 1 s");
        Run json = assertTimeoutPreemptively(Duration.ofSeconds(8),
                () -> cli("status", "--admin", admin, "--timeout", "0.5", "--json"));
        assertEquals("timeout", jsonFailure(json, Main.FAILED).getString("reason"));
    }

    @Test
    void aPutsTwoRequests_shareOneTimeout() throws Exception {
        // each answer alone comes well within the timeout; both together do not
        String admin = stub(request -> {
            boolean read = request.method().name().equals("GET");
            vertx.setTimer(read ? 1_000 : 700, id -> request.response().setStatusCode(read ? 404 : 200)
                    .end(read ? "{\"error\": \"no record\"}" : "{\"stored\": 1, \"asked\": 1, \"required\": 1}"));
        });
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> put(admin, "--timeout", "1.5", "value"));
        assertFailure(run, "the peer's admin API at " + admin + " did not answer /records within 1.5 s");
    }

    @Test
    void aPortNobodyListensOn_isUnreachable() throws IOException {
        try (Socket bound = new Socket()) { // bound, never listening: connecting to it is refused
            bound.bind(new InetSocketAddress("127.0.0.1", 0));
            String admin = "127.0.0.1:" + bound.getLocalPort();
            JsonObject error = jsonFailure(cli("successor", KEY, "--admin", admin, "--json"), Main.FAILED);
            assertEquals("unreachable", error.getString("reason"));
            assertEquals("cannot reach the peer's admin API at " + admin + " (connection refused); "
                    + "is `kadring peer` running with that --admin-port?", error.getString("error"));
        }
    }

    @Test
    void aUsageErrorWithJson_isAJsonObjectWithExitTwo() {
        JsonObject error = jsonFailure(cli("status", "--json", "--timeout", "0"), Main.USAGE);
        assertEquals("usage", error.getString("reason"));
        assertEquals("--timeout must be a number of seconds from 0.001 to 1000000000, got '0'", error.getString("error"));
        assertEquals("usage", jsonFailure(cli("lookup", "--json", "zz"), Main.USAGE).getString("reason"));
    }

    @Test
    void answersWithJson_arePrintedAsJson() throws Exception {
        String admin = answering(200, new JsonObject().put("key", KEY).put("contacts", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("id", KEY).put("address", "127.0.0.1:7420"))).put("hops", 1));
        Run run = cli("lookup", KEY, "--admin", admin, "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(KEY, new JsonObject(run.out()).getJsonArray("contacts").getJsonObject(0).getString("id"));
        assertEquals("", run.err());
    }

    @Test
    void aLookupThatFindsNobody_isNotFound() throws Exception {
        String admin = answering(200, new JsonObject().put("key", KEY).put("contacts", new io.vertx.core.json.JsonArray()));
        JsonObject error = jsonFailure(cli("lookup", KEY, "--admin", admin, "--json"), Main.FAILED);
        assertEquals("not_found", error.getString("reason"));
        assertEquals("no node found for key " + KEY, error.getString("error"));
    }
}
