package io.kadring.routing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * A 256-bit identifier: a node id or a record key. Immutable; held as four longs
 * (most significant first) so that XOR distances compare without allocating.
 *
 * <p>Two metrics live on the same space: Kademlia's XOR distance and Chord's
 * clockwise ring distance {@code (b - a) mod 2^256}.
 */
public final class Id implements Comparable<Id> {
    /** Bits in an id. */
    public static final int BITS = 256;
    /** Bytes in an id. */
    public static final int BYTES = 32;

    public static final Id ZERO = new Id(0, 0, 0, 0);
    public static final Id MAX = new Id(-1L, -1L, -1L, -1L);

    private static final HexFormat HEX = HexFormat.of();

    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private Id(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** The id whose big-endian bytes are {@code bytes}, which must be exactly 32 long. */
    public static Id of(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("an id is " + BYTES + " bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        return of(bytes, 0);
    }

    /** The id in {@code bytes[offset .. offset+32)}. */
    public static Id of(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < BYTES) {
            throw new IllegalArgumentException("need " + BYTES + " bytes at offset " + offset
                    + ", have " + Math.max(0, bytes.length - offset));
        }
        return new Id(word(bytes, offset), word(bytes, offset + 8),
                word(bytes, offset + 16), word(bytes, offset + 24));
    }

    /** The id spelled by 64 hex digits (either case). */
    public static Id fromHex(String hex) {
        if (hex == null || hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("an id is " + 2 * BYTES + " hex digits, got "
                    + (hex == null ? "null" : "'" + hex + "' (" + hex.length() + " characters)"));
        }
        try {
            return of(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex id: '" + hex + "'", e);
        }
    }

    /** SHA-256 of {@code data}: how a public key becomes a node id. */
    public static Id sha256(byte[] data) {
        try {
            return of(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** SHA-256 of the Ed25519 public key: a node's id. */
    public static Id fromPublicKey(byte[] publicKey) {
        return sha256(publicKey);
    }

    /** An id from four words, most significant first (tests and the random generator use it). */
    public static Id ofWords(long w0, long w1, long w2, long w3) {
        return new Id(w0, w1, w2, w3);
    }

    /** A uniformly random id drawn from {@code random}. */
    public static Id random(java.util.random.RandomGenerator random) {
        return new Id(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private static long word(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[o + i] & 0xFFL);
        }
        return v;
    }

    /** The 32 big-endian bytes. */
    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        writeTo(out, 0);
        return out;
    }

    /** Writes the 32 big-endian bytes at {@code offset}. */
    public void writeTo(byte[] out, int offset) {
        put(out, offset, w0);
        put(out, offset + 8, w1);
        put(out, offset + 16, w2);
        put(out, offset + 24, w3);
    }

    private static void put(byte[] b, int o, long v) {
        for (int i = 7; i >= 0; i--) {
            b[o + i] = (byte) v;
            v >>>= 8;
        }
    }

    public String toHex() {
        return HEX.formatHex(toBytes());
    }

    /** The first 8 hex digits: enough to tell nodes apart in logs. */
    public String shortHex() {
        return toHex().substring(0, 8);
    }

    // ---- XOR metric -------------------------------------------------------

    /** XOR distance to {@code other}, as an id. */
    public Id xor(Id other) {
        return new Id(w0 ^ other.w0, w1 ^ other.w1, w2 ^ other.w2, w3 ^ other.w3);
    }

    /**
     * Compares the XOR distances {@code a ^ this} and {@code b ^ this} without allocating:
     * negative when {@code a} is closer to this id than {@code b}.
     */
    public int compareDistance(Id a, Id b) {
        int c = Long.compareUnsigned(a.w0 ^ w0, b.w0 ^ w0);
        if (c != 0) return c;
        c = Long.compareUnsigned(a.w1 ^ w1, b.w1 ^ w1);
        if (c != 0) return c;
        c = Long.compareUnsigned(a.w2 ^ w2, b.w2 ^ w2);
        if (c != 0) return c;
        return Long.compareUnsigned(a.w3 ^ w3, b.w3 ^ w3);
    }

    /**
     * The top 64 bits of the XOR distance to {@code other}, unsigned: where two of them differ,
     * they order the ids as {@link #compareDistance} does (only equal ones need the full ids).
     */
    public long distancePrefix(Id other) {
        return w0 ^ other.w0;
    }

    /**
     * The XOR distance to {@code other} as a share of the id space, in [0, 1): its top 64 bits
     * over 2^64 (the lower bits change it by less than 2^-64).
     */
    public double distanceFraction(Id other) {
        long top = w0 ^ other.w0;
        double unsigned = (top >>> 1) * 2.0 + (top & 1); // exact up to double rounding
        return unsigned / 0x1p64;
    }

    /** Orders ids by XOR distance to this one, closest first. */
    public Comparator<Id> byDistance() {
        return this::compareDistance;
    }

    /**
     * Number of leading bits this id shares with {@code other}: 256 when equal.
     * This is the index of the k-bucket {@code other} falls into in a table owned by this id.
     */
    public int commonPrefixLength(Id other) {
        long x = w0 ^ other.w0;
        if (x != 0) return Long.numberOfLeadingZeros(x);
        x = w1 ^ other.w1;
        if (x != 0) return 64 + Long.numberOfLeadingZeros(x);
        x = w2 ^ other.w2;
        if (x != 0) return 128 + Long.numberOfLeadingZeros(x);
        x = w3 ^ other.w3;
        if (x != 0) return 192 + Long.numberOfLeadingZeros(x);
        return BITS;
    }

    /** Bit {@code i} counted from the most significant (0) to the least (255). */
    public boolean bit(int i) {
        long w = switch (i >>> 6) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> throw new IllegalArgumentException("bit index " + i + " not in 0..255");
        };
        return ((w >>> (63 - (i & 63))) & 1L) != 0;
    }

    /** This id with bit {@code i} flipped. */
    public Id flipBit(int i) {
        if (i < 0 || i >= BITS) throw new IllegalArgumentException("bit index " + i + " not in 0..255");
        long mask = 1L << (63 - (i & 63));
        return switch (i >>> 6) {
            case 0 -> new Id(w0 ^ mask, w1, w2, w3);
            case 1 -> new Id(w0, w1 ^ mask, w2, w3);
            case 2 -> new Id(w0, w1, w2 ^ mask, w3);
            default -> new Id(w0, w1, w2, w3 ^ mask);
        };
    }

    /**
     * An id that shares exactly {@code prefixLength} leading bits with this one, the rest
     * drawn from {@code random}: a target that falls into bucket {@code prefixLength}.
     */
    public Id randomInBucket(int prefixLength, java.util.random.RandomGenerator random) {
        if (prefixLength < 0 || prefixLength >= BITS) {
            throw new IllegalArgumentException("bucket index " + prefixLength + " not in 0..255");
        }
        Id r = random(random);
        // keep our first prefixLength bits, flip the next one, random after that
        long[] mine = {w0, w1, w2, w3};
        long[] rand = {r.w0, r.w1, r.w2, r.w3};
        long[] out = new long[4];
        for (int word = 0; word < 4; word++) {
            int start = word * 64;
            int keep = Math.max(0, Math.min(64, prefixLength - start));
            long keepMask = keep == 0 ? 0 : (keep == 64 ? -1L : -1L << (64 - keep));
            out[word] = (mine[word] & keepMask) | (rand[word] & ~keepMask);
        }
        Id candidate = new Id(out[0], out[1], out[2], out[3]);
        if (candidate.bit(prefixLength) == bit(prefixLength)) {
            candidate = candidate.flipBit(prefixLength);
        }
        return candidate;
    }

    // ---- ring metric ------------------------------------------------------

    /** The next id clockwise: {@code (this + 1) mod 2^256}. */
    public Id next() {
        long n3 = w3 + 1;
        long n2 = n3 == 0 ? w2 + 1 : w2;
        long n1 = n3 == 0 && n2 == 0 ? w1 + 1 : w1;
        long n0 = n3 == 0 && n2 == 0 && n1 == 0 ? w0 + 1 : w0;
        return new Id(n0, n1, n2, n3);
    }

    /** Clockwise distance from this id to {@code to}: {@code (to - this) mod 2^256}. */
    public Id clockwiseTo(Id to) {
        // subtraction with borrow, least significant word first
        long d3 = to.w3 - w3;
        long borrow = Long.compareUnsigned(to.w3, w3) < 0 ? 1 : 0;
        long d2 = to.w2 - w2 - borrow;
        borrow = (Long.compareUnsigned(to.w2, w2) < 0 || (to.w2 == w2 && borrow == 1)) ? 1 : 0;
        long d1 = to.w1 - w1 - borrow;
        borrow = (Long.compareUnsigned(to.w1, w1) < 0 || (to.w1 == w1 && borrow == 1)) ? 1 : 0;
        long d0 = to.w0 - w0 - borrow;
        return new Id(d0, d1, d2, d3);
    }

    /**
     * Compares the clockwise distances from this id to {@code a} and to {@code b}:
     * negative when {@code a} comes first going clockwise from this id.
     */
    public int compareClockwise(Id a, Id b) {
        // without allocating: an id below this one is reached only after wrapping past zero,
        // so it is farther than any id at or above this one; ids on the same side keep their order
        boolean aWraps = a.compareTo(this) < 0;
        boolean bWraps = b.compareTo(this) < 0;
        if (aWraps != bWraps) return aWraps ? 1 : -1;
        return a.compareTo(b);
    }

    /**
     * Whether this id lies in the ring interval {@code (from, to]}, going clockwise with
     * wrap-around. When {@code from} equals {@code to} the interval is the whole ring.
     */
    public boolean inHalfOpen(Id from, Id to) {
        if (from.equals(to)) return true;
        return !this.equals(from) && from.compareClockwise(this, to) <= 0;
    }

    /**
     * Whether this id lies strictly inside {@code (from, to)} going clockwise. When
     * {@code from} equals {@code to} that is every id but {@code from}.
     */
    public boolean inOpen(Id from, Id to) {
        if (this.equals(from)) return false;
        if (from.equals(to)) return true;
        return from.compareClockwise(this, to) < 0;
    }

    /** Unsigned numeric order: the order of ids around the ring starting from zero. */
    @Override
    public int compareTo(Id o) {
        int c = Long.compareUnsigned(w0, o.w0);
        if (c != 0) return c;
        c = Long.compareUnsigned(w1, o.w1);
        if (c != 0) return c;
        c = Long.compareUnsigned(w2, o.w2);
        if (c != 0) return c;
        return Long.compareUnsigned(w3, o.w3);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true; // the simulator's nodes share one Id per remote node
        return o instanceof Id other
                && w0 == other.w0 && w1 == other.w1 && w2 == other.w2 && w3 == other.w3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(w0 ^ w1 ^ w2 ^ w3);
    }

    /** The first 8 hex digits and an ellipsis: use {@link #toHex()} for the whole id. */
    @Override
    public String toString() {
        return shortHex() + "…";
    }
}
