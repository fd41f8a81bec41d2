package io.kadring.bootstrap.admin;

import static io.kadring.bootstrap.admin.AdminHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.bootstrap.TestPeers;
import io.kadring.crypto.Identity;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.storage.SignedRecord;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * /health, the 503 of the routes that need the network while the peer has not joined, and the
 * reason code on every error; over a node that knows one other, in the phase each test sets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminReadinessTest {
    private static final String KEY = "ab".repeat(32);
    private static final String NOT_JOINED = "the peer has not joined the network yet (phase joining, 1 contact)";

    private AdminFixture admin;

    @BeforeAll
    void start() throws Exception {
        admin = AdminFixture.withOneContact(new AdminSettings("127.0.0.1", 0, Optional.empty()));
    }

    @AfterEach
    void joining() {
        admin.facts.phase = PeerFacts.JOINING;
        admin.facts.broken = false;
    }

    @AfterAll
    void stop() {
        if (admin != null) admin.close();
    }

    private String record() {
        return Json.compact(RecordJson.toJson(SignedRecord.sign(Identity.generate(), new byte[0], 1,
                "v".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void health_isOkWithThePhaseOnceJoinedOrAlone() {
        for (String phase : List.of(PeerFacts.JOINED, PeerFacts.ALONE)) {
            admin.facts.phase = phase;
            assertEquals(new JsonObject().put("status", "ok").put("phase", phase), json(admin.get("/health"), 200));
        }
    }

    @Test
    void health_is503WhileJoiningNamingThePhaseAndTheContacts() {
        assertEquals(new JsonObject()
                .put("status", "unavailable")
                .put("phase", "joining")
                .put("error", NOT_JOINED)
                .put("reason", "not_joined"), json(admin.get("/health"), 503));
    }

    @Test
    void whileJoining_writesAndLookupsAre503NotJoinedRatherThanAFalseSuccess() {
        JsonObject expected = new JsonObject()
                .put("error", NOT_JOINED)
                .put("reason", "not_joined")
                .put("phase", "joining")
                .put("contacts", 1);
        assertEquals(expected, json(admin.post("/records", record()), 503));
        assertEquals(expected, json(admin.get("/records/" + KEY), 503));
        assertEquals(expected, json(admin.get("/lookup/" + KEY), 503));
        assertEquals(expected, json(admin.get("/successor/" + KEY), 503));
    }

    @Test
    void whileJoining_theLocalRoutesKeepWorking() {
        JsonObject status = json(admin.get("/status"), 200);
        assertEquals("joining", status.getString("phase"));
        assertEquals(1, status.getInteger("contacts"));
        assertEquals(2, status.getInteger("network_size_estimate"), "two nodes: it and its contact");
        assertEquals(200, admin.get("/contacts").statusCode());
        assertEquals(200, admin.get("/ring").statusCode());
        assertEquals(0, json(admin.get("/records"), 200).getInteger("count"));
        assertEquals(200, admin.get("/metrics").statusCode());
    }

    @Test
    void health_isUnhealthyOnceNoContactAnswers() throws Exception {
        NodeConfig alarmAfterASecond = TestPeers.FAST.toBuilder().isolationAlarm(Duration.ofSeconds(1)).build();
        try (AdminFixture cutOff = AdminFixture.withOneContact(new AdminSettings("127.0.0.1", 0, Optional.empty()),
                alarmAfterASecond)) {
            cutOff.facts.phase = PeerFacts.JOINED;
            // its contact answers every stabilize round (0.3 s)
            assertEquals(200, cutOff.get("/health").statusCode(), cutOff.get("/health").body());
            cutOff.other.close();
            TestPeers.await(Duration.ofSeconds(10), "/health to report the isolation",
                    () -> cutOff.get("/health").statusCode() == 503);
            JsonObject health = json(cutOff.get("/health"), 503);
            assertEquals("unhealthy", health.getString("status"));
            assertEquals("isolated", health.getString("reason"));
            assertEquals("joined", health.getString("phase"));
            assertTrue(health.getInteger("silence_seconds") >= 1, health::encode);
            assertTrue(health.getString("error").startsWith("the peer is isolated: no contact has answered it for "),
                    health::encode);
        }
    }

    @Test
    void onceJoined_theSameRoutesAnswer() {
        admin.facts.phase = PeerFacts.JOINED;
        assertEquals(KEY, json(admin.get("/lookup/" + KEY), 200).getString("key"));
        assertEquals(200, admin.get("/successor/" + KEY).statusCode());
        assertEquals("not_found", json(admin.get("/records/" + KEY), 404).getString("reason"));
        JsonObject stored = json(admin.post("/records", record()), 200);
        assertEquals(2, stored.getInteger("stored"), stored.encode());
    }

    @Test
    void everyError_carriesAReasonCode() {
        admin.facts.phase = PeerFacts.JOINED;
        assertReason(admin.get("/lookup/zz"), 400, "bad_request");
        assertReason(admin.get("/nope"), 404, "not_found");
        assertReason(admin.post("/status", "{}"), 405, "method_not_allowed");
        assertReason(admin.http().send(HttpRequest.newBuilder(admin.http().uri("/records/" + KEY)).DELETE().build()), 405,
                "method_not_allowed");
        assertReason(admin.post("/records", "{"), 400, "bad_request");
        assertReason(admin.post("/records", "{\"value\": \"" + "A".repeat(RecordRoutes.MAX_BODY_BYTES) + "\"}"), 413,
                "too_large");
        assertReason(admin.http().send(HttpRequest.newBuilder(admin.http().uri("/records")).header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(record())).build()), 415, "unsupported_media_type");
    }

    @Test
    void aRequestForAnotherHostName_is403ForbiddenHost() {
        String answer = admin.http().raw("GET /health HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n");
        assertEquals("HTTP/1.1 403 Forbidden", answer.lines().findFirst().orElse(""), answer);
        String body = answer.lines().reduce("", (x, y) -> y); // the last line: the JSON body
        assertEquals("forbidden_host", new JsonObject(body).getString("reason"), body);
    }

    @Test
    void anInternalError_saysSoWithoutNamingJavaClasses() {
        admin.facts.broken = true;
        HttpResponse<String> response = admin.get("/status");
        JsonObject error = json(response, 500);
        assertEquals("internal", error.getString("reason"));
        assertTrue(error.getString("error").startsWith("internal error"), error.encode());
        assertFalse(response.body().contains("Exception") || response.body().contains("java."), response.body());
    }

    @Test
    void aNodeThatIsNotRunning_isUnhealthyWithNoContactsAndItsRoutesSayNotRunning() throws Exception {
        try (AdminFixture unstarted = AdminFixture.unstarted(new AdminSettings("127.0.0.1", 0, Optional.empty()))) {
            JsonObject health = json(unstarted.get("/health"), 503);
            assertEquals("the peer has not joined the network yet (phase joining, 0 contacts)", health.getString("error"));
            assertEquals(0, json(unstarted.get("/lookup/" + KEY), 503).getInteger("contacts"));
            assertReason(unstarted.get("/status"), 503, "not_running");
        }
    }

    private static void assertReason(HttpResponse<String> response, int status, String reason) {
        JsonObject error = json(response, status);
        assertEquals(reason, error.getString("reason"), error.encode());
        assertTrue(error.getString("error") != null && !error.getString("error").isEmpty(), error.encode());
    }
}
