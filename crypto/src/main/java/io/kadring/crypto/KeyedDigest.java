package io.kadring.crypto;

import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A 64-bit fingerprint of byte strings under a secret key (SipHash-2-4, BouncyCastle's): what a
 * node remembers of something it checked, instead of the thing. Without the key, finding two
 * inputs with one fingerprint takes about 2^64 tries made blind, so a remote cannot make a
 * forged input pass for a remembered one. Not thread-safe: one per owner.
 */
public final class KeyedDigest {
    private static final int KEY_BYTES = 16;

    private final SipHash mac = new SipHash();

    /** A digest under a key drawn from {@code random} (the node's seeded generator). */
    public KeyedDigest(RandomGenerator random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        mac.init(new KeyParameter(key));
    }

    /** The fingerprint of the concatenation of {@code parts}. */
    public long of(byte[]... parts) {
        for (byte[] part : parts) mac.update(part, 0, part.length);
        return mac.doFinal(); // and resets for the next
    }
}
