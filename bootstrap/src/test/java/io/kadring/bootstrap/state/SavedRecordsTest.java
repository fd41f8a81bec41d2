package io.kadring.bootstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SavedRecordsTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final Identity OWNER = Identity.fromSeed(new byte[32]);

    @TempDir
    Path dir;

    private static RecordsFile.Saved saved(int i, long expiresAt) {
        return new RecordsFile.Saved(SignedRecord.sign(OWNER, ("salt-" + i).getBytes(StandardCharsets.UTF_8), 1,
                ("value " + i).getBytes(StandardCharsets.UTF_8)), expiresAt);
    }

    @Test
    void aDurableSave_isThereAfterReopening() throws Exception {
        Path file = dir.resolve("records.mv");
        try (SavedRecords store = SavedRecords.open(file)) {
            store.saveDurably(saved(1, NOW + 60_000)).get(10, TimeUnit.SECONDS);
        }
        try (SavedRecords store = SavedRecords.open(file)) {
            assertEquals(List.of(saved(1, NOW + 60_000)), store.load(NOW).records());
        }
    }

    @Test
    void aTombstone_isStillATombstoneAfterReopening() throws Exception {
        Path file = dir.resolve("records.mv");
        RecordsFile.Saved tombstone = new RecordsFile.Saved(
                SignedRecord.tombstone(OWNER, "gone".getBytes(StandardCharsets.UTF_8), 7), NOW + 60_000);
        try (SavedRecords store = SavedRecords.open(file)) {
            store.saveDurably(tombstone).get(10, TimeUnit.SECONDS);
        }
        try (SavedRecords store = SavedRecords.open(file)) {
            List<RecordsFile.Saved> back = store.load(NOW).records();
            assertEquals(List.of(tombstone), back);
            assertTrue(back.get(0).record().isDeleted());
        }
    }

    @Test
    void aDurableSave_isInTheFileBeforeItCompletes_evenIfTheStoreIsNeverClosed() throws Exception {
        // a process killed right after the acknowledgement never closes its store
        Path file = dir.resolve("records.mv");
        SavedRecords abandoned = SavedRecords.open(file);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) writes.add(abandoned.saveDurably(saved(i, NOW + 60_000)));
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);

        Path copy = dir.resolve("copy.mv");
        Files.copy(file, copy); // what a restarted process would find on disk
        try (SavedRecords store = SavedRecords.open(copy)) {
            assertEquals(50, store.load(NOW).records().size());
        }
        abandoned.close();
    }

    @Test
    void saveLater_reachesTheFileWithinTheCommitDelay() throws Exception {
        Path file = dir.resolve("records.mv");
        SavedRecords store = SavedRecords.open(file);
        store.saveLater(saved(7, NOW + 60_000));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int found = 0;
        while (found == 0 && System.nanoTime() < deadline) {
            Path copy = dir.resolve("copy-" + System.nanoTime() + ".mv");
            Files.copy(file, copy);
            try (SavedRecords read = SavedRecords.open(copy)) {
                found = read.load(NOW).records().size();
            }
        }
        assertEquals(1, found);
        store.close();
    }

    @Test
    void anOlderSeq_neverReplacesANewerOne_andTheSameSeqKeepsTheLaterExpiry() throws Exception {
        Path file = dir.resolve("records.mv");
        byte[] salt = "k".getBytes(StandardCharsets.UTF_8);
        RecordsFile.Saved newer = new RecordsFile.Saved(SignedRecord.sign(OWNER, salt, 2,
                "two".getBytes(StandardCharsets.UTF_8)), NOW + 60_000);
        RecordsFile.Saved older = new RecordsFile.Saved(SignedRecord.sign(OWNER, salt, 1,
                "one".getBytes(StandardCharsets.UTF_8)), NOW + 120_000);
        try (SavedRecords store = SavedRecords.open(file)) {
            store.saveDurably(newer).get(10, TimeUnit.SECONDS);
            store.saveLater(older); // a replica of the old version, saved after the acknowledged one
            store.saveLater(new RecordsFile.Saved(newer.record(), NOW + 30_000)); // a shorter copy
            assertEquals(List.of(newer), store.load(NOW).records());
            store.saveLater(new RecordsFile.Saved(newer.record(), NOW + 90_000)); // a refresh
            assertEquals(NOW + 90_000, store.load(NOW).records().get(0).expiresAtEpochMillis());
        }
    }

    @Test
    void load_dropsAndRemovesExpiredRecords() throws Exception {
        Path file = dir.resolve("records.mv");
        try (SavedRecords store = SavedRecords.open(file)) {
            store.saveDurably(saved(1, NOW + 60_000)).get(10, TimeUnit.SECONDS);
            store.saveDurably(saved(2, NOW - 1)).get(10, TimeUnit.SECONDS);
            RecordsFile.Loaded loaded = store.load(NOW);
            assertEquals(1, loaded.records().size());
            assertEquals(1, loaded.expired());
            assertEquals(1, store.size());
        }
    }

    @Test
    void aTruncatedStore_keepsTheEntriesOfItsCompleteCommits() throws Exception {
        Path file = dir.resolve("records.mv");
        try (SavedRecords store = SavedRecords.open(file)) {
            for (int i = 0; i < 20; i++) store.saveDurably(saved(i, NOW + 60_000)).get(10, TimeUnit.SECONDS);
        }
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 100);
        }
        try (SavedRecords store = SavedRecords.open(file)) {
            int kept = store.load(NOW).records().size();
            assertTrue(kept >= 15, "kept " + kept + " of 20 records");
        }
    }

    @Test
    void aFileThatIsNoStore_isSetAsideAndANewOneStarted() throws Exception {
        Path file = dir.resolve("records.mv");
        Files.writeString(file, "this is not an MVStore file, just some text that got here by mistake\n".repeat(100));
        try (SavedRecords store = SavedRecords.open(file)) {
            assertEquals(0, store.load(NOW).records().size());
            store.saveDurably(saved(1, NOW + 60_000)).get(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(dir.resolve("records.mv.corrupt-1")));
    }
}
