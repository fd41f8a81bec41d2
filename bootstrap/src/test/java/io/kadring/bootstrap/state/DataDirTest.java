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
        DataDir dir = DataDir.open(root);
        dir.identity();
        assertEquals("rwx------", permissions(root));
        assertEquals("rw-------", permissions(root.resolve("identity")));
    }

    @Test
    void identity_staysTheSameAcrossRestarts() throws IOException {
        Identity first = DataDir.open(parent.resolve("data")).identity();
        Identity again = DataDir.open(parent.resolve("data")).identity();
        assertEquals(first, again);
    }

    @Test
    void aCorruptIdentity_isSetAsideAndReplaced() throws IOException {
        DataDir dir = DataDir.open(parent.resolve("data"));
        Identity first = dir.identity();
        Files.writeString(dir.identityPath(), "kadring-identity-v1\ntruncated");

        Identity second = dir.identity();

        assertNotEquals(first, second);
        assertTrue(Files.exists(dir.root().resolve("identity.corrupt-1")));
        assertEquals(second, DataDir.open(dir.root()).identity());
    }

    @Test
    void anIdentityOthersCanRead_isRefusedAndLeftAlone() throws IOException {
        DataDir dir = DataDir.open(parent.resolve("data"));
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
