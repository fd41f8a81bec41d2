package io.kadring.bootstrap.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.state.RecordsFile;
import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records a peer holds, saved in its data directory and put back after a restart. */
final class PeerRecordsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Identity OWNER = Identity.generate();

    @TempDir
    Path dir;

    private final List<PeerProcess> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(PeerProcess::close);
    }

    private PeerProcess start(String name, Duration saveInterval, InetSocketAddress... bootstrap) throws Exception {
        return start(name, saveInterval, PeerProcess.RESTORE_WITHOUT_JOIN, bootstrap);
    }

    private PeerProcess start(String name, Duration saveInterval, Duration restoreWithoutJoin,
                              InetSocketAddress... bootstrap) throws Exception {
        PeerProcess peer = PeerProcess.start(TestPeers.settings(dir.resolve(name), List.of(bootstrap), saveInterval),
                restoreWithoutJoin);
        running.add(peer);
        return peer;
    }

    private static InetSocketAddress deadAddress() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress("127.0.0.1", probe.getLocalPort());
        }
    }

    private static SignedRecord record(String salt, String value) {
        return SignedRecord.sign(OWNER, salt.getBytes(StandardCharsets.UTF_8), 1, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The records the peer holds; none while its node is not bound yet. */
    private static List<SignedRecord> held(PeerProcess peer) {
        try {
            return peer.node().storedRecords().join().stream().map(StoredRecord::record).toList();
        } catch (IllegalStateException notBoundYet) {
            return List.of();
        }
    }

    private RecordsFile recordsFile(String name) {
        return new RecordsFile(dir.resolve(name).resolve("records"));
    }

    @Test
    void aRestartedPeer_getsItsRecordsBackFromItsDataDirectoryAlone() throws Exception {
        PeerProcess solo = start("solo", PeerSettings.SAVE_INTERVAL);
        solo.joined().get(10, TimeUnit.SECONDS);
        SignedRecord record = record("kept", "across a restart");
        assertEquals(1, solo.node().put(record, Duration.ofHours(2)).get(10, TimeUnit.SECONDS).stored());
        solo.close();

        RecordsFile.Loaded saved = recordsFile("solo").read(System.currentTimeMillis());
        assertEquals(List.of(record), saved.records().stream().map(RecordsFile.Saved::record).toList());

        PeerProcess restarted = start("solo", PeerSettings.SAVE_INTERVAL);
        assertTrue(restarted.joined().get(10, TimeUnit.SECONDS).newNetwork()); // nobody else to get it from
        TestPeers.await(PATIENCE, "the record back in the store", () -> held(restarted).equals(List.of(record)));
        StoredRecord back = restarted.node().storedRecords().join().get(0);
        long remaining = back.remainingLifetime(restarted.node().nowMillis());
        assertTrue(remaining <= Duration.ofHours(2).toMillis() && remaining > Duration.ofHours(2).minusMinutes(1).toMillis(),
                "the lifetime left goes on, it does not start afresh: " + remaining);
    }

    @Test
    void expiredAndInvalidSavedRecords_areDroppedAtStart() throws Exception {
        SignedRecord alive = record("alive", "yes");
        SignedRecord tampered = new SignedRecord(OWNER.publicKey(), new byte[0], 1,
                "changed".getBytes(StandardCharsets.UTF_8), record("", "original").signature());
        long now = System.currentTimeMillis();
        Files.createDirectories(dir.resolve("peer"));
        recordsFile("peer").write(List.of(new RecordsFile.Saved(record("old", "expired"), now - 1),
                new RecordsFile.Saved(tampered, now + 3_600_000), new RecordsFile.Saved(alive, now + 3_600_000)));

        PeerProcess peer = start("peer", PeerSettings.SAVE_INTERVAL);
        peer.joined().get(10, TimeUnit.SECONDS);
        TestPeers.await(PATIENCE, "the valid record back", () -> held(peer).equals(List.of(alive)));
        peer.close();
        assertEquals(List.of(alive), recordsFile("peer").read(System.currentTimeMillis()).records().stream()
                .map(RecordsFile.Saved::record).toList());
    }

    @Test
    void records_areSavedPeriodicallyWhileThePeerRuns() throws Exception {
        PeerProcess peer = start("peer", Duration.ofMillis(100));
        peer.joined().get(10, TimeUnit.SECONDS);
        SignedRecord record = record("periodic", "saved without a stop");
        peer.node().put(record).get(10, TimeUnit.SECONDS);
        TestPeers.await(PATIENCE, "the record in the records file", () -> {
            try {
                return recordsFile("peer").read(System.currentTimeMillis()).records().stream()
                        .anyMatch(s -> s.record().equals(record));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aPeerThatNeverJoined_leavesItsRecordsFileAsItWas() throws Exception {
        Files.createDirectories(dir.resolve("waiting"));
        recordsFile("waiting").write(List.of(new RecordsFile.Saved(record("kept", "while away"),
                System.currentTimeMillis() + 3_600_000)));
        byte[] before = Files.readAllBytes(dir.resolve("waiting/records"));
        PeerProcess peer = start("waiting", Duration.ofMillis(50), Duration.ofHours(1), deadAddress());
        assertFalse(peer.joined().isDone());
        TestPeers.await(PATIENCE, "the peer to be bound", () -> {
            try {
                return peer.udpAddress() != null;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        assertEquals(-1, peer.saveRecords(), "saving records before they are restored");
        peer.close();
        assertEquals(new String(before, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(dir.resolve("waiting/records")), StandardCharsets.UTF_8));
    }

    @Test
    void aPeerWhoseNodesAreAllGone_putsItsSavedRecordsBackAnywayAndServesThem() throws Exception {
        SignedRecord record = record("alone", "still here");
        Files.createDirectories(dir.resolve("lonely"));
        recordsFile("lonely").write(List.of(new RecordsFile.Saved(record, System.currentTimeMillis() + 3_600_000)));
        PeerProcess peer = start("lonely", PeerSettings.SAVE_INTERVAL, Duration.ofMillis(200), deadAddress());

        TestPeers.await(PATIENCE, "the record back while the peer is still joining",
                () -> held(peer).equals(List.of(record)));
        assertFalse(peer.joined().isDone());
        assertEquals(record, peer.node().get(record.key()).get(10, TimeUnit.SECONDS).record().orElseThrow());
        peer.close();
        assertEquals(List.of(record), recordsFile("lonely").read(System.currentTimeMillis()).records().stream()
                .map(RecordsFile.Saved::record).toList());
    }
}
