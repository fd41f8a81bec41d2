package io.kadring.storage;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One announcer's entry under a topic: its Ed25519 public key, a seq (a newer one replaces the
 * older), a payload of at most {@value #MAX_PAYLOAD_BYTES} bytes (typically an address), and
 * the signature of {@link #signingBuffer} by that key. Many announcers share a topic key, each
 * with an entry of its own; the lifetime is the holder's business, not signed. Immutable,
 * equal by content.
 */
public final class Announcement {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    public static final int MAX_PAYLOAD_BYTES = 256;
    /** Prefix of the signed bytes, so that no other kind of signature by the same key can pass for one. */
    private static final byte[] DOMAIN = "kadring announcement v1\0".getBytes(StandardCharsets.US_ASCII);

    private final Id topic;
    private final byte[] publicKey;
    private final long seq;
    private final byte[] payload;
    private final byte[] signature;

    /**
     * @throws IllegalArgumentException when a size or the seq (≥ 0) is out of bounds; the
     *     signature is not checked here ({@link #verifySignature()})
     */
    public Announcement(Id topic, byte[] publicKey, long seq, byte[] payload, byte[] signature) {
        this.topic = Objects.requireNonNull(topic, "topic");
        if (publicKey.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("public key must be " + PUBLIC_KEY_BYTES + " bytes, got " + publicKey.length);
        }
        if (seq < 0) throw new IllegalArgumentException("seq must be >= 0, got " + seq);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload is at most " + MAX_PAYLOAD_BYTES + " bytes, got " + payload.length);
        }
        if (signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("signature must be " + SIGNATURE_BYTES + " bytes, got " + signature.length);
        }
        this.publicKey = publicKey.clone();
        this.seq = seq;
        this.payload = payload.clone();
        this.signature = signature.clone();
    }

    /** {@code payload} under {@code topic} with {@code seq}, signed by {@code announcer}. */
    public static Announcement sign(Identity announcer, Id topic, long seq, byte[] payload) {
        return new Announcement(topic, announcer.publicKey(), seq, payload,
                announcer.sign(signingBuffer(topic, seq, payload)));
    }

    /** The topic key of {@code topic}'s bytes: SHA-256. */
    public static Id topicKey(byte[] topic) {
        return Id.sha256(topic);
    }

    /** What is signed: {@code "kadring announcement v1\0" ‖ topic 32 ‖ seq 8 (big-endian) ‖ payload}. */
    public static byte[] signingBuffer(Id topic, long seq, byte[] payload) {
        return ByteBuffer.allocate(DOMAIN.length + Id.BYTES + 8 + payload.length)
                .put(DOMAIN).put(topic.toBytes()).putLong(seq).put(payload).array();
    }

    /** Whether the signature is the public key's Ed25519 signature of {@link #signingBuffer}. */
    public boolean verifySignature() {
        return Identity.verify(publicKey, signingBuffer(topic, seq, payload), signature);
    }

    public Id topic() {
        return topic;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public long seq() {
        return seq;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** Length of the payload, without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    /** Whether {@code key} is the announcer's public key. */
    public boolean isBy(byte[] key) {
        return Arrays.equals(publicKey, key);
    }

    /** Orders public keys as unsigned bytes: the order a holder pages its entries in. */
    public static int compareKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Bytes it weighs: public key, seq, payload and signature. */
    public int sizeBytes() {
        return PUBLIC_KEY_BYTES + 8 + payload.length + SIGNATURE_BYTES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Announcement a && seq == a.seq && topic.equals(a.topic) && Arrays.equals(publicKey, a.publicKey)
                && Arrays.equals(payload, a.payload) && Arrays.equals(signature, a.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(publicKey), seq, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Announcement[topic " + topic.shortHex() + " by " + java.util.HexFormat.of().formatHex(publicKey, 0, 4)
                + "… seq " + seq + ", " + payload.length + " B]";
    }
}
