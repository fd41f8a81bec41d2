package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.routing.Id;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void keygen_writesAnOwnerOnlyIdentityAndPrintsItsIdAndPublicKey() throws Exception {
        Path file = dir.resolve("me.key");
        Run run = cli("keygen", "--out", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Identity identity = IdentityFile.load(file);
        String[] lines = run.out().strip().split("\n");
        assertEquals("node_id " + Id.fromPublicKey(identity.publicKey()).toHex(), lines[0]);
        assertEquals("public_key " + HexFormat.of().formatHex(identity.publicKey()), lines[1]);
    }

    @Test
    void keygen_refusesToOverwriteAFileAndNamesIt() throws Exception {
        Path file = dir.resolve("me.key");
        assertEquals(0, cli("keygen", "--out", file.toString()).exitCode());
        byte[] before = Files.readAllBytes(file);

        Run again = cli("keygen", "--out", file.toString());

        assertEquals(Main.FAILED, again.exitCode());
        assertTrue(again.err().contains(file.toString()) && again.err().contains("already exists"), again.err());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void keygen_withForce_replacesAnExistingFile() throws Exception {
        Path file = dir.resolve("me.key");
        assertEquals(0, cli("keygen", "--out", file.toString()).exitCode());
        Identity before = IdentityFile.load(file);

        Run forced = cli("keygen", "--out", file.toString(), "--force");

        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(!before.equals(IdentityFile.load(file)), "a new identity");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void keygen_intoAMissingDirectory_failsNamingIt() {
        Run run = cli("keygen", "--out", dir.resolve("nowhere/me.key").toString());
        assertEquals(Main.FAILED, run.exitCode());
        assertTrue(run.err().contains("nowhere"), run.err());
    }

    @Test
    void keygen_withoutOut_isAUsageError() {
        Run run = cli("keygen");
        assertEquals(Main.USAGE, run.exitCode());
        assertTrue(run.err().contains("--out"), run.err());
    }
}
