package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.bootstrap.peer.PeerProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** status, lookup and successor against a peer running in this JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ClientCommandsTest {
    private List<PeerProcess> peers = List.of();
    private PeerProcess first;
    private PeerProcess second;
    private String admin;

    @BeforeAll
    void startPeers(@TempDir Path dir) throws Exception {
        peers = TestPeers.startJoined(dir, "first", "second");
        first = peers.get(0);
        second = peers.get(1);
        TestPeers.await(java.time.Duration.ofSeconds(20), "a successor for the second peer",
                () -> second.node().successor().join().isPresent());
        admin = "127.0.0.1:" + second.adminPort();
    }

    @AfterAll
    void stop() {
        TestPeers.closeAll(peers);
    }

    @Test
    void status_printsThePeersStatusJson() {
        Run run = cli("status", "--admin", admin);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(second.id().toHex(), new JsonObject(run.out()).getString("node_id"));
    }

    @Test
    void lookup_printsOneIdAndAddressLinePerContactAndTheCostOnStderr() {
        Run run = cli("lookup", first.id().toHex(), "--admin", admin);
        assertEquals(0, run.exitCode(), run.err());
        String firstLine = run.out().lines().findFirst().orElseThrow();
        assertEquals(first.id().toHex() + " 127.0.0.1:" + first.udpAddress().getPort(), firstLine);
        assertTrue(run.err().contains("hops") && run.err().contains("messages"), run.err());
    }

    @Test
    void successor_withJson_printsTheWholeAnswer() {
        Run run = cli("successor", first.id().toHex(), "--admin", admin, "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject answer = new JsonObject(run.out());
        assertEquals(first.id().toHex(), answer.getJsonArray("contacts").getJsonObject(0).getString("id"));
        assertTrue(answer.containsKey("hops") && answer.containsKey("duration_ms"), run.out());
    }
}
