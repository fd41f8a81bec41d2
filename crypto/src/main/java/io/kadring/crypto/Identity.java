package io.kadring.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair (RFC 8032), built on BouncyCastle's low-level {@link Ed25519}.
 * The 32-byte seed is the private key; the public key is derived from it.
 */
public final class Identity extends BytesValue {
    public static final int SEED_BYTES = Ed25519.SECRET_KEY_SIZE;
    public static final int PUBLIC_KEY_BYTES = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_SIZE;

    static {
        Ed25519.precompute();
    }

    private final byte[] seed;
    private final byte[] publicKey;

    private Identity(byte[] seed) {
        this(seed, publicKeyOf(seed));
    }

    /** Equal, and hashed, by the public key: the same key pair. */
    private Identity(byte[] seed, byte[] publicKey) {
        super(publicKey);
        this.seed = seed;
        this.publicKey = publicKey;
    }

    private static byte[] publicKeyOf(byte[] seed) {
        byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return publicKey;
    }

    /** A new key pair from the platform's {@link SecureRandom}. */
    @SuppressForbidden("a new long-term key needs real entropy, not a simulation seed")
    public static Identity generate() {
        return generate(new SecureRandom());
    }

    /** A new key pair whose seed is drawn from {@code random}. */
    public static Identity generate(SecureRandom random) {
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        return new Identity(seed);
    }

    /** The key pair whose private key is the 32-byte {@code seed}. */
    public static Identity fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed is " + SEED_BYTES + " bytes, got " + seed.length);
        }
        return new Identity(seed.clone());
    }

    /** A copy of the 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** A copy of the 32-byte seed (the private key). Handle with care. */
    public byte[] seed() {
        return seed.clone();
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * Whether {@code signature} is a valid Ed25519 signature of {@code message} by
     * {@code publicKey}. Wrong sizes and malformed keys give {@code false}, never an exception.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "Identity[" + java.util.HexFormat.of().formatHex(publicKey, 0, 4) + "…]";
    }
}
