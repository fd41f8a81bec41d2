package io.kadring.overlay.wire;

import io.kadring.crypto.Identity;
import io.kadring.crypto.KeyedDigest;
import io.kadring.crypto.VerifiedSignatures;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A node's signed record, as discv5's ENR: its Ed25519 public key, the address it advertises,
 * a sequence number it raises whenever the address changes, and its signature over
 * {@code "kadring-node-v1" ‖ publicKey ‖ address ‖ seq} (address as on the wire, seq
 * big-endian). The node id is SHA-256 of the public key, so a verified record proves the id.
 *
 * <p>Immutable. Verifying is a pure function of the bytes, so callers may memoise it by
 * record ({@link #equals} covers every field).
 */
public final class NodeRecord {
    public static final int PUBLIC_KEY_BYTES = Identity.PUBLIC_KEY_BYTES;
    public static final int SIGNATURE_BYTES = Identity.SIGNATURE_BYTES;

    private int hash;

    private static final byte[] DOMAIN = "kadring-node-v1".getBytes(StandardCharsets.US_ASCII);

    // package-private so the codec writes them without copying; never modified
    final byte[] publicKey;
    final InetSocketAddress address;
    final long seq;
    final byte[] signature;

    /** Computed on first use; a racy write is harmless because Id is immutable. */
    private Id id;

    /** Takes ownership of the arrays: callers size and check the parts, then never touch them. */
    private NodeRecord(byte[] publicKey, InetSocketAddress address, long seq, byte[] signature) {
        this.publicKey = publicKey;
        this.address = address;
        this.seq = seq;
        this.signature = signature;
    }

    /**
     * A record from its parts (the arrays are copied), unverified. The address must be
     * resolved, have a port, and not be IPv4-mapped IPv6.
     */
    public static NodeRecord of(byte[] publicKey, InetSocketAddress address, long seq, byte[] signature) {
        return new NodeRecord(sized(publicKey, PUBLIC_KEY_BYTES, "public key").clone(),
                WireAddress.check(address, "address"), seq,
                sized(signature, SIGNATURE_BYTES, "signature").clone());
    }

    /** For the decoder: arrays freshly read at the right sizes, address already checked. */
    static NodeRecord owning(byte[] publicKey, InetSocketAddress address, long seq, byte[] signature) {
        return new NodeRecord(publicKey, address, seq, signature);
    }

    private static byte[] sized(byte[] bytes, int size, String what) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length != size) {
            throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** {@code identity}'s record advertising {@code address} with sequence number {@code seq}. */
    public static NodeRecord sign(Identity identity, InetSocketAddress address, long seq) {
        byte[] publicKey = identity.publicKey();
        WireAddress.check(address, "address");
        byte[] signature = identity.sign(signingBytes(publicKey, address, seq));
        return new NodeRecord(publicKey, address, seq, signature);
    }

    /** Whether the signature is valid for the other fields. Never throws. */
    public boolean verify() {
        return Identity.verify(publicKey, signingBytes(), signature);
    }

    /** As {@link #verify()}, checked with Ed25519 only when {@code memo} does not hold these bytes' success. */
    public boolean verify(VerifiedSignatures memo) {
        return memo.verify(publicKey, signingBytes(), signature);
    }

    /**
     * This record's fingerprint under {@code digest}: of the signed bytes and the signature, so
     * that a record that differs in anything, signature included, has another (never 0).
     */
    public long fingerprint(KeyedDigest digest) {
        long f = digest.of(signingBytes(), signature);
        return f == 0 ? 1 : f;
    }

    /** The bytes the signature covers: {@code "kadring-node-v1" ‖ publicKey ‖ address ‖ seq}. */
    public byte[] signingBytes() {
        return signingBytes(publicKey, address, seq);
    }

    private static byte[] signingBytes(byte[] publicKey, InetSocketAddress address, long seq) {
        ByteWriter w = new ByteWriter(DOMAIN.length + PUBLIC_KEY_BYTES + WireAddress.size(address) + 8);
        w.bytes(DOMAIN);
        w.bytes(publicKey);
        w.address(address);
        w.i64(seq);
        return w.finish();
    }

    /** SHA-256 of the public key. */
    public Id id() {
        Id cached = id;
        if (cached == null) {
            cached = Id.fromPublicKey(publicKey);
            id = cached;
        }
        return cached;
    }

    /** A copy of the 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public InetSocketAddress address() {
        return address;
    }

    public long seq() {
        return seq;
    }

    /** A copy of the 64-byte signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** Bytes on the wire: {@code publicKey 32 | address 7 or 19 | seq 8 | signature 64}. */
    int encodedSize() {
        return PUBLIC_KEY_BYTES + WireAddress.size(address) + 8 + SIGNATURE_BYTES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeRecord r && seq == r.seq && address.equals(r.address)
                && Arrays.equals(publicKey, r.publicKey) && Arrays.equals(signature, r.signature);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) { // computed once: records are immutable and memo tables hash them often
            h = Arrays.hashCode(publicKey);
            h = 31 * h + address.hashCode();
            h = 31 * h + Long.hashCode(seq);
            h = 31 * h + Arrays.hashCode(signature);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "NodeRecord[" + id() + "@" + address.getAddress().getHostAddress() + ":" + address.getPort()
                + ", seq=" + seq + "]";
    }
}
