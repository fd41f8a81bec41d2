package io.kadring.bootstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RecordsFileTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final Identity OWNER = Identity.fromSeed(new byte[32]);

    @TempDir
    Path dir;

    private RecordsFile file() {
        return new RecordsFile(dir.resolve("records"));
    }

    private static SignedRecord record(String salt, long seq, String value) {
        return SignedRecord.sign(OWNER, salt.getBytes(StandardCharsets.UTF_8), seq, value.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void records_surviveARoundTripWithTheirExpiry() throws IOException {
        List<RecordsFile.Saved> saved = List.of(
                new RecordsFile.Saved(record("", 1, "hello"), NOW + 60_000),
                new RecordsFile.Saved(record("salt", 7, ""), NOW + 1),
                new RecordsFile.Saved(SignedRecord.immutable(new byte[] {0, (byte) 0xff, 10, 32}), NOW + 5_000));
        file().write(saved);
        RecordsFile.Loaded loaded = file().read(NOW);
        assertEquals(saved, loaded.records());
        assertEquals(0, loaded.expired());
        assertEquals(0, loaded.invalid());
        assertEquals(60_000, loaded.records().get(0).remainingMillis(NOW));
    }

    @Test
    void write_producesTheDocumentedTextAndNoLeftoverFiles() throws IOException {
        SignedRecord r = record("", 3, "hi");
        file().write(List.of(new RecordsFile.Saved(r, NOW)));
        String text = Files.readString(dir.resolve("records"));
        String[] lines = text.split("\n");
        assertEquals(3, lines.length, text);
        assertEquals("kadring-records-v1", lines[0]);
        String[] fields = lines[1].split(" ");
        assertEquals(List.of(r.key().toHex(), Long.toString(NOW), java.util.HexFormat.of().formatHex(r.publicKey()), "-",
                "3", java.util.HexFormat.of().formatHex(r.signature()), "aGk="), List.of(fields));
        assertEquals("end 1", lines[2]);
        assertEquals(List.of("records"), names());
    }

    @Test
    void expiredRecords_areDroppedAndCounted() throws IOException {
        file().write(List.of(new RecordsFile.Saved(record("a", 1, "gone"), NOW),
                new RecordsFile.Saved(record("b", 1, "gone too"), NOW - 1),
                new RecordsFile.Saved(record("c", 1, "alive"), NOW + 1)));
        RecordsFile.Loaded loaded = file().read(NOW);
        assertEquals(1, loaded.records().size());
        assertEquals("alive", new String(loaded.records().get(0).record().value(), StandardCharsets.UTF_8));
        assertEquals(2, loaded.expired());
        assertEquals(0, loaded.invalid());
    }

    @Test
    void invalidLines_areDroppedAndCountedAndTheRestIsKept() throws IOException {
        SignedRecord good = record("", 1, "good");
        SignedRecord other = record("other", 1, "other");
        file().write(List.of(new RecordsFile.Saved(good, NOW + 1000), new RecordsFile.Saved(other, NOW + 1000)));
        List<String> lines = Files.readAllLines(dir.resolve("records"));
        String line = lines.get(1);
        String[] f = line.split(" ");
        String badSignature = String.join(" ", f[0], f[1], f[2], f[3], "2", f[5], f[6]); // seq changed: not signed
        String wrongKey = String.join(" ", lines.get(2).split(" ")[0], f[1], f[2], f[3], f[4], f[5], f[6]);
        String notHex = String.join(" ", f[0], f[1], "zz", f[3], f[4], f[5], f[6]);
        String fewFields = f[0] + " " + f[1];
        String badNumber = String.join(" ", f[0], "soon", f[2], f[3], f[4], f[5], f[6]);
        List<String> tampered = List.of(lines.get(0), badSignature, wrongKey, notHex, fewFields, badNumber, line,
                "end 6");
        Files.write(dir.resolve("records"), tampered);
        RecordsFile.Loaded loaded = file().read(NOW);
        assertEquals(List.of(new RecordsFile.Saved(good, NOW + 1000)), loaded.records());
        assertEquals(5, loaded.invalid());
        assertEquals(0, loaded.expired());
    }

    @Test
    void noFile_readsAsNothing() throws IOException {
        RecordsFile.Loaded loaded = file().read(NOW);
        assertEquals(List.of(), loaded.records());
        assertEquals(List.of(), names());
    }

    @Test
    void aTruncatedFile_isSetAsideAndReadAsNothing() throws IOException {
        file().write(List.of(new RecordsFile.Saved(record("", 1, "x"), NOW + 1000),
                new RecordsFile.Saved(record("s", 1, "y"), NOW + 1000)));
        String text = Files.readString(dir.resolve("records"));
        Files.writeString(dir.resolve("records"), text.substring(0, text.indexOf("end")));
        assertEquals(List.of(), file().read(NOW).records());
        assertEquals(List.of("records.corrupt-1"), names());
    }

    @Test
    void aFileOfAnotherFormat_isSetAside() throws IOException {
        Files.writeString(dir.resolve("records"), "kadring-records-v9\nend 0\n");
        assertEquals(List.of(), file().read(NOW).records());
        Files.write(dir.resolve("records"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertEquals(List.of(), file().read(NOW).records());
        assertEquals(List.of("records.corrupt-1", "records.corrupt-2"), names());
    }

    @Test
    void anEmptyList_isAValidFile() throws IOException {
        file().write(List.of());
        assertEquals("kadring-records-v1\nend 0\n", Files.readString(dir.resolve("records")));
        RecordsFile.Loaded loaded = file().read(NOW);
        assertTrue(loaded.records().isEmpty());
        assertEquals(List.of("records"), names());
    }
}
