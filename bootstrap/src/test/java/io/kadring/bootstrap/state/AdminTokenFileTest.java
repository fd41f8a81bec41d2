package io.kadring.bootstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AdminTokenFileTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("admin-token");
    }

    private void write(String text) throws IOException {
        Files.writeString(file(), text);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
    }

    private String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void firstUse_createsAnOwnerOnlyFileWith64HexDigits() throws IOException {
        String token = AdminTokenFile.readOrCreate(file());

        assertTrue(token.matches("[0-9a-f]{64}"), token);
        assertEquals(token + "\n", Files.readString(file()));
        assertEquals("rw-------", permissions(file()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void theToken_staysTheSameAcrossRestartsAndDiffersBetweenFiles() throws IOException {
        String first = AdminTokenFile.readOrCreate(file());
        assertEquals(first, AdminTokenFile.readOrCreate(file()));
        assertNotEquals(first, AdminTokenFile.readOrCreate(dir.resolve("other")));
    }

    @Test
    void aTokenWrittenByHand_isReadTrimmed() throws IOException {
        write("  my-own_token.with~all+kinds/of=chars  \n\n");
        assertEquals("my-own_token.with~all+kinds/of=chars", AdminTokenFile.readOrCreate(file()));
    }

    @Test
    void aShortToken_isRefusedNamingTheFileAndWhatIsExpected() throws IOException {
        write("tooshort\n");
        IOException e = assertThrows(IOException.class, () -> AdminTokenFile.readOrCreate(file()));
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("at least 16 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("tooshort"), "the message never shows the token: " + e.getMessage());
    }

    @Test
    void anEmptyFileOrOneWithOtherCharacters_isRefused() throws IOException {
        for (String text : new String[] {"", "\n", "a token with spaces in it", "line-one-is-long\nline-two-is-long",
                "tökenwithumlautsinit"}) {
            write(text);
            IOException e = assertThrows(IOException.class, () -> AdminTokenFile.readOrCreate(file()), text);
            assertTrue(e.getMessage().startsWith("admin token file " + file()), e.getMessage());
            assertTrue(e.getMessage().contains("A-Z a-z 0-9"), e.getMessage());
        }
    }

    @Test
    void aFileOthersCanRead_isRefusedAndLeftAlone() throws IOException {
        String token = AdminTokenFile.readOrCreate(file());
        for (String open : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"}) {
            Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString(open));
            IOException e = assertThrows(IOException.class, () -> AdminTokenFile.readOrCreate(file()), open);
            assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
            assertTrue(e.getMessage().contains(open), e.getMessage());
            assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
            assertEquals(open, permissions(file()));
            assertEquals(token + "\n", Files.readString(file()));
        }
    }

    @Test
    void aDirectoryInTheWay_orAMissingParent_isRefusedNamingThePath() throws IOException {
        Files.createDirectory(file());
        IOException notAFile = assertThrows(IOException.class, () -> AdminTokenFile.readOrCreate(file()));
        assertTrue(notAFile.getMessage().contains("not a regular file"), notAFile.getMessage());

        Path nowhere = dir.resolve("missing").resolve("admin-token");
        IOException noDir = assertThrows(IOException.class, () -> AdminTokenFile.readOrCreate(nowhere));
        assertTrue(noDir.getMessage().contains(nowhere.toString()), noDir.getMessage());
        assertTrue(noDir.getMessage().contains("does not exist"), noDir.getMessage());
    }
}
