package io.kadring.bootstrap.admin;

import static io.kadring.bootstrap.admin.AdminHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.JoinedPeers;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.peer.PeerProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two peers on loopback; the second one's admin API is asked everything. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminApiTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @RegisterExtension
    static final JoinedPeers peers = new JoinedPeers("first", "second");
    /** The second peer's admin API, which every test asks. */
    private AdminHttp api;

    @BeforeAll
    void askTheSecondPeer() {
        api = new AdminHttp("127.0.0.1", peers.second().adminPort());
        String firstId = peers.first().id().toHex();
        TestPeers.await(SETTLE, "the second peer to see the first as successor and predecessor", () -> {
            JsonObject status = new JsonObject(get("/status").body());
            return firstId.equals(status.getString("successor")) && firstId.equals(status.getString("predecessor"));
        });
    }

    private HttpResponse<String> get(String path) {
        return api.get(path);
    }

    private JsonObject firstAsContact() {
        PeerProcess first = peers.first();
        return new JsonObject().put("id", first.id().toHex()).put("address", "127.0.0.1:" + first.udpAddress().getPort());
    }

    @Test
    void root_servesTheSelfContainedStatusPage() {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"), page.headers().toString());
        String html = page.body();
        for (String id : List.of("node_id", "phase", "address", "uptime", "contacts", "records", "size", "traffic", "ring",
                "buckets", "lookups", "operations")) {
            assertTrue(html.contains("id=\"" + id + "\""), "no element " + id);
        }
        for (String route : List.of("/status", "/contacts", "/ring", "/metrics")) {
            assertTrue(html.contains("get(\"" + route + "\""), "the page does not poll " + route);
        }
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src=\""),
                "the page loads nothing from elsewhere");
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("default-src 'self'"));
    }

    @Test
    void status_reportsTheNodeItsNeighboursAndCounts() {
        JsonObject status = json(get("/status"), 200);
        assertEquals(peers.second().id().toHex(), status.getString("node_id"));
        assertEquals("127.0.0.1:" + peers.second().udpAddress().getPort(), status.getString("address"));
        assertEquals("joined", status.getString("phase"));
        assertEquals(1, status.getInteger("contacts"));
        assertEquals(peers.first().id().toHex(), status.getString("successor"));
        assertEquals(peers.first().id().toHex(), status.getString("predecessor"));
        assertEquals(0, status.getInteger("records"));
        assertTrue(status.getLong("uptime_seconds") >= 0);
    }

    @Test
    void contacts_listIdsAndAddresses() {
        HttpResponse<String> response = get("/contacts");
        assertEquals(200, response.statusCode());
        assertEquals(new JsonArray().add(firstAsContact()), new JsonArray(response.body()));
    }

    @Test
    void ring_showsPredecessorAndSuccessors() {
        JsonObject ring = json(get("/ring"), 200);
        assertEquals(firstAsContact(), ring.getJsonObject("predecessor"));
        assertEquals(new JsonArray().add(firstAsContact()), ring.getJsonArray("successors"));
    }

    @Test
    void metrics_arePrometheusTextWithKadringAndJvmSeries() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        String text = response.body();
        for (String series : new String[] {"kadring_rpc_sent_total", "kadring_routing_contacts",
                "kadring_records_rejected_total{", "kadring_announcements_rejected_total{", "jvm_memory_used_bytes",
                "jvm_gc_", "jvm_threads_live_threads", "system_cpu_count", "process_uptime_seconds"}) {
            assertTrue(text.contains("\n" + series), "no " + series + " in /metrics");
        }
    }

    @Test
    void lookups_listTheLatestLookups_withWhatEachCost() {
        json(get("/lookup/" + peers.first().id().toHex()), 200);
        JsonArray lookups = json(get("/lookups"), 200).getJsonArray("lookups");
        assertTrue(!lookups.isEmpty() && lookups.size() <= 32, lookups.encode());
        // the one asked for above (the node's own maintenance may have finished one since)
        JsonObject newest = lookups.stream().map(JsonObject.class::cast)
                .filter(l -> l.getString("key").equals(peers.first().id().toHex())).findFirst().orElseThrow();
        assertEquals("closest", newest.getString("kind"), newest.encode());
        for (String key : List.of("hops", "messages", "duration_ms", "found", "ago_ms")) {
            assertTrue(newest.getLong(key) >= 0, key + " in " + newest.encode());
        }
        assertTrue(newest.getInteger("found") >= 1, newest.encode());
    }

    @Test
    void metrics_keepHistogramsButNotTheirDecayingMaxGauges() {
        json(get("/lookup/" + peers.first().id().toHex()), 200); // a lookup and its round trips recorded
        String text = get("/metrics").body();
        for (String series : new String[] {"kadring_lookup_duration_seconds_bucket{", "kadring_lookup_duration_seconds_count{",
                "kadring_rpc_rtt_seconds_bucket{", "kadring_lookup_hops_bucket{"}) {
            assertTrue(text.contains("\n" + series), "no " + series + " in /metrics");
        }
        for (String line : text.split("\n")) {
            assertFalse(line.matches("^(# (TYPE|HELP) )?\\w+_max[ {].*"), "a moving-window max gauge: " + line);
        }
    }

    @Test
    void lookup_returnsTheClosestNodesAndWhatItCost() {
        JsonObject answer = json(get("/lookup/" + peers.first().id().toHex()), 200);
        assertEquals(peers.first().id().toHex(), answer.getString("key"));
        assertEquals(firstAsContact(), answer.getJsonArray("contacts").getJsonObject(0));
        assertTrue(answer.getInteger("hops") >= 1, answer.encode());
        assertTrue(answer.getInteger("messages") >= 1, answer.encode());
        assertTrue(answer.getLong("duration_ms") >= 0, answer.encode());
    }

    @Test
    void successor_returnsTheFirstNodeClockwiseFromTheKey() {
        JsonObject answer = json(get("/successor/" + peers.first().id().toHex()), 200);
        assertEquals(new JsonArray().add(firstAsContact()), answer.getJsonArray("contacts"));
    }

    @Test
    void aMalformedKey_is400NamingTheValue() {
        JsonObject error = json(get("/lookup/zz"), 400);
        assertEquals(new JsonObject().put("error", "key must be 64 hex characters, got 'zz'")
                .put("reason", "bad_request"), error);
        assertEquals(400, get("/successor/" + "0".repeat(63)).statusCode());
    }

    @Test
    void anUnknownRoute_is404Json() {
        for (String path : new String[] {"/nope", "/status/extra", "/lookup", "/lookup/a/b"}) {
            assertTrue(json(get(path), 404).getString("error").contains("no route"), path);
        }
    }

    @Test
    void anotherMethod_is405Json() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/status"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertTrue(json(response, 405).getString("error").contains("POST"));
    }

    @Test
    void aRequestForAnotherHostName_is403() {
        String answer = api.raw("GET /status HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n");
        assertEquals("HTTP/1.1 403 Forbidden", answer.lines().findFirst().orElse(""), answer);
    }
}
