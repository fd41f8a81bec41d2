package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.JoinedPeers;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.text.TopicArgument;
import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.overlay.node.PutResult;
import io.kadring.routing.Id;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * announce and announcements over five peers in this JVM, k = 4 so that one peer holds none of
 * a topic's entries: thirty announcers, all found through a peer that holds none; an entry whose
 * --lifetime ends is gone while the others stay; bad input gets a clear message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AnnouncementCommandsTest {
    private static final NodeConfig K4 = TestPeers.FAST.toBuilder().k(4).build();
    private static final int ANNOUNCERS = 30;
    /** Announcers that go through the CLI; the others through the embedding API. */
    private static final int BY_CLI = 10;

    @RegisterExtension
    static final JoinedPeers peers = new JoinedPeers(K4, "a", "b", "c", "d", "e");

    private Path dir;
    private final String topic = "swarm";
    private Id key;
    /** A peer that is not among the 4 closest to the topic key. */
    private PeerProcess outsider;

    @BeforeAll
    void identities() throws Exception {
        dir = Files.createTempDirectory("kadring-announcers");
        for (int i = 0; i < ANNOUNCERS + 1; i++) IdentityFile.save(Identity.generate(), identity(i));
        key = TopicArgument.parse(topic);
        List<PeerProcess> byDistance = peers.all().stream()
                .sorted(Comparator.comparing(PeerProcess::id, key::compareDistance)).toList();
        outsider = byDistance.get(byDistance.size() - 1);
    }

    private Path identity(int i) {
        return dir.resolve("announcer-" + i + ".key");
    }

    private static String admin(PeerProcess peer) {
        return "127.0.0.1:" + peer.adminPort();
    }

    private Set<String> lookup() {
        Run run = cli("announcements", "--admin", admin(outsider), topic);
        assertEquals(0, run.exitCode(), run.err());
        return new HashSet<>(run.out().lines().toList());
    }

    @Test
    void thirtyAnnouncers_areAllFoundThroughAPeerThatHoldsNone_andAShortLifetimeEnds() throws Exception {
        Set<String> payloads = new HashSet<>();
        for (int i = 0; i < ANNOUNCERS; i++) {
            PeerProcess through = peers.all().get(i % peers.all().size());
            String payload = "198.51.100." + i + ":6881";
            if (i < BY_CLI) {
                Run run = cli("announce", "--admin", admin(through), "--identity", identity(i).toString(), topic, payload);
                assertEquals(0, run.exitCode(), run.err());
                assertEquals(key.toHex() + "\n", run.out());
                assertTrue(run.err().matches("announced at [1-4] of [1-4] holders \\(seq \\d+\\)\\s*"), run.err());
            } else { // the embedding API, as an application would: the CLI's per-call start-up is the slow part here
                PutResult r = through.node().announce(IdentityFile.load(identity(i)), key,
                        payload.getBytes(StandardCharsets.UTF_8), null).join();
                assertTrue(r.succeeded(), r.toString());
            }
            payloads.add(payload);
        }
        assertTrue(outsider.node().heldAnnouncements(key).join().isEmpty(), "the outsider holds none");
        assertEquals(payloads, lookup());

        Run json = cli("announcements", "--admin", admin(outsider), topic, "--max", "5", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonArray five = new JsonObject(json.out()).getJsonArray("announcements");
        assertEquals(5, five.size());
        JsonObject entry = five.getJsonObject(0);
        assertEquals(64, entry.getString("public_key").length());
        assertTrue(entry.getLong("seq") > 0 && entry.getLong("remaining_seconds") > 0, entry.toString());

        // an announcer whose lifetime ends: not announced again, gone once it ends; the others stay
        Run brief = cli("announce", "--admin", admin(peers.first()), "--identity", identity(ANNOUNCERS).toString(),
                "--lifetime", "1s", topic, "brief");
        assertEquals(0, brief.exitCode(), brief.err());
        assertTrue(lookup().contains("brief"));
        TestPeers.await(Duration.ofSeconds(10), "the brief entry to end", () -> !lookup().contains("brief"));
        assertEquals(payloads, lookup());
    }

    @Test
    void badInput_getsAMessageNamingIt() {
        Run long257 = cli("announce", "--admin", admin(outsider), "--identity", identity(0).toString(), topic,
                "x".repeat(257));
        assertEquals(ExitCode.USAGE, long257.exitCode());
        assertTrue(long257.err().contains("257 bytes") && long257.err().contains("at most 256"), long257.err());

        Run noFile = cli("announce", "--admin", admin(outsider), "--identity", dir.resolve("missing.key").toString(),
                topic, "p");
        assertEquals(ExitCode.FAILED, noFile.exitCode());
        assertTrue(noFile.err().contains("missing.key") && !noFile.err().contains("Exception"), noFile.err());

        Run emptyTopic = cli("announcements", "--admin", admin(outsider), "");
        assertEquals(ExitCode.USAGE, emptyTopic.exitCode());
        assertTrue(emptyTopic.err().contains("topic must be"), emptyTopic.err());

        Run badMax = cli("announcements", "--admin", admin(outsider), topic, "--max", "0");
        assertEquals(ExitCode.USAGE, badMax.exitCode());
        assertTrue(badMax.err().contains("between 1 and 1000"), badMax.err());
    }
}
