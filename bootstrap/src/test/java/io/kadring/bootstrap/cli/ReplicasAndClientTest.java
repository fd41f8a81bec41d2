package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.JoinedPeers;
import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.peer.PeerSettings;
import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kadring replicas} and {@code peer --client} over five peers and a client in this JVM:
 * the replica count is checked against what every peer says it stores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ReplicasAndClientTest {
    @RegisterExtension
    static final JoinedPeers peers = new JoinedPeers("p1", "p2", "p3", "p4", "p5");

    private PeerProcess client;
    private String clientAdmin;

    @BeforeAll
    void startClient(@TempDir Path dir) throws Exception {
        PeerSettings settings = TestPeers.settings(dir.resolve("client"), List.of(peers.first().udpAddress()),
                PeerSettings.SAVE_INTERVAL).with(s -> s.node = s.node.toBuilder().clientMode(true).build());
        client = PeerProcess.start(settings);
        client.joined().get(10, TimeUnit.SECONDS);
        clientAdmin = "127.0.0.1:" + client.adminPort();
        TestPeers.await(Duration.ofSeconds(10), "the client to know every peer",
                () -> client.node().contacts().join().size() == peers.all().size());
    }

    @AfterAll
    void stopClient() {
        if (client != null) client.close();
    }

    private static String admin(PeerProcess p) {
        return "127.0.0.1:" + p.adminPort();
    }

    /** How many peers say they store a record under {@code key}. */
    private static int holders(Id key) {
        return (int) peers.all().stream()
                .filter(p -> p.node().storedRecords().join().stream().anyMatch(s -> s.key().equals(key))).count();
    }

    private static SignedRecord record(long seq, String value) {
        return SignedRecord.sign(Identity.generate(), new byte[0], seq, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replicas_reportsTheTrueHolderCount() throws Exception {
        SignedRecord record = record(4, "everywhere");
        assertEquals(5, peers.second().node().put(record).get(10, TimeUnit.SECONDS).stored());
        assertEquals(5, holders(record.key()), "every peer stores it");

        Run run = cli("replicas", record.key().toHex(), "--admin", admin(peers.third()));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("5 of 5 closest hold seq 4\n", run.out());

        Run json = cli("replicas", record.key().toHex(), "--admin", admin(peers.first()), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonObject report = new JsonObject(json.out());
        assertEquals(5, report.getInteger("closest"));
        assertEquals(4, report.getLong("newest_seq"));
        assertEquals(3, report.getInteger("quorum"), "a majority of 5 (put quorum 0)");
        JsonArray bySeq = report.getJsonArray("holders");
        assertEquals(1, bySeq.size());
        assertEquals(5, bySeq.getJsonObject(0).getJsonArray("nodes").size());
        assertEquals(0, report.getJsonObject("none").getInteger("count"));
    }

    @Test
    void replicas_exits1_belowTheQuorum() throws Exception {
        SignedRecord record = record(0, "on two only");
        // stored straight at two peers, as a node would: FIND_VALUE for a token, then STORE
        storeAt(peers.all().get(1), record);
        storeAt(peers.all().get(3), record);
        assertEquals(2, holders(record.key()));

        Run run = cli("replicas", record.key().toHex(), "--admin", admin(peers.first()));
        assertEquals(Main.FAILED, run.exitCode(), run.out());
        assertEquals("2 of 5 closest hold seq 0; 3 none\n", run.out());
        assertTrue(run.err().contains("below the quorum: 2 of the 3 needed hold seq 0"), run.err());

        Run json = cli("replicas", record.key().toHex(), "--admin", admin(peers.first()), "--json");
        assertEquals(Main.FAILED, json.exitCode());
        assertFalse(new JsonObject(json.out()).getBoolean("meets_quorum"));
    }

    @Test
    void aClientPeer_putsGetsAndLooksUp_butIsInNoPeersContactsRingOrLookups() throws Exception {
        Run status = cli("status", "--admin", clientAdmin);
        assertEquals(0, status.exitCode(), status.err());
        assertEquals(Boolean.TRUE, new JsonObject(status.out()).getBoolean("client_mode"));
        assertEquals(Boolean.FALSE, new JsonObject(cli("status", "--admin", admin(peers.first())).out())
                .getBoolean("client_mode"));

        SignedRecord record = record(1, "from a client");
        assertEquals(5, client.node().put(record).get(10, TimeUnit.SECONDS).stored());
        assertEquals(5, holders(record.key()));
        assertEquals(List.of(), client.node().storedRecords().join(), "a client holds nothing");
        Run get = cli("get", record.key().toHex(), "--admin", clientAdmin);
        assertEquals(0, get.exitCode(), get.err());
        assertEquals("from a client", get.out());

        Id clientId = client.id();
        Run lookup = cli("lookup", clientId.toHex(), "--admin", clientAdmin);
        assertEquals(0, lookup.exitCode(), lookup.err());
        assertEquals(5, lookup.out().lines().count(), "the five peers, not the client itself");
        assertFalse(lookup.out().contains(clientId.toHex()));
        for (PeerProcess p : peers.all()) {
            assertTrue(p.node().contacts().join().stream().noneMatch(c -> c.id().equals(clientId)), "in a table");
            assertTrue(p.node().successors().join().stream().noneMatch(c -> c.id().equals(clientId)), "in a ring");
            assertTrue(p.node().predecessor().join().map(Contact::id).filter(clientId::equals).isEmpty());
            Run contacts = cli("lookup", clientId.toHex(), "--admin", admin(p)); // NODES answers toward its id
            assertEquals(0, contacts.exitCode(), contacts.err());
            assertFalse(contacts.out().contains(clientId.toHex()), contacts.out());
        }
    }

    @Test
    void replicas_withABadKey_isAUsageErrorNamingIt() {
        Run run = cli("replicas", "not-a-key", "--admin", admin(peers.first()));
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("not-a-key"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void theUnderReplicatedGauge_isInMetricsFromTheStart() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + peers.first().adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("kadring_records_under_replicated ")
                && l.endsWith(" 0.0")), metrics.body());
    }

    /** A STORE of {@code record} to {@code peer} alone, with the token its FIND_VALUE answer gave. */
    private static void storeAt(PeerProcess peer, SignedRecord record) throws IOException {
        Id sender = Id.random(new SplittableRandom(record.seq() + peer.adminPort()));
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.udpAddress().getPort());
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5_000);
            Message.Value value = (Message.Value) ask(socket, to,
                    new Message.FindValue(1, sender, record.key(), -1), Message.Value.class);
            Message.StoreResult stored = (Message.StoreResult) ask(socket, to,
                    new Message.Store(2, sender, value.token(), 600_000, -1, record), Message.StoreResult.class);
            assertEquals(Message.StoreResult.STORED, stored.status());
        }
    }

    private static Message ask(DatagramSocket socket, InetSocketAddress to, Message request, Class<?> answer)
            throws IOException {
        byte[] bytes = MessageCodec.encode(request);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
        byte[] buf = new byte[MessageCodec.MAX_DATAGRAM_BYTES];
        for (int i = 0; i < 10; i++) { // the peer may PING us to learn who we are: skip those
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            socket.receive(packet);
            try {
                Message m = MessageCodec.decode(java.util.Arrays.copyOf(buf, packet.getLength()));
                if (answer.isInstance(m) && m.txId() == request.txId()) return m;
            } catch (MalformedMessageException e) {
                // not for us
            }
        }
        throw new AssertionError("no " + answer.getSimpleName() + " from " + to);
    }
}
