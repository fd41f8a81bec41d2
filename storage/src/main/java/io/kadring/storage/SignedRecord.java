package io.kadring.storage;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record as docs/design.md ("Records and lifetimes") defines it: a mutable record is
 * {@code (publicKey 32 B, salt ≤ 64 B, seq, value ≤ 1000 B, signature 64 B)} with key
 * SHA-256(publicKey ‖ salt); an immutable record has no key pair (empty public key, salt
 * and signature, seq 0) and key SHA-256(value). A tombstone is a mutable record flagged
 * {@link #isDeleted() deleted}, with an empty value, signed over {@link Bep44#tombstoneSigningBuffer}
 * so that the flag is covered by the signature: it says the key was deleted at its seq.
 *
 * <p>The constructor checks sizes only; {@link #verifySignature()} checks the Ed25519 signature
 * over the {@link Bep44} signing buffer, and the rest of acceptance (seq order, quotas) is
 * {@code RecordValidator}'s business. Byte arrays are copied in and out.
 */
public final class SignedRecord {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    public static final int MAX_SALT_BYTES = 64;
    public static final int MAX_VALUE_BYTES = 1000;

    private final byte[] publicKey;
    private final byte[] salt;
    private final long seq;
    private final byte[] value;
    private final byte[] signature;
    private final boolean deleted;
    private int hash;

    /** A record with a value (not a tombstone). */
    public SignedRecord(byte[] publicKey, byte[] salt, long seq, byte[] value, byte[] signature) {
        this(publicKey, salt, seq, value, signature, false);
    }

    /**
     * @param deleted a tombstone: then the record must be mutable and its value empty
     */
    public SignedRecord(byte[] publicKey, byte[] salt, long seq, byte[] value, byte[] signature, boolean deleted) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(signature, "signature");
        boolean immutable = publicKey.length == 0;
        if (immutable) {
            if (salt.length != 0 || signature.length != 0 || seq != 0) {
                throw new IllegalArgumentException(
                        "an immutable record (no public key) has no salt, no signature and seq 0");
            }
        } else {
            if (publicKey.length != PUBLIC_KEY_BYTES) {
                throw new IllegalArgumentException("public key must be " + PUBLIC_KEY_BYTES
                        + " bytes, got " + publicKey.length);
            }
            if (signature.length != SIGNATURE_BYTES) {
                throw new IllegalArgumentException("signature must be " + SIGNATURE_BYTES
                        + " bytes, got " + signature.length);
            }
            if (seq < 0) {
                throw new IllegalArgumentException("seq must be >= 0, got " + seq);
            }
        }
        if (salt.length > MAX_SALT_BYTES) {
            throw new IllegalArgumentException("salt is at most " + MAX_SALT_BYTES + " bytes, got " + salt.length);
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value is at most " + MAX_VALUE_BYTES + " bytes, got " + value.length);
        }
        if (deleted && (immutable || value.length != 0)) {
            throw new IllegalArgumentException("a tombstone is a mutable record with an empty value");
        }
        this.publicKey = publicKey.clone();
        this.salt = salt.clone();
        this.seq = seq;
        this.value = value.clone();
        this.signature = signature.clone();
        this.deleted = deleted;
    }

    /** An immutable record: its key is SHA-256(value). */
    public static SignedRecord immutable(byte[] value) {
        return new SignedRecord(new byte[0], new byte[0], 0, value, new byte[0]);
    }

    /** A mutable record signed by {@code identity}: the signature covers {@link Bep44#signingBuffer}. */
    public static SignedRecord sign(Identity identity, byte[] salt, long seq, byte[] value) {
        Objects.requireNonNull(identity, "identity");
        byte[] signature = identity.sign(Bep44.signingBuffer(salt, seq, value));
        return new SignedRecord(identity.publicKey(), salt, seq, value, signature);
    }

    /**
     * A tombstone signed by {@code identity}: the key (publicKey, salt) deleted at {@code seq};
     * the signature covers {@link Bep44#tombstoneSigningBuffer}.
     */
    public static SignedRecord tombstone(Identity identity, byte[] salt, long seq) {
        Objects.requireNonNull(identity, "identity");
        byte[] signature = identity.sign(Bep44.tombstoneSigningBuffer(salt, seq));
        return new SignedRecord(identity.publicKey(), salt, seq, new byte[0], signature, true);
    }

    /**
     * Whether the signature is the public key's Ed25519 signature of the {@link Bep44} signing
     * buffer. Always true for an immutable record, whose key, SHA-256(value), is its own proof.
     */
    public boolean verifySignature() {
        if (isImmutable()) return true;
        byte[] signed = deleted ? Bep44.tombstoneSigningBuffer(salt, seq) : Bep44.signingBuffer(salt, seq, value);
        return Identity.verify(publicKey, signed, signature);
    }

    /** Whether this is a tombstone: the key was deleted at {@link #seq()}; the value is empty. */
    public boolean isDeleted() {
        return deleted;
    }

    public boolean isImmutable() {
        return publicKey.length == 0;
    }

    /** SHA-256(publicKey ‖ salt) for a mutable record, SHA-256(value) for an immutable one. */
    public Id key() {
        return isImmutable() ? Id.sha256(value) : mutableKey(publicKey, salt);
    }

    /** The key of the mutable records of {@code publicKey} under {@code salt}: SHA-256(publicKey ‖ salt). */
    public static Id mutableKey(byte[] publicKey, byte[] salt) {
        byte[] both = Arrays.copyOf(publicKey, publicKey.length + salt.length);
        System.arraycopy(salt, 0, both, publicKey.length, salt.length);
        return Id.sha256(both);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key itself, not a copy: for this package's bookkeeping, which never writes it. */
    byte[] sharedPublicKey() {
        return publicKey;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public long seq() {
        return seq;
    }

    public byte[] value() {
        return value.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** The value's length, without copying it. */
    int valueLength() {
        return value.length;
    }

    /** Bytes this record takes in a store's byte budget (payload, not JVM overhead). */
    public int sizeBytes() {
        return publicKey.length + salt.length + 8 + value.length + signature.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedRecord r && seq == r.seq && deleted == r.deleted
                && Arrays.equals(publicKey, r.publicKey) && Arrays.equals(salt, r.salt)
                && Arrays.equals(value, r.value) && Arrays.equals(signature, r.signature);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) { // computed once: the record is immutable and memo tables hash it often
            h = Objects.hash(Arrays.hashCode(publicKey), Arrays.hashCode(salt), seq, Arrays.hashCode(value), deleted);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "SignedRecord[key=" + key() + ", seq=" + seq + (deleted ? ", deleted]" : ", " + value.length + " B]");
    }
}
