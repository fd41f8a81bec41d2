package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.JoinedPeers;
import io.kadring.bootstrap.TestPeers.Run;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** status, lookup and successor against a peer running in this JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ClientCommandsTest {
    @RegisterExtension
    static final JoinedPeers peers = new JoinedPeers("first", "second");

    /** The second peer's admin API, for --admin. */
    private static String admin() {
        return "127.0.0.1:" + peers.second().adminPort();
    }

    @Test
    void status_printsThePeersStatusJson() {
        Run run = cli("status", "--admin", admin());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(peers.second().id().toHex(), new JsonObject(run.out()).getString("node_id"));
    }

    @Test
    void lookup_printsOneIdAndAddressLinePerContactAndTheCostOnStderr() {
        Run run = cli("lookup", peers.first().id().toHex(), "--admin", admin());
        assertEquals(0, run.exitCode(), run.err());
        String firstLine = run.out().lines().findFirst().orElseThrow();
        assertEquals(peers.first().id().toHex() + " 127.0.0.1:" + peers.first().udpAddress().getPort(), firstLine);
        assertTrue(run.err().contains("hops") && run.err().contains("messages"), run.err());
    }

    @Test
    void successor_withJson_printsTheWholeAnswer() {
        Run run = cli("successor", peers.first().id().toHex(), "--admin", admin(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject answer = new JsonObject(run.out());
        assertEquals(peers.first().id().toHex(), answer.getJsonArray("contacts").getJsonObject(0).getString("id"));
        assertTrue(answer.containsKey("hops") && answer.containsKey("duration_ms"), run.out());
    }
}
