package io.kadring.crypto;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Ed25519 checks that succeeded, remembered so that the same signed bytes cost one check, however
 * many times (and by however many nodes of one JVM) they are checked: a node record reaches every
 * node its owner asks, and each used to verify it anew.
 *
 * <p>Verification is a pure function of (public key, message, signature), so remembering a
 * success is safe as long as nothing else can pass for it. Each entry is the SHA-256 of the whole
 * triple (key and signature fixed-size first, so the concatenation is unambiguous): a forged triple
 * hits only with a SHA-256 second preimage. Failures are never remembered, so nothing a remote
 * sends can make a bad signature pass or a good one fail. Bounded: {@code slots} digests,
 * direct-mapped by their first bytes (a newer success replaces an older in its slot; an evicted
 * one is only checked again). Thread-safe: nodes on several event-loop threads share one.
 */
public final class VerifiedSignatures {
    /**
     * Slots of {@link #shared()}: many times the records a node meets in its table, ring and
     * lookups; about 100 KiB when full.
     */
    public static final int SHARED_SLOTS = 2048;
    private static final VerifiedSignatures SHARED = new VerifiedSignatures(SHARED_SLOTS);

    /** The check behind the memo: {@link Identity#verify}, or a counting one in tests. */
    @FunctionalInterface
    interface Check {
        boolean verify(byte[] publicKey, byte[] message, byte[] signature);
    }

    private final AtomicReferenceArray<byte[]> slots;
    private final int mask;
    private final Check check;

    /** An empty memo of {@code slots} digests (a power of two). */
    public VerifiedSignatures(int slots) {
        this(slots, Identity::verify);
    }

    VerifiedSignatures(int slots, Check check) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a positive power of two, got " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
        this.check = check;
    }

    /** The one memo of this JVM ({@value #SHARED_SLOTS} slots). */
    public static VerifiedSignatures shared() {
        return SHARED;
    }

    /**
     * As {@link Identity#verify}: whether {@code signature} is a valid Ed25519 signature of
     * {@code message} by {@code publicKey}; false for wrong sizes, never an exception. Checked with
     * Ed25519 unless these very bytes verified before.
     */
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != Identity.PUBLIC_KEY_BYTES || signature.length != Identity.SIGNATURE_BYTES) {
            return false;
        }
        byte[] digest = Hashes.sha256(publicKey, signature, message);
        int slot = slotOf(digest);
        byte[] held = slots.get(slot);
        if (held != null && Arrays.equals(held, digest)) return true;
        if (!check.verify(publicKey, message, signature)) return false;
        slots.set(slot, digest);
        return true;
    }

    /** Successes remembered now (at most the slots). */
    public int size() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) n++;
        }
        return n;
    }

    private int slotOf(byte[] digest) {
        int h = (digest[0] & 0xff) | (digest[1] & 0xff) << 8 | (digest[2] & 0xff) << 16 | (digest[3] & 0xff) << 24;
        return h & mask;
    }
}
