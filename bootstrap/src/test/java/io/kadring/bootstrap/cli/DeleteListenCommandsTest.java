package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.JoinedPeers;
import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.overlay.node.PutResult;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** delete and listen over five peers in this JVM, the CLI run in-process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class DeleteListenCommandsTest {
    @RegisterExtension
    static final JoinedPeers peers = new JoinedPeers("a", "b", "c", "d", "e");

    private Path identityFile;
    private Identity identity;

    @BeforeAll
    void keygen() throws Exception {
        Path dir = Files.createTempDirectory("kadring-dellisten");
        identityFile = dir.resolve("me.key");
        assertEquals(0, cli("keygen", "--out", identityFile.toString()).exitCode());
        identity = IdentityFile.load(identityFile);
    }

    private static String admin(int peer) {
        return "127.0.0.1:" + peers.all().get(peer).adminPort();
    }

    private Run put(int peer, String salt, String value) {
        Run run = cli("put", "--admin", admin(peer), "--identity", identityFile.toString(), "--salt", salt, value);
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    @Test
    void delete_makesTheKeyReadAsDeletedOnEveryPeer_andAReplayedOlderSeqIsRefused() throws Exception {
        String key = put(0, "gone", "soon deleted").out().trim();
        Run deleted = cli("delete", "--admin", admin(1), "--identity", identityFile.toString(), "--salt", "gone");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertEquals(key, deleted.out().trim());
        assertTrue(deleted.err().contains("deleted at seq 2"), deleted.err());

        for (int i = 0; i < peers.all().size(); i++) {
            Run get = cli("get", "--admin", admin(i), key);
            assertEquals(1, get.exitCode(), "peer " + i + ": " + get.err());
            assertTrue(get.err().contains("deleted at seq 2"), get.err());
            Run json = cli("get", "--admin", admin(i), key, "--json");
            assertEquals("deleted", new JsonObject(json.out()).getString("reason"), json.out());
        }

        java.net.HttpURLConnection http = (java.net.HttpURLConnection) java.net.URI.create(
                "http://" + admin(2) + "/records/" + key).toURL().openConnection(java.net.Proxy.NO_PROXY);
        assertEquals(410, http.getResponseCode());
        JsonObject gone = new JsonObject(new String(http.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(true, gone.getBoolean("deleted"));
        assertEquals(2L, gone.getLong("seq"));

        SignedRecord replay = SignedRecord.sign(identity, "gone".getBytes(StandardCharsets.UTF_8), 1,
                "soon deleted".getBytes(StandardCharsets.UTF_8));
        PutResult refused = peers.all().get(3).node().put(replay).join();
        assertEquals(0, refused.stored());
        assertEquals(refused.outcomes().size(), (int) refused.rejections().getOrDefault(RejectReason.DELETED, 0),
                refused.rejections().toString());
        assertEquals(1, cli("get", "--admin", admin(4), key).exitCode(), "still deleted");
    }

    @Test
    void listen_onOnePeer_printsANewSeqPutThroughAnotherWithinFiveSeconds() throws Exception {
        String key = put(2, "news", "first").out().trim();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true),
                new PrintWriter(err, true), Map.of(), "listen", "--admin", admin(0), key, "--count", "3"));
        TestPeers.await(Duration.ofSeconds(10), "the value held now", () -> out.toString().equals("first\n")
                || listening.isDone());
        assertEquals("first\n", out.toString(), err.toString());

        long start = System.nanoTime();
        put(4, "news", "second");
        TestPeers.await(Duration.ofSeconds(5), "the new seq on the listener", () -> out.toString().contains("second\n"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));

        assertEquals(0, cli("delete", "--admin", admin(3), "--identity", identityFile.toString(), "--salt", "news")
                .exitCode());
        assertEquals(0, listening.get(5, TimeUnit.SECONDS), err.toString());
        assertEquals("first\nsecond\ndeleted at seq 3\n", out.toString());
    }

    @Test
    void listen_withJson_printsTheSeqOfEachRecordOnOneLine() throws Exception {
        String key = put(1, "json", "x").out().trim();
        Run run = cli("listen", "--admin", admin(2), key, "--count", "1", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject record = new JsonObject(run.out().trim());
        assertEquals(1L, record.getLong("seq"));
        assertEquals(key, record.getString("key"));
    }

    @Test
    void listen_withABadKey_isAUsageErrorNamingIt() {
        Run run = cli("listen", "--admin", admin(0), "nothex");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("nothex"), run.err());
    }
}
