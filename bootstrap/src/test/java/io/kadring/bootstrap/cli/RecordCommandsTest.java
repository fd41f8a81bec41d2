package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.crypto.Hashes;
import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** put and get through two peers running in this JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RecordCommandsTest {
    private static final String KEY_LINE = "[0-9a-f]{64}\n";

    private PeerProcess first;
    private PeerProcess second;
    private String firstAdmin;
    private String secondAdmin;
    private Path dir;
    private Path identityFile;
    private Identity identity;

    @BeforeAll
    void startPeers(@TempDir Path dir) throws Exception {
        this.dir = dir;
        first = TestPeers.start(dir.resolve("first"));
        first.joined().get(10, TimeUnit.SECONDS);
        second = TestPeers.start(dir.resolve("second"), first.udpAddress());
        second.joined().get(10, TimeUnit.SECONDS);
        TestPeers.await(Duration.ofSeconds(20), "the first peer to know the second",
                () -> first.node().contacts().join().size() == 1);
        firstAdmin = "127.0.0.1:" + first.adminPort();
        secondAdmin = "127.0.0.1:" + second.adminPort();
        identityFile = dir.resolve("me.key");
        assertEquals(0, cli("keygen", "--out", identityFile.toString()).exitCode());
        identity = IdentityFile.load(identityFile);
    }

    @AfterAll
    void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
    }

    private String keyOf(String salt) {
        return Id.of(Hashes.sha256(identity.publicKey(), salt.getBytes(StandardCharsets.UTF_8))).toHex();
    }

    private Run put(String admin, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "put";
        args[1] = "--admin=" + admin;
        args[2] = "--identity";
        args[3] = identityFile.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return cli(args);
    }

    @Test
    void put_printsTheKeyAloneOnStdoutAndTheHoldersOnStderr_andGetThroughAnotherPeerPrintsTheValue() {
        Run put = put(secondAdmin, "--salt", "greeting", "hello world");
        assertEquals(0, put.exitCode(), put.err());
        assertTrue(put.out().matches(KEY_LINE), put.out());
        assertEquals(keyOf("greeting") + "\n", put.out());
        assertEquals("stored by 2 of 2 holders (seq 1, 2 required)\n", put.err());

        Run get = cli("get", "--admin", firstAdmin, keyOf("greeting"));
        assertEquals(0, get.exitCode(), get.err());
        assertEquals("hello world", get.out());
        assertEquals("", get.err());
    }

    @Test
    void eachPut_takesTheNextSeq() {
        for (int seq = 1; seq <= 3; seq++) {
            Run put = put(seq % 2 == 0 ? firstAdmin : secondAdmin, "--salt", "counter", "v" + seq);
            assertEquals(0, put.exitCode(), put.err());
            assertTrue(put.err().contains("(seq " + seq + ","), put.err());
        }
        Run json = cli("get", "--admin", firstAdmin, "--json", keyOf("counter"));
        assertEquals(0, json.exitCode(), json.err());
        JsonObject record = new JsonObject(json.out());
        assertEquals(3, record.getLong("seq"));
        assertEquals("djM=", record.getString("value"));
        assertEquals(keyOf("counter"), record.getString("key"));
    }

    @Test
    void putWithJson_printsTheStoreResult_andARejectionAsOneErrorObjectWithItsReason() {
        Run put = put(secondAdmin, "--json", "--salt", "json", "v1");
        assertEquals(0, put.exitCode(), put.err());
        assertEquals("", put.err());
        JsonObject result = new JsonObject(put.out());
        assertEquals(keyOf("json"), result.getString("key"));
        assertEquals(1, result.getLong("seq"));
        assertEquals(2, result.getInteger("stored"));

        Run stale = put(firstAdmin, "--json", "--salt", "json", "--cas", "5", "v2");
        assertEquals(Main.FAILED, stale.exitCode(), stale.err());
        JsonObject error = new JsonObject(stale.out());
        assertEquals(java.util.Set.of("error", "reason"), error.fieldNames());
        assertEquals("CAS_MISMATCH", error.getString("reason"));
        assertTrue(error.getString("error").startsWith("the record was not stored: rejected by "), stale.out());
    }

    @Test
    void casOnTheSeqHeld_stores_andCasOnAnotherSeqFailsNamingTheReason() {
        assertEquals(0, put(secondAdmin, "--salt", "cas", "first").exitCode());
        Run wrong = put(secondAdmin, "--salt", "cas", "--cas", "7", "stale");
        assertEquals(Main.FAILED, wrong.exitCode());
        assertEquals("", wrong.out());
        assertTrue(wrong.err().contains("CAS_MISMATCH"), wrong.err());
        assertTrue(wrong.err().contains("code 6"), wrong.err());

        Run right = put(firstAdmin, "--salt", "cas", "--cas", "1", "second");
        assertEquals(0, right.exitCode(), right.err());
        assertTrue(right.err().contains("(seq 2,"), right.err());
        assertEquals("second", cli("get", "--admin", secondAdmin, keyOf("cas")).out());
    }

    @Test
    void aValueFromAFile_comesBackByteForByte() throws Exception {
        byte[] value = new byte[SignedRecord.MAX_VALUE_BYTES];
        for (int i = 0; i < value.length; i++) value[i] = (byte) (i * 37);
        Path file = dir.resolve("value.bin");
        Files.write(file, value);
        Run put = put(secondAdmin, "--salt", "binary", "@" + file);
        assertEquals(0, put.exitCode(), put.err());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Main.run(out, new PrintWriter(err), Map.of(), "get", "--admin", firstAdmin, keyOf("binary"));
        assertEquals(0, code, err.toString());
        assertArrayEquals(value, out.toByteArray());
    }

    @Test
    void aValueOverTheLimit_isAUsageError() throws Exception {
        Run text = put(secondAdmin, "x".repeat(SignedRecord.MAX_VALUE_BYTES + 1));
        assertEquals(Main.USAGE, text.exitCode());
        assertTrue(text.err().contains("1001 bytes"), text.err());
        Path file = dir.resolve("big");
        Files.write(file, new byte[SignedRecord.MAX_VALUE_BYTES + 1]);
        Run fromFile = put(secondAdmin, "@" + file);
        assertEquals(Main.USAGE, fromFile.exitCode());
        assertTrue(fromFile.err().contains(file.toString()), fromFile.err());
    }

    @Test
    void aSaltOverTheLimit_orANegativeCas_isAUsageError() {
        assertEquals(Main.USAGE, put(secondAdmin, "--salt", "s".repeat(65), "v").exitCode());
        assertEquals(Main.USAGE, put(secondAdmin, "--cas", "-1", "v").exitCode());
        assertEquals(Main.USAGE, put(secondAdmin, "--cas", "one", "v").exitCode());
    }

    @Test
    void aMissingValueFileOrIdentityFile_failsNamingIt() {
        Run noValue = put(secondAdmin, "@" + dir.resolve("nope"));
        assertEquals(Main.FAILED, noValue.exitCode());
        assertTrue(noValue.err().contains("nope"), noValue.err());
        Run noIdentity = cli("put", "--admin", secondAdmin, "--identity", dir.resolve("missing.key").toString(), "v");
        assertEquals(Main.FAILED, noIdentity.exitCode());
        assertTrue(noIdentity.err().contains("missing.key"), noIdentity.err());
    }

    @Test
    void get_ofAKeyNobodyHas_exitsOneWithNotFound() {
        Run get = cli("get", "--admin", secondAdmin, "12".repeat(32));
        assertEquals(Main.FAILED, get.exitCode());
        assertEquals("", get.out());
        assertEquals("kadring: not found: no record under key " + "12".repeat(32) + "\n", get.err());
    }

    @Test
    void get_withAMalformedKey_isAUsageError() {
        Run get = cli("get", "--admin", secondAdmin, "abc");
        assertEquals(Main.USAGE, get.exitCode());
        assertTrue(get.err().contains("'abc'"), get.err());
    }
}
