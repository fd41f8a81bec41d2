package io.kadring.bootstrap.admin;

import static io.kadring.bootstrap.admin.AdminHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.peer.PeerSettings;
import io.kadring.bootstrap.state.AdminTokenFile;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who can reach the admin API: only the address it is bound to, and on a non-loopback address
 * only a client with the bearer token (but for /health, /metrics and the status page). The API under test is bound
 * to one of this machine's own non-loopback addresses (0.0.0.0 when it has none); no request
 * leaves the machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminSecurityTest {
    private static final String TOKEN = "0123456789abcdef-the-admin-token";
    private static final String KEY = "cd".repeat(32);
    private static final String CHALLENGE = "Bearer realm=\"kadring\"";
    private static final int CONNECT_MILLIS = 2_000;

    private final List<InetAddress> others = AdminFixture.localNonLoopbackAddresses();
    private final String exposed = others.isEmpty() ? "0.0.0.0" : AdminFixture.literal(others.get(0));
    private AdminFixture admin;

    @BeforeAll
    void start() throws Exception {
        admin = AdminFixture.alone(new AdminSettings(exposed, 0, Optional.of(TOKEN)));
    }

    @AfterAll
    void stop() {
        if (admin != null) admin.close();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static void assertRefused(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(address, CONNECT_MILLIS),
                    "something accepted a connection at " + address);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        JsonObject error = json(response, 401);
        assertEquals("unauthorized", error.getString("reason"), error.encode());
        assertFalse(error.getString("error").isEmpty());
        assertEquals(List.of(CHALLENGE), response.headers().allValues("www-authenticate"));
    }

    @Test
    void byDefault_thePeersApiIsBoundToIpv4LoopbackAndNothingElse(@TempDir Path dir) throws Exception {
        PeerSettings settings = TestPeers.settings(dir, List.of(), PeerSettings.SAVE_INTERVAL);
        assertEquals("127.0.0.1", settings.adminHost());
        try (PeerProcess peer = PeerProcess.start(settings)) {
            assertEquals(200, new AdminHttp("127.0.0.1", peer.adminPort()).get("/status").statusCode());
            assertRefused(new InetSocketAddress(InetAddress.getByName("::1"), peer.adminPort()));
            for (InetAddress other : others) assertRefused(new InetSocketAddress(other, peer.adminPort()));
            assertFalse(Files.exists(settings.adminTokenPath()), "a loopback API needs no token file");
        }
    }

    @Test
    void aNonLoopbackHost_isTheOnlyAddressBound() {
        if (others.isEmpty()) return; // bound to 0.0.0.0 then: every address is meant
        assertRefused(new InetSocketAddress(InetAddress.getLoopbackAddress(), admin.port()));
        for (InetAddress other : others.subList(1, others.size())) {
            assertRefused(new InetSocketAddress(other, admin.port()));
        }
    }

    @Test
    void withoutTheToken_everyRouteButHealthAndMetricsIs401WithABearerChallenge() {
        for (String path : List.of("/status", "/contacts", "/ring", "/lookups", "/records", "/records/" + KEY,
                "/lookup/" + KEY, "/successor/" + KEY, "/nope", "/health/extra", "/index.html")) {
            assertUnauthorized(admin.get(path));
        }
        assertUnauthorized(admin.post("/records", "{}"));
        assertUnauthorized(admin.post("/health", "{}"));
    }

    @Test
    void withoutTheToken_theStatusPageIsServed_butItsDataIsNot_soThePageAsksForTheToken() {
        HttpResponse<String> page = admin.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"login\"") && page.body().contains("Authorization: \"Bearer \""), "the page sends the token");
        assertFalse(page.body().contains(admin.node().id().toHex()), "the page itself holds no data of the peer");
        assertUnauthorized(admin.get("/status"));
        assertEquals(200, admin.get("/lookups", "Authorization", bearer(TOKEN)).statusCode());
    }

    @Test
    void aWrongToken_is401AndIsNotEchoed() {
        for (String authorization : List.of(bearer("wrong-token-of-some-length"), bearer(TOKEN + "x"),
                bearer(TOKEN.substring(1)), bearer(""), "Basic " + TOKEN, TOKEN, "Bearer" + TOKEN)) {
            HttpResponse<String> response = admin.get("/status", "Authorization", authorization);
            assertUnauthorized(response);
            assertFalse(response.body().contains("wrong-token") || response.body().contains(TOKEN.substring(1)),
                    response.body());
        }
    }

    @Test
    void theRightToken_opensEveryRoute() {
        assertEquals(admin.node().id().toHex(),
                json(admin.get("/status", "Authorization", bearer(TOKEN)), 200).getString("node_id"));
        assertEquals(200, admin.get("/records", "Authorization", bearer(TOKEN)).statusCode());
        assertEquals(200, admin.get("/lookup/" + KEY, "Authorization", "bearer " + TOKEN).statusCode());
        assertEquals(404, admin.get("/nope", "Authorization", bearer(TOKEN)).statusCode());
    }

    @Test
    void withTheToken_anyHostNameIsAccepted() {
        String response = admin.http().raw("GET /status HTTP/1.1\r\nHost: rebound.example\r\nAuthorization: " + bearer(TOKEN)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
    }

    @Test
    void healthAndMetrics_needNoToken() {
        assertEquals(new JsonObject().put("status", "ok").put("phase", "alone"), json(admin.get("/health"), 200));
        assertEquals(200, admin.get("/metrics").statusCode());
        admin.facts.phase = PeerFacts.JOINING;
        try {
            assertEquals("not_joined", json(admin.get("/health"), 503).getString("reason"));
        } finally {
            admin.facts.phase = PeerFacts.ALONE;
        }
    }

    @Test
    void aNonLoopbackHostWithoutAToken_isRefusedAtStart() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AdminFixture.alone(new AdminSettings(exposed, 0, Optional.empty())));
        assertTrue(e.getMessage().contains(exposed) && e.getMessage().contains("token"), e.getMessage());
    }

    @Test
    void forHost_readsOrCreatesATokenForANonLoopbackHostOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("admin-token");
        for (String loopback : List.of("127.0.0.1", "localhost", "::1", "127.0.0.2")) {
            assertEquals(Optional.empty(), AdminSettings.forHost(loopback, 7421, file).token(), loopback);
        }
        assertFalse(Files.exists(file));

        AdminSettings settings = AdminSettings.forHost(exposed, 7421, file);

        assertEquals(Optional.of(Files.readString(file).strip()), settings.token());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(settings, AdminSettings.forHost(exposed, 7421, file));
    }

    @Test
    void aPeerOnANonLoopbackAdminHost_createsAnOwnerOnlyTokenFileAndRequiresIt(@TempDir Path dir) throws Exception {
        PeerSettings settings = TestPeers.settings(dir.resolve("data"), List.of(), PeerSettings.SAVE_INTERVAL)
                .with(s -> s.adminHost = exposed);
        try (PeerProcess peer = PeerProcess.start(settings)) {
            peer.joined().get(10, TimeUnit.SECONDS);
            Path file = settings.adminTokenPath();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String token = AdminTokenFile.readOrCreate(file);
            AdminHttp client = new AdminHttp(exposed, peer.adminPort());
            assertUnauthorized(client.get("/status"));
            assertEquals(200, client.get("/status", "Authorization", bearer(token)).statusCode());
            assertEquals(200, client.get("/health").statusCode());
            assertEquals(200, client.get("/metrics").statusCode());
        }
    }

    @Test
    void aPeerWhoseTokenFileOthersCanRead_doesNotStartAndNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PeerSettings settings = TestPeers.settings(dir.resolve("data"), List.of(), PeerSettings.SAVE_INTERVAL)
                .with(s -> {
                    s.adminHost = exposed;
                    s.adminTokenFile = file;
                });

        IOException e = assertThrows(IOException.class, () -> PeerProcess.start(settings).close());

        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
}
