package io.kadring.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class IdentityFileTest {
    @TempDir
    Path dir;

    private final Identity identity = Identity.fromSeed(IdentityTest.seed(7));

    @Test
    void load_returnsTheIdentityThatWasSaved() throws IOException {
        Path file = dir.resolve("node.key");
        IdentityFile.save(identity, file);

        Identity loaded = IdentityFile.load(file);
        assertEquals(identity, loaded);
        assertArrayEquals(identity.seed(), loaded.seed());
    }

    @Test
    void save_writesTheDocumentedTextFormatAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("node.key");
        IdentityFile.save(identity, file);

        String expected = "kadring-identity-v1\n" + HexFormat.of().formatHex(identity.seed()) + "\n";
        assertEquals(expected, Files.readString(file, StandardCharsets.US_ASCII));
        assertEquals(IdentityFile.FILE_BYTES, Files.size(file));
        assertEquals(List.of("node.key"), list(dir));
    }

    @Test
    void save_createsTheFileReadableAndWritableByTheOwnerOnly() throws IOException {
        assumePosix();
        Path file = dir.resolve("node.key");
        IdentityFile.save(identity, file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void save_refusesToOverwriteAnExistingFileUnlessTold() throws IOException {
        Path file = dir.resolve("node.key");
        IdentityFile.save(identity, file);
        Identity other = Identity.fromSeed(IdentityTest.seed(8));

        IdentityFileException e = assertThrows(IdentityFileException.class, () -> IdentityFile.save(other, file));
        assertMessageNames(e, file, "already exists");
        assertEquals(identity, IdentityFile.load(file));

        IdentityFile.save(other, file, true);
        assertEquals(other, IdentityFile.load(file));
        assertEquals(List.of("node.key"), list(dir));
    }

    @Test
    void load_refusesAMissingFile() {
        Path file = dir.resolve("absent.key");
        assertMessageNames(assertThrows(IdentityFileException.class, () -> IdentityFile.load(file)),
                file, "does not exist");
    }

    @Test
    void load_refusesADirectory() {
        assertMessageNames(assertThrows(IdentityFileException.class, () -> IdentityFile.load(dir)),
                dir, "not a regular file");
    }

    @Test
    void load_refusesAFileOfTheWrongSize() throws IOException {
        Path file = write("short.key", "kadring-identity-v1\n00\n");
        IdentityFileException e = assertThrows(IdentityFileException.class, () -> IdentityFile.load(file));
        assertMessageNames(e, file, "wrong size");
        assertTrue(e.getMessage().contains("expected 85 bytes") && e.getMessage().contains("got 23"), e.getMessage());
    }

    @Test
    void load_refusesAFileWithABadHeader() throws IOException {
        Path file = write("header.key", "kadring-identity-v2\n" + "ab".repeat(32) + "\n");
        assertMessageNames(assertThrows(IdentityFileException.class, () -> IdentityFile.load(file)),
                file, "corrupt: the first line is not 'kadring-identity-v1'");
    }

    @Test
    void load_refusesASeedThatIsNotHex() throws IOException {
        Path file = write("hex.key", "kadring-identity-v1\n" + "zz".repeat(32) + "\n");
        IdentityFileException e = assertThrows(IdentityFileException.class, () -> IdentityFile.load(file));
        assertMessageNames(e, file, "corrupt: the seed is not 64 hex digits");
        assertFalse(e.getMessage().contains("zz"), "no file content in the message: " + e.getMessage());
    }

    @Test
    void load_refusesASeedLineWithoutItsNewline() throws IOException {
        Path file = write("newline.key", "kadring-identity-v1\n" + "ab".repeat(32) + " ");
        assertMessageNames(assertThrows(IdentityFileException.class, () -> IdentityFile.load(file)),
                file, "corrupt");
    }

    @ParameterizedTest(name = "{0}: readable by {1}")
    @CsvSource({"rw-r-----, group", "rw----r--, others", "rw-r--r--, group and others"})
    void load_refusesAFileOthersCanReadAndSaysHowToFixIt(String permissions, String who) throws IOException {
        assumePosix();
        Path file = saved("readable.key", permissions);
        IdentityFileException e = assertThrows(IdentityFileException.class, () -> IdentityFile.load(file));
        assertEquals("identity file " + file + " is readable by " + who + " (" + permissions + "); run chmod 600 "
                + file, e.getMessage());
    }

    @Test
    void load_refusesAFileTheGroupCanWrite() throws IOException {
        assumePosix();
        Path writable = saved("writable.key", "rw--w----");
        assertMessageNames(assertThrows(IdentityFileException.class, () -> IdentityFile.load(writable)),
                writable, "is accessible by group (rw--w----)");
    }

    @Test
    void load_acceptsAnOwnerReadOnlyFile() throws IOException {
        assumePosix();
        assertEquals(identity, IdentityFile.load(saved("readonly.key", "r--------")));
    }

    private Path saved(String name, String permissions) throws IOException {
        Path file = dir.resolve(name);
        IdentityFile.save(identity, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    /** A file with {@code content}, owner-only where POSIX, so only the content is at fault. */
    private Path write(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
        if (isPosix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private static void assertMessageNames(IdentityFileException e, Path file, String problem) {
        String message = e.getMessage();
        assertTrue(message.startsWith("identity file " + file + " "), message);
        assertTrue(message.contains(problem), message);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private boolean isPosix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private void assumePosix() {
        assumeTrue(isPosix(), "needs a POSIX file system");
    }
}
