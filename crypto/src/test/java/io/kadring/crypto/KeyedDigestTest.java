package io.kadring.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class KeyedDigestTest {
    @Test
    void theSameBytesGiveTheSameFingerprint_otherBytesOrKeysAnother() {
        KeyedDigest d = new KeyedDigest(new SplittableRandom(1));
        byte[] a = {1, 2, 3};
        long first = d.of(a, new byte[] {4});
        assertEquals(first, d.of(a, new byte[] {4}), "resets between calls");
        assertEquals(first, d.of(new byte[] {1, 2, 3, 4}), "parts are concatenated");
        assertNotEquals(first, d.of(new byte[] {1, 2, 3, 5}));
        assertNotEquals(first, new KeyedDigest(new SplittableRandom(2)).of(a, new byte[] {4}), "another key");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) seen.add(d.of(new byte[] {(byte) i, (byte) (i >> 8)}));
        assertEquals(10_000, seen.size());
    }
}
