package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class IdTest {
    private static final int RUNS = 2_000;
    private static final BigInteger RING = BigInteger.ONE.shiftLeft(256);

    private final SplittableRandom random = new SplittableRandom(0x1D5EEDL);

    static BigInteger big(Id id) {
        return new BigInteger(1, id.toBytes());
    }

    static Id id(BigInteger value) {
        byte[] raw = value.mod(RING).toByteArray();
        byte[] out = new byte[Id.BYTES];
        int n = Math.min(raw.length, Id.BYTES);
        System.arraycopy(raw, raw.length - n, out, Id.BYTES - n, n);
        return Id.of(out);
    }

    /** Random ids, sometimes sharing a long prefix so that the deep branches are exercised. */
    private Id randomId() {
        return Id.random(random);
    }

    private Id near(Id base) {
        int prefix = random.nextInt(256);
        return base.randomInBucket(prefix, random);
    }

    private static BigInteger d(Id a, Id b) {
        return big(a.xor(b));
    }

    @Test
    void next_isOneClockwise_carryingThroughWords_andWrapping() {
        assertEquals(Id.ZERO, Id.MAX.next());
        assertEquals(Id.ofWords(0, 0, 1, 0), Id.ofWords(0, 0, 0, -1L).next());
        assertEquals(Id.ofWords(1, 0, 0, 0), Id.ofWords(0, -1L, -1L, -1L).next());
        Id a = Id.ofWords(5, 6, 7, 8);
        assertEquals(Id.ofWords(0, 0, 0, 1), a.clockwiseTo(a.next()));
    }

    @Test
    void xorDistance_isSymmetricAndZeroOnlyToItself() {
        for (int i = 0; i < RUNS; i++) {
            Id a = randomId();
            Id b = random.nextBoolean() ? randomId() : near(a);
            assertEquals(d(a, b), d(b, a));
            assertEquals(BigInteger.ZERO, d(a, a));
            assertEquals(Id.ZERO, a.xor(a));
            assertTrue(d(a, b).signum() > 0, "distinct ids are at a positive distance");
        }
    }

    @Test
    void xorDistance_satisfiesTheTriangleInequality() {
        for (int i = 0; i < RUNS; i++) {
            Id a = randomId();
            Id b = near(a);
            Id c = random.nextBoolean() ? near(b) : randomId();
            assertEquals(d(a, c), d(a, b).xor(d(b, c)));
            assertTrue(d(a, c).compareTo(d(a, b).add(d(b, c))) <= 0);
        }
    }

    @Test
    void xorDistance_isUnidirectional() {
        for (int i = 0; i < RUNS; i++) {
            Id x = randomId();
            Id distance = randomId();
            Id y = x.xor(distance);
            assertEquals(distance, x.xor(y));
            // any other y' is at another distance
            Id other = near(y);
            assertFalse(x.xor(other).equals(distance));
        }
    }

    @Test
    void compareDistance_agreesWithBigIntegerComparisonOfXor() {
        for (int i = 0; i < RUNS; i++) {
            Id t = randomId();
            Id a = random.nextBoolean() ? randomId() : near(t);
            Id b = random.nextInt(4) == 0 ? a : (random.nextBoolean() ? randomId() : near(a));
            int expected = Integer.signum(d(t, a).compareTo(d(t, b)));
            assertEquals(expected, Integer.signum(t.compareDistance(a, b)));
            assertEquals(expected, Integer.signum(t.byDistance().compare(a, b)));
        }
    }

    @Test
    void commonPrefixLength_matchesABitByBitReference() {
        for (int i = 0; i < RUNS; i++) {
            Id a = randomId();
            Id b = random.nextInt(10) == 0 ? a : near(a);
            int expected = 0;
            while (expected < 256 && a.bit(expected) == b.bit(expected)) expected++;
            assertEquals(expected, a.commonPrefixLength(b));
            assertEquals(expected, b.commonPrefixLength(a));
        }
        assertEquals(256, Id.MAX.commonPrefixLength(Id.MAX));
        assertEquals(0, Id.ZERO.commonPrefixLength(Id.MAX));
    }

    @Test
    void bits_matchBigIntegerBitsAndFlipBitFlipsOne() {
        for (int i = 0; i < 200; i++) {
            Id a = randomId();
            BigInteger v = big(a);
            for (int bit = 0; bit < 256; bit++) {
                assertEquals(v.testBit(255 - bit), a.bit(bit));
            }
            int bit = random.nextInt(256);
            assertEquals(v.flipBit(255 - bit), big(a.flipBit(bit)));
        }
    }

    @Test
    void clockwiseTo_agreesWithBigIntegerDifferenceModuloTwoToThe256() {
        for (int i = 0; i < RUNS; i++) {
            Id a = randomId();
            Id b = switch (random.nextInt(4)) {
                case 0 -> a;
                case 1 -> near(a);
                case 2 -> id(big(a).subtract(BigInteger.valueOf(random.nextInt(3))));
                default -> randomId();
            };
            assertEquals(big(b).subtract(big(a)).mod(RING), big(a.clockwiseTo(b)));
        }
        assertEquals(Id.MAX, Id.ZERO.flipBit(255).clockwiseTo(Id.ZERO));
        assertEquals(id(BigInteger.ONE), Id.MAX.clockwiseTo(Id.ZERO));
    }

    @Test
    void hexAndBytes_roundTrip() {
        for (int i = 0; i < RUNS; i++) {
            Id a = randomId();
            assertEquals(a, Id.fromHex(a.toHex()));
            assertEquals(a, Id.fromHex(a.toHex().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(a, Id.of(a.toBytes()));
            byte[] framed = new byte[40];
            a.writeTo(framed, 5);
            assertEquals(a, Id.of(framed, 5));
            assertEquals(a, id(big(a)));
            assertArrayEquals(a.toBytes(), id(big(a)).toBytes());
            assertEquals(a.hashCode(), Id.of(a.toBytes()).hashCode());
        }
    }

    @Test
    void fromHex_rejectsBadInputWithAMessageNamingIt() {
        String bad = "zz" + "0".repeat(62);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Id.fromHex(bad));
        assertTrue(e.getMessage().contains(bad), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Id.fromHex("abc"));
        assertTrue(e.getMessage().contains("'abc'") && e.getMessage().contains("64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Id.fromHex(null));
        e = assertThrows(IllegalArgumentException.class, () -> Id.of(new byte[31]));
        assertTrue(e.getMessage().contains("31"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Id.of(new byte[40], 9));
    }

    @Test
    void ringIntervals_wrapAroundZero() {
        Id nearMax = id(RING.subtract(BigInteger.TEN));
        Id small = id(BigInteger.TEN);
        assertTrue(Id.ZERO.inHalfOpen(nearMax, small));
        assertTrue(Id.MAX.inOpen(nearMax, small));
        assertTrue(small.inHalfOpen(nearMax, small));
        assertFalse(small.inOpen(nearMax, small));
        assertFalse(nearMax.inHalfOpen(nearMax, small));
        assertFalse(id(BigInteger.valueOf(11)).inHalfOpen(nearMax, small));
        assertFalse(id(RING.subtract(BigInteger.valueOf(11))).inOpen(nearMax, small));
    }

    @Test
    void ringIntervals_withEqualEndsCoverTheWholeRing() {
        for (int i = 0; i < 200; i++) {
            Id a = randomId();
            Id x = randomId();
            assertTrue(x.inHalfOpen(a, a));
            assertTrue(a.inHalfOpen(a, a), "(a, a] is the whole ring, a included");
            assertTrue(x.inOpen(a, a));
            assertFalse(a.inOpen(a, a), "(a, a) is every id but a");
        }
    }

    @Test
    void ringIntervals_agreeWithBigIntegerReferenceIncludingTheEnds() {
        for (int i = 0; i < RUNS; i++) {
            Id from = randomId();
            Id to = random.nextInt(8) == 0 ? from : randomId();
            Id x = switch (random.nextInt(4)) {
                case 0 -> from;
                case 1 -> to;
                default -> randomId();
            };
            BigInteger span = big(to).subtract(big(from)).mod(RING);
            BigInteger offset = big(x).subtract(big(from)).mod(RING);
            boolean whole = span.signum() == 0;
            boolean halfOpen = whole || (offset.signum() > 0 && offset.compareTo(span) <= 0);
            boolean open = whole ? offset.signum() > 0 : offset.signum() > 0 && offset.compareTo(span) < 0;
            assertEquals(halfOpen, x.inHalfOpen(from, to), () -> x + " in (" + from + ", " + to + "]");
            assertEquals(open, x.inOpen(from, to), () -> x + " in (" + from + ", " + to + ")");
        }
    }

    @Test
    void randomInBucket_landsInThatBucket() {
        for (int i = 0; i < RUNS; i++) {
            Id local = randomId();
            int bucket = random.nextInt(256);
            Id target = local.randomInBucket(bucket, random);
            assertEquals(bucket, local.commonPrefixLength(target));
        }
        assertThrows(IllegalArgumentException.class, () -> Id.ZERO.randomInBucket(256, random));
        assertThrows(IllegalArgumentException.class, () -> Id.ZERO.randomInBucket(-1, random));
    }

    @Test
    void compareTo_isUnsignedNumericOrder() {
        for (int i = 0; i < RUNS; i++) {
            Id a = randomId();
            Id b = random.nextBoolean() ? randomId() : near(a);
            assertEquals(Integer.signum(big(a).compareTo(big(b))), Integer.signum(a.compareTo(b)));
        }
    }
}
