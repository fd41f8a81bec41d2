package io.kadring.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class VerifiedSignaturesTest {
    private static final byte[] MESSAGE = "kadring-node-v1 record".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger checks = new AtomicInteger();
    private final VerifiedSignatures memo = new VerifiedSignatures(16, (k, m, s) -> {
        checks.incrementAndGet();
        return Identity.verify(k, m, s);
    });

    private static Identity identity(int seed) {
        byte[] bytes = new byte[Identity.SEED_BYTES];
        bytes[0] = (byte) seed;
        bytes[1] = (byte) (seed >> 8);
        return Identity.fromSeed(bytes);
    }

    private static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 1;
        return copy;
    }

    @Test
    void aSignatureVerifiedOnce_isNotCheckedAgain() {
        Identity id = identity(1);
        byte[] signature = id.sign(MESSAGE);
        assertTrue(memo.verify(id.publicKey(), MESSAGE, signature));
        assertTrue(memo.verify(id.publicKey(), MESSAGE.clone(), signature.clone()), "equal bytes, other arrays");
        assertEquals(1, checks.get());
        assertEquals(1, memo.size());
    }

    @Test
    void anythingChangedInTheTriple_isCheckedAndFailsEvenAfterTheOriginalPassed() {
        Identity id = identity(2);
        byte[] key = id.publicKey();
        byte[] signature = id.sign(MESSAGE);
        assertTrue(memo.verify(key, MESSAGE, signature));
        assertFalse(memo.verify(key, flipped(MESSAGE, 3), signature));
        assertFalse(memo.verify(key, MESSAGE, flipped(signature, 10)));
        assertFalse(memo.verify(identity(3).publicKey(), MESSAGE, signature));
        assertEquals(4, checks.get());
    }

    @Test
    void aFailureIsNotRemembered_soItIsCheckedEachTime() {
        Identity id = identity(4);
        byte[] bad = flipped(id.sign(MESSAGE), 0);
        assertFalse(memo.verify(id.publicKey(), MESSAGE, bad));
        assertFalse(memo.verify(id.publicKey(), MESSAGE, bad));
        assertEquals(2, checks.get());
        assertEquals(0, memo.size());
    }

    @Test
    void wrongSizesAndNulls_areFalseWithoutACheck() {
        Identity id = identity(5);
        byte[] signature = id.sign(MESSAGE);
        byte[] longKey = new byte[Identity.PUBLIC_KEY_BYTES + 1];
        System.arraycopy(id.publicKey(), 0, longKey, 0, Identity.PUBLIC_KEY_BYTES);
        assertFalse(memo.verify(longKey, MESSAGE, signature));
        assertFalse(memo.verify(id.publicKey(), MESSAGE, new byte[Identity.SIGNATURE_BYTES - 1]));
        assertFalse(memo.verify(null, MESSAGE, signature));
        assertFalse(memo.verify(id.publicKey(), null, signature));
        assertFalse(memo.verify(id.publicKey(), MESSAGE, null));
        assertEquals(0, checks.get());
    }

    @Test
    void manyDistinctSuccesses_holdAtMostTheSlots_andAnEvictedOneIsCheckedAgainAndStillPasses() {
        int n = 200;
        Identity[] ids = new Identity[n];
        byte[][] signatures = new byte[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = identity(100 + i);
            signatures[i] = ids[i].sign(MESSAGE);
            assertTrue(memo.verify(ids[i].publicKey(), MESSAGE, signatures[i]));
        }
        assertTrue(memo.size() <= 16, "bounded by its slots: " + memo.size());
        checks.set(0);
        for (int i = 0; i < n; i++) assertTrue(memo.verify(ids[i].publicKey(), MESSAGE, signatures[i]));
        assertTrue(checks.get() >= n - 16, "evicted ones are checked again: " + checks.get());
    }

    @Test
    void theSharedMemo_verifiesRealSignatures() {
        Identity id = Identity.generate(new SecureRandom(new byte[] {7}));
        byte[] signature = id.sign(MESSAGE);
        assertTrue(VerifiedSignatures.shared().verify(id.publicKey(), MESSAGE, signature));
        assertTrue(VerifiedSignatures.shared().verify(id.publicKey(), MESSAGE, signature));
        assertFalse(VerifiedSignatures.shared().verify(id.publicKey(), MESSAGE, flipped(signature, 63)));
    }

    @Test
    void slotsThatAreNoPowerOfTwo_areRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VerifiedSignatures(100));
        assertTrue(e.getMessage().contains("100"), e.getMessage());
    }
}
