package io.kadring.bootstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DataDirTest {
    @TempDir
    Path parent;

    private String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void firstUse_createsAnOwnerOnlyDirectoryAndIdentity() throws IOException {
        Path root = parent.resolve("data");
        try (DataDir dir = DataDir.open(root)) {
            dir.identity();
        }
        assertEquals("rwx------", permissions(root));
        assertEquals("rw-------", permissions(root.resolve("identity")));
    }

    @Test
    void identity_staysTheSameAcrossRestarts() throws IOException {
        Identity first;
        try (DataDir dir = DataDir.open(parent.resolve("data"))) {
            first = dir.identity();
        }
        try (DataDir dir = DataDir.open(parent.resolve("data"))) {
            assertEquals(first, dir.identity());
            assertTrue(dir.hasHistory());
        }
    }

    @Test
    void aDamagedIdentity_stopsThePeerNamingTheFile_andNewIdentityReplacesIt() throws IOException {
        Identity first;
        Path root = parent.resolve("data");
        try (DataDir dir = DataDir.open(root)) {
            first = dir.identity();
            Files.writeString(dir.identityPath(), "kadring-identity-v1\ntruncated");

            var e = assertThrows(IOException.class, dir::identity);
            assertTrue(e.getMessage().contains(dir.identityPath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("--new-identity"), e.getMessage());
            assertEquals("kadring-identity-v1\ntruncated", Files.readString(dir.identityPath()), "left as it was");

            Identity second = dir.identity(true);
            assertNotEquals(first, second);
            assertTrue(Files.exists(root.resolve("identity.replaced-1")));
        }
        try (DataDir again = DataDir.open(root)) {
            assertNotEquals(first, again.identity());
            assertTrue(again.hasHistory());
        }
    }

    @Test
    void aSecondOpenOfALockedDirectory_isRefusedNamingTheProcess() throws IOException {
        Path root = parent.resolve("data");
        try (DataDir held = DataDir.open(root)) {
            var e = assertThrows(DataDirInUseException.class, () -> DataDir.open(root));
            assertEquals("data directory " + root + " is in use by process " + ProcessHandle.current().pid()
                    + "; run one peer per data directory (give this one another --data-dir)", e.getMessage());
        }
        DataDir.open(root).close(); // free again once closed
    }

    @Test
    void open_removesTemporaryFilesOfInterruptedSaves_andKeepsTheRest() throws IOException {
        Path root = parent.resolve("data");
        DataDir.open(root).close();
        Files.writeString(root.resolve(".contacts.123456.tmp"), "half");
        Files.writeString(root.resolve("contacts"), "kept");
        try (DataDir dir = DataDir.open(root)) {
            assertTrue(Files.notExists(root.resolve(".contacts.123456.tmp")));
            assertEquals("kept", Files.readString(root.resolve("contacts")));
            assertTrue(!dir.hasHistory(), "no identity was made yet");
        }
    }

    @Test
    void anIdentityOthersCanRead_isRefusedAndLeftAlone() throws IOException {
        DataDir dir = DataDir.open(parent.resolve("data"));
        dir.close();
        dir.identity();
        Files.setPosixFilePermissions(dir.identityPath(), PosixFilePermissions.fromString("rw-r--r--"));

        var e = assertThrows(IdentityFileException.class, dir::identity);

        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertEquals("rw-r--r--", permissions(dir.identityPath()));
    }

    @Test
    void aFileWhereTheDirectoryShouldBe_isRefusedNamingIt() throws IOException {
        Path root = Files.writeString(parent.resolve("data"), "x");
        var e = assertThrows(IOException.class, () -> DataDir.open(root));
        assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
    }
}
