package io.kadring.storage;

import static io.kadring.storage.Bep44Test.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Records against the BEP 44 test vectors ("Test Vectors" in bep_0044.rst).
 *
 * <p>How our value maps to BEP 44's {@code v}: BEP 44's {@code v} is any bencoded value, and
 * the vectors list it in bencoded form, {@code 12:Hello World!}, the byte string
 * {@code Hello World!}. Our value is raw bytes that always travel as a bencoded byte string, so
 * our value {@code Hello World!} (12 bytes) is the vectors' {@code v}, and our signing buffer
 * {@code ...1:v12:Hello World!} is byte for byte theirs.
 *
 * <p>The vectors' 64-byte "private key" is the expanded secret (clamped scalar ‖ nonce prefix),
 * not a 32-byte seed, so {@link Identity} cannot be built from it: we verify the published
 * signatures rather than reproduce them. BEP 44's target is SHA-1(public key ‖ salt), ours is
 * SHA-256(public key ‖ salt); the keys are checked separately.
 */
final class SignedRecordTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] BEP44_PUBLIC_KEY =
            HEX.parseHex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548");
    private static final byte[] BEP44_SIGNATURE_NO_SALT = HEX.parseHex(
            "305ac8aeb6c9c151fa120f120ea2cfb923564e11552d06a5d856091e5e853cff"
                    + "1260d3f39e4999684aa92eb73ffd136e6f4f3ecbfda0ce53a1608ecd7ae21f01");
    private static final byte[] BEP44_SIGNATURE_SALT_FOOBAR = HEX.parseHex(
            "6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17d"
                    + "df9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08");
    private static final byte[] HELLO = ascii("Hello World!");
    private static final byte[] FOOBAR = ascii("foobar");

    @Test
    void verifySignature_acceptsBep44TestVector1SignedElsewhere() {
        SignedRecord record = new SignedRecord(BEP44_PUBLIC_KEY, new byte[0], 1, HELLO, BEP44_SIGNATURE_NO_SALT);
        assertTrue(record.verifySignature());
    }

    @Test
    void verifySignature_acceptsBep44TestVector2WithSaltSignedElsewhere() {
        SignedRecord record = new SignedRecord(BEP44_PUBLIC_KEY, FOOBAR, 1, HELLO, BEP44_SIGNATURE_SALT_FOOBAR);
        assertTrue(record.verifySignature());
    }

    @Test
    void verifySignature_rejectsABep44VectorWithAnyFieldChanged() {
        assertFalse(new SignedRecord(BEP44_PUBLIC_KEY, new byte[0], 2, HELLO, BEP44_SIGNATURE_NO_SALT)
                .verifySignature(), "seq");
        assertFalse(new SignedRecord(BEP44_PUBLIC_KEY, ascii("foobaz"), 1, HELLO, BEP44_SIGNATURE_SALT_FOOBAR)
                .verifySignature(), "salt");
        assertFalse(new SignedRecord(BEP44_PUBLIC_KEY, FOOBAR, 1, HELLO, BEP44_SIGNATURE_NO_SALT)
                .verifySignature(), "signature of the unsalted record");
        assertFalse(new SignedRecord(BEP44_PUBLIC_KEY, new byte[0], 1, ascii("Hello World?"), BEP44_SIGNATURE_NO_SALT)
                .verifySignature(), "value");
        // the bencoded form is BEP 44's v as written; as our value it would be encoded a second time
        assertFalse(new SignedRecord(BEP44_PUBLIC_KEY, new byte[0], 1, ascii("12:Hello World!"), BEP44_SIGNATURE_NO_SALT)
                .verifySignature(), "value given in bencoded form");
    }

    @Test
    void key_isSha256OfPublicKeyAndSaltWhereBep44TargetIsSha1() throws Exception {
        SignedRecord salted = new SignedRecord(BEP44_PUBLIC_KEY, FOOBAR, 1, HELLO, BEP44_SIGNATURE_SALT_FOOBAR);
        SignedRecord unsalted = new SignedRecord(BEP44_PUBLIC_KEY, new byte[0], 1, HELLO, BEP44_SIGNATURE_NO_SALT);
        // SHA-256 values computed independently (Python hashlib)
        assertEquals("5901fe046b9fefd2a9201cc2619bee5802f11e42ebbd3143576f604f1479069b", salted.key().toHex());
        assertEquals("4058ed49c19f30dbda2d2b59c9e08953c0cd570699c52363ad04ef3f58aa6fe6", unsalted.key().toHex());
        // the same inputs give BEP 44's published targets under SHA-1
        assertEquals("411eba73b6f087ca51a3795d9c8c938d365e32c1", sha1(BEP44_PUBLIC_KEY, FOOBAR));
        assertEquals("4a533d47ec9c7d95b1ad75f576cffc641853b750", sha1(BEP44_PUBLIC_KEY));
    }

    @Test
    void immutableRecord_verifiesAndIsKeyedBySha256OfItsValue() throws Exception {
        SignedRecord record = SignedRecord.immutable(HELLO);
        assertTrue(record.verifySignature());
        assertEquals("7f83b1657ff1fc53b92dc18148a1d65dfc2d4b1fa3d677284addd200126d9069", record.key().toHex());
        // BEP 44 test 3 (immutable) hashes the bencoded v with SHA-1: same value, other hash and framing
        assertEquals("e5f96f6f38320f0f33959cb4d3d656452117aadb", sha1(ascii("12:Hello World!")));
    }

    @Test
    void sign_producesARecordThatVerifiesAndIsKeyedByTheSignersKey() {
        Identity identity = Identity.fromSeed(new byte[32]);
        SignedRecord record = SignedRecord.sign(identity, FOOBAR, 7, HELLO);

        assertTrue(record.verifySignature());
        assertArrayEquals(identity.publicKey(), record.publicKey());
        assertEquals(7, record.seq());
        assertTrue(Identity.verify(identity.publicKey(), Bep44.signingBuffer(FOOBAR, 7, HELLO), record.signature()));
        assertEquals(Id.sha256(concat(identity.publicKey(), FOOBAR)), record.key());
    }

    @Test
    void verifySignature_rejectsARecordWhoseSeqOrValueWasChangedAfterSigning() {
        SignedRecord record = SignedRecord.sign(Identity.fromSeed(new byte[32]), new byte[0], 7, HELLO);
        assertFalse(new SignedRecord(record.publicKey(), record.salt(), 8, record.value(), record.signature())
                .verifySignature());
        assertFalse(new SignedRecord(record.publicKey(), record.salt(), 7, ascii("Hello World?"), record.signature())
                .verifySignature());
        byte[] otherSeed = new byte[32];
        Arrays.fill(otherSeed, (byte) 1);
        byte[] otherKey = Identity.fromSeed(otherSeed).publicKey();
        assertFalse(new SignedRecord(otherKey, record.salt(), 7, record.value(), record.signature())
                .verifySignature());
    }

    @Test
    void constructor_acceptsTheLargestSaltAndValue() {
        Identity identity = Identity.fromSeed(new byte[32]);
        assertDoesNotThrow(() -> SignedRecord.sign(identity, new byte[64], 0, new byte[1000]));
        assertDoesNotThrow(() -> SignedRecord.immutable(new byte[1000]));
    }

    @Test
    void constructor_rejectsA65ByteSaltNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SignedRecord(new byte[32], new byte[65], 0, new byte[0], new byte[64]));
        assertTrue(e.getMessage().contains("salt") && e.getMessage().contains("65"), e.getMessage());
    }

    @Test
    void constructor_rejectsA1001ByteValueNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SignedRecord(new byte[32], new byte[0], 0, new byte[1001], new byte[64]));
        assertTrue(e.getMessage().contains("value") && e.getMessage().contains("1001"), e.getMessage());
        IllegalArgumentException immutable = assertThrows(IllegalArgumentException.class,
                () -> SignedRecord.immutable(new byte[1001]));
        assertTrue(immutable.getMessage().contains("1001"), immutable.getMessage());
    }

    @Test
    void sign_rejectsOversizedInputsWithTheSameMessages() {
        Identity identity = Identity.fromSeed(new byte[32]);
        assertThrows(IllegalArgumentException.class, () -> SignedRecord.sign(identity, new byte[65], 0, HELLO));
        assertThrows(IllegalArgumentException.class, () -> SignedRecord.sign(identity, FOOBAR, 0, new byte[1001]));
        assertThrows(IllegalArgumentException.class, () -> SignedRecord.sign(identity, FOOBAR, -1, HELLO));
    }

    private static String sha1(byte[]... parts) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (byte[] part : parts) {
            sha1.update(part);
        }
        return HEX.formatHex(sha1.digest());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
