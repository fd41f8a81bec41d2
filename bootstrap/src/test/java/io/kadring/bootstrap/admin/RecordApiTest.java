package io.kadring.bootstrap.admin;

import static io.kadring.bootstrap.admin.AdminHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.JoinedPeers;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three peers on loopback; records are stored through one and read through another. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RecordApiTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @RegisterExtension
    static final JoinedPeers peers = new JoinedPeers("first", "second", "third");
    private final Identity owner = Identity.generate();
    private final Map<PeerProcess, AdminHttp> apis = new HashMap<>();

    /** {@code peer}'s admin API. */
    private AdminHttp api(PeerProcess peer) {
        return apis.computeIfAbsent(peer, p -> new AdminHttp("127.0.0.1", p.adminPort()));
    }

    private HttpResponse<String> get(PeerProcess peer, String path) {
        return api(peer).get(path);
    }

    private HttpResponse<String> post(PeerProcess peer, String body) {
        return api(peer).post("/records", body);
    }

    private SignedRecord record(String salt, long seq, String value) {
        return SignedRecord.sign(owner, salt.getBytes(StandardCharsets.UTF_8), seq, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The record's JSON as the API writes it, as an object a test may change. */
    private static JsonObject recordJson(SignedRecord record) {
        return new JsonObject(Json.compact(RecordJson.toJson(record)));
    }

    private JsonObject stored(PeerProcess via, JsonObject body) {
        JsonObject answer = json(post(via, body.encode()), 200);
        assertEquals(3, answer.getInteger("stored"), answer.encodePrettily());
        assertEquals(3, answer.getInteger("asked"));
        return answer;
    }

    @Test
    void aPostedRecord_isStoredAtEveryHolderAndFoundThroughAnotherPeer() {
        SignedRecord record = record("round trip", 1, "hello");
        JsonObject answer = stored(peers.second(), recordJson(record));
        assertEquals(record.key().toHex(), answer.getString("key"));
        assertEquals(1, answer.getLong("seq"));
        assertEquals(2, answer.getInteger("required"));
        JsonArray outcomes = answer.getJsonArray("outcomes");
        assertEquals(3, outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            JsonObject o = outcomes.getJsonObject(i);
            assertEquals("STORED", o.getString("status"), o.encode());
            assertEquals(64, o.getString("id").length());
            assertTrue(o.getString("address").startsWith("127.0.0.1:"));
        }

        JsonObject found = json(get(peers.third(), "/records/" + record.key().toHex()), 200);
        JsonObject lookup = found.getJsonObject("lookup");
        found.remove("lookup");
        assertEquals(recordJson(record), found);
        assertTrue(lookup.getInteger("agreeing") >= 1, lookup.encode());
        assertTrue(lookup.getInteger("messages") >= 0);
    }

    @Test
    void aGetAnswer_canBePostedBackUnchanged() {
        SignedRecord record = record("echo", 1, "same bytes");
        stored(peers.first(), recordJson(record));
        String answer = get(peers.second(), "/records/" + record.key().toHex()).body();
        stored(peers.third(), new JsonObject(answer)); // the identical record again: a refresh everywhere
    }

    @Test
    void anUnknownKey_is404() {
        JsonObject error = json(get(peers.second(), "/records/" + "ab".repeat(32)), 404);
        assertTrue(error.getString("error").startsWith("not found"), error.encode());
        assertEquals("ab".repeat(32), error.getString("key"));
    }

    @Test
    void aMalformedKey_is400NamingIt() {
        assertEquals("key must be 64 hex characters, got 'xyz'",
                json(get(peers.second(), "/records/xyz"), 400).getString("error"));
    }

    @Test
    void statusCountsTheRecordsHeldHereAndRecordsListsThem() {
        SignedRecord record = record("listed", 4, "in the list");
        stored(peers.second(), recordJson(record));
        TestPeers.await(SETTLE, "the record in /records", () -> {
            JsonArray held = new JsonObject(get(peers.first(), "/records").body()).getJsonArray("records");
            return held.stream().map(JsonObject.class::cast).anyMatch(r -> r.getString("key").equals(record.key().toHex()));
        });
        JsonObject list = json(get(peers.first(), "/records"), 200);
        JsonObject entry = list.getJsonArray("records").stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("key").equals(record.key().toHex())).findFirst().orElseThrow();
        assertTrue(entry.getLong("remaining_seconds") > 23 * 3600, entry.encode());
        entry.remove("remaining_seconds");
        assertEquals(recordJson(record), entry);
        int count = list.getInteger("count");
        assertEquals(count, list.getJsonArray("records").size());
        assertTrue(json(get(peers.first(), "/status"), 200).getInteger("records") >= 1);
    }

    @Test
    void anOlderSeq_isRefusedWith409AndTheReasonCode() {
        stored(peers.second(), recordJson(record("versions", 5, "five")));
        JsonObject answer = json(post(peers.third(), recordJson(record("versions", 4, "four")).encode()), 409);
        assertEquals("SEQ_TOO_LOW", answer.getString("reason"));
        assertEquals(4, answer.getInteger("code"));
        assertEquals(0, answer.getInteger("stored"));
        assertEquals(3, answer.getJsonObject("rejections").getInteger("SEQ_TOO_LOW"));
        assertTrue(answer.getString("error").contains("SEQ_TOO_LOW"), answer.getString("error"));
        answer.getJsonArray("outcomes").stream().map(JsonObject.class::cast).forEach(o -> {
            assertEquals("REJECTED", o.getString("status"));
            assertEquals("SEQ_TOO_LOW", o.getString("reason"));
            assertEquals(4, o.getInteger("code"));
        });
    }

    @Test
    void compareAndSwap_storesOnlyOverTheExpectedSeq() {
        stored(peers.second(), recordJson(record("cas", 1, "one")));
        String stale = recordJson(record("cas", 3, "three")).put("cas", 2).encode();
        JsonObject wrong = json(post(peers.second(), stale), 409);
        assertEquals("CAS_MISMATCH", wrong.getString("reason"));
        assertEquals(6, wrong.getInteger("code"));
        stored(peers.third(), recordJson(record("cas", 2, "two")).put("cas", 1));
        JsonObject found = json(get(peers.first(), "/records/" + record("cas", 2, "two").key().toHex()), 200);
        assertEquals(2, found.getLong("seq"));
        assertEquals("two", new String(Base64.getDecoder().decode(found.getString("value")), StandardCharsets.UTF_8));
    }

    @Test
    void aBadSignature_is422AndNothingIsSent() {
        JsonObject body = recordJson(record("forged", 1, "original")).put("value",
                Base64.getEncoder().encodeToString("forged".getBytes(StandardCharsets.UTF_8)));
        JsonObject answer = json(post(peers.second(), body.encode()), 422);
        assertEquals("BAD_SIGNATURE", answer.getString("reason"));
        assertEquals(1, answer.getInteger("code"));
        assertEquals(404, get(peers.first(), "/records/" + body.getString("key")).statusCode());
    }

    @Test
    void aKeyThatIsNotTheRecords_is422KeyMismatch() {
        JsonObject body = recordJson(record("mine", 1, "v")).put("key", "00".repeat(32));
        JsonObject answer = json(post(peers.second(), body.encode()), 422);
        assertEquals("KEY_MISMATCH", answer.getString("reason"));
        assertEquals(2, answer.getInteger("code"));
    }

    @Test
    void aValueOverTheLimit_is422TooLarge() {
        JsonObject body = recordJson(record("big", 1, "v"))
                .put("value", Base64.getEncoder().encodeToString(new byte[SignedRecord.MAX_VALUE_BYTES + 1]));
        JsonObject answer = json(post(peers.second(), body.encode()), 422);
        assertEquals("TOO_LARGE", answer.getString("reason"));
        assertEquals(3, answer.getInteger("code"));
    }

    @Test
    void malformedBodies_are400NamingTheField() {
        JsonObject good = recordJson(record("", 1, "v"));
        assertBad(good.copy().put("seq", "1"), "seq");
        assertBad(good.copy().put("seq", -1), "seq");
        assertBad(good.copy().put("seq", 1.5), "seq");
        assertBad(good.copy().put("public_key", "zz"), "public_key");
        assertBad(good.copy().put("public_key", "abcd"), "public_key");
        assertBad(good.copy().put("signature", "00"), "signature");
        assertBad(good.copy().put("value", "not base64!"), "value");
        assertBad(good.copy().put("salt", 7), "salt");
        assertBad(good.copy().put("salt", "00".repeat(65)), "salt");
        assertBad(good.copy().put("cas", "x"), "cas");
        assertBad(good.copy().put("colour", "blue"), "colour");
        assertBad(good.copy().put("key", 5), "key");
        assertBad(good.copy().put("key", "abc"), "key");
        for (String field : List.of("public_key", "seq", "value", "signature")) {
            JsonObject missing = good.copy();
            missing.remove(field);
            assertBad(missing, field);
        }
        for (String body : List.of("", "[1]", "{", "null", "\"record\"")) {
            String error = json(post(peers.second(), body), 400).getString("error");
            assertTrue(error.contains("JSON object"), body + " -> " + error);
        }
    }

    private void assertBad(JsonObject body, String field) {
        String error = json(post(peers.second(), body.encode()), 400).getString("error");
        assertTrue(error.contains(field), body.encode() + " -> " + error);
    }

    @Test
    void aPostWithoutJsonContentType_is415() {
        AdminHttp api = api(peers.second());
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/records"))
                .header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(recordJson(record("", 1, "v")).encode())).build());
        assertTrue(json(response, 415).getString("error").contains("application/json"));
    }

    @Test
    void aHugeBody_is413() {
        String huge = "{\"value\": \"" + "A".repeat(RecordRoutes.MAX_BODY_BYTES) + "\"}";
        assertEquals(413, post(peers.second(), huge).statusCode());
    }

    @Test
    void otherMethods_are405() {
        AdminHttp api = api(peers.second());
        HttpResponse<String> delete = api.send(HttpRequest.newBuilder(api.uri("/records/" + "00".repeat(32)))
                .DELETE().build());
        assertTrue(json(delete, 405).getString("error").contains("DELETE"));
        HttpResponse<String> put = api.send(HttpRequest.newBuilder(api.uri("/records"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, put.statusCode());
    }

    @Test
    void ring_listsTheWholeSuccessorList() {
        TestPeers.await(SETTLE, "two successors for the first peer", () -> {
            JsonObject ring = new JsonObject(get(peers.first(), "/ring").body());
            return ring.getJsonArray("successors").size() == 2 && ring.getJsonObject("predecessor") != null;
        });
    }
}
