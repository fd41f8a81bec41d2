package io.kadring.bootstrap.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.RunningPeers;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.state.RecordsFile;
import io.kadring.bootstrap.state.SavedRecords;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The records a peer holds, saved in its data directory and put back after a restart. */
final class PeerRecordsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Identity OWNER = Identity.generate();

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningPeers running = new RunningPeers();

    private PeerProcess start(String name, Duration saveInterval, InetSocketAddress... bootstrap) throws Exception {
        return start(name, saveInterval, PeerProcess.RESTORE_WITHOUT_JOIN, bootstrap);
    }

    private PeerProcess start(String name, Duration saveInterval, Duration restoreWithoutJoin,
                              InetSocketAddress... bootstrap) throws Exception {
        PeerProcess peer = PeerProcess.start(TestPeers.settings(dir.resolve(name), List.of(bootstrap), saveInterval),
                restoreWithoutJoin);
        return running.add(peer);
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

    /** Wave 1's text file, which a peer moves into its records store at start. */
    private RecordsFile legacyFile(String name) {
        return new RecordsFile(dir.resolve(name).resolve("records"));
    }

    /**
     * The records in the peer's store as a process started now would find them: read from a
     * copy of the file, which may be taken while the peer runs (and holds the file).
     */
    private List<SignedRecord> onDisk(String name) {
        try {
            Path copy = Files.createTempFile(dir, "copy-", ".mv");
            Files.copy(dir.resolve(name).resolve("records.mv"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (SavedRecords store = SavedRecords.open(copy)) {
                return store.load(System.currentTimeMillis()).records().stream().map(RecordsFile.Saved::record).toList();
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRestartedPeer_getsItsRecordsBackFromItsDataDirectoryAlone() throws Exception {
        PeerProcess solo = start("solo", PeerSettings.SAVE_INTERVAL);
        solo.joined().get(10, TimeUnit.SECONDS);
        SignedRecord record = record("kept", "across a restart");
        assertEquals(1, solo.node().put(record, Duration.ofHours(2)).get(10, TimeUnit.SECONDS).stored());
        solo.close();

        assertEquals(List.of(record), onDisk("solo"));

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
        legacyFile("peer").write(List.of(new RecordsFile.Saved(record("old", "expired"), now - 1),
                new RecordsFile.Saved(tampered, now + 3_600_000), new RecordsFile.Saved(alive, now + 3_600_000)));

        PeerProcess peer = start("peer", PeerSettings.SAVE_INTERVAL);
        peer.joined().get(10, TimeUnit.SECONDS);
        TestPeers.await(PATIENCE, "the valid record back", () -> held(peer).equals(List.of(alive)));
        peer.close();
        assertEquals(List.of(alive), onDisk("peer"));
        assertFalse(Files.exists(dir.resolve("peer/records")), "the old file is gone once its records moved");
    }

    @Test
    void recordsHeldForOthers_reachTheDiskWhileThePeerRuns_withDefaultSettings() throws Exception {
        PeerProcess peer = start("peer", PeerSettings.SAVE_INTERVAL);
        peer.joined().get(10, TimeUnit.SECONDS);
        SignedRecord record = record("replica", "saved without a stop");
        peer.node().put(record).get(10, TimeUnit.SECONDS); // as a STORE from another node would
        long start = System.nanoTime();
        TestPeers.await(PATIENCE, "the record on disk", () -> onDisk("peer").contains(record));
        System.out.println("[replica save] on disk after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                + " ms (bound: " + PeerProcess.REPLICA_SAVE_DELAY.toMillis() + " ms)");
    }

    @Test
    void aKeptRecord_isOnDiskWhenKeepCompletes() throws Exception {
        PeerProcess peer = start("peer", PeerSettings.SAVE_INTERVAL);
        SignedRecord record = record("acknowledged", "durable before the answer");
        peer.keep(record, Duration.ofHours(1)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(record), onDisk("peer"), "what a restart after a crash right now would find");
    }

    @Test
    void aPeerThatNeverJoined_keepsItsSavedRecords() throws Exception {
        Files.createDirectories(dir.resolve("waiting"));
        SignedRecord record = record("kept", "while away");
        legacyFile("waiting").write(List.of(new RecordsFile.Saved(record, System.currentTimeMillis() + 3_600_000)));
        PeerProcess peer = start("waiting", Duration.ofMillis(50), Duration.ofHours(1), deadAddress());
        assertFalse(peer.joined().isDone());
        peer.close();
        assertEquals(List.of(record), onDisk("waiting"));
    }

    @Test
    void aPeerWhoseNodesAreAllGone_putsItsSavedRecordsBackAnywayAndServesThem() throws Exception {
        SignedRecord record = record("alone", "still here");
        Files.createDirectories(dir.resolve("lonely"));
        legacyFile("lonely").write(List.of(new RecordsFile.Saved(record, System.currentTimeMillis() + 3_600_000)));
        PeerProcess peer = start("lonely", PeerSettings.SAVE_INTERVAL, Duration.ofMillis(200), deadAddress());

        TestPeers.await(PATIENCE, "the record back while the peer is still joining",
                () -> held(peer).equals(List.of(record)));
        assertFalse(peer.joined().isDone());
        assertEquals(record, peer.node().get(record.key()).get(10, TimeUnit.SECONDS).record().orElseThrow());
        peer.close();
        assertEquals(List.of(record), onDisk("lonely"));
    }
}
