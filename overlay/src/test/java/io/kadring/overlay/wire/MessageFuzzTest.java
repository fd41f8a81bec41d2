package io.kadring.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message.Type;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile input, from a fixed seed: random bytes, and valid datagrams bit-flipped, cut,
 * stretched, shrunk and with bytes forced to 0x00 / 0xFF / 0x0000 / 0xFFFF (which is what a
 * count or length field set to 0, 255 or 65535 looks like). Decode must either drop with a
 * reason or return a message that re-encodes to exactly the input.
 */
final class MessageFuzzTest {
    private static final int ITERATIONS = 250_000;
    private static final int CORPUS = 600;

    private final SplittableRandom random = new SplittableRandom(0x6b6164L);
    private final byte[][] corpus = new byte[CORPUS][];

    @Test
    void hostileDatagrams_areDroppedWithAReason_orDecodeCanonically() {
        RandomMessages messages = new RandomMessages(0x72696e67L);
        for (int i = 0; i < CORPUS; i++) {
            Message m = messages.any(i % 4 == 0);
            corpus[i] = i % 3 == 0 && MessageCodec.isPaddable(m.type()) ? MessageCodec.encodePadded(m) : MessageCodec.encode(m);
        }
        Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
        EnumSet<Type> decoded = EnumSet.noneOf(Type.class);
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = i % 8 == 0 ? randomBytes() : mutate(corpus[random.nextInt(CORPUS)]);
            try {
                Message m = MessageCodec.decode(input);
                accepted++;
                decoded.add(m.type());
                byte[] again = MessageCodec.encode(m);
                if (again.length < input.length) again = MessageCodec.encodePadded(m); // it was padded
                assertArrayEquals(input, again, () -> "not canonical: " + hex(input));
            } catch (MalformedMessageException e) {
                drops.merge(e.reason(), 1, Integer::sum);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("iteration " + i + " threw on " + hex(input), e);
            }
        }
        assertEquals(EnumSet.allOf(DropReason.class), drops.keySet(), () -> "drops: " + drops);
        assertEquals(EnumSet.allOf(Type.class), decoded);
        int total = accepted;
        assertTrue(total > ITERATIONS / 20, () -> "only " + total + " mutants decoded");
    }

    /** Random bytes of length 0..1500; often behind a plausible version and type so they reach the body. */
    private byte[] randomBytes() {
        byte[] b = new byte[random.nextInt(1501)];
        random.nextBytes(b);
        if (b.length >= 2 && random.nextBoolean()) {
            b[0] = 1;
            b[1] = (byte) random.nextInt(0, 14);
        }
        return b;
    }

    private byte[] mutate(byte[] valid) {
        byte[] b = valid;
        int rounds = 1 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0);
        for (int r = 0; r < rounds; r++) {
            b = mutateOnce(b);
        }
        return b;
    }

    private byte[] mutateOnce(byte[] in) {
        if (in.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        int at = random.nextInt(in.length);
        byte[] b;
        switch (random.nextInt(6)) {
            case 0 -> { // flip one to three bits
                b = in.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
            }
            case 1 -> b = Arrays.copyOf(in, random.nextInt(in.length)); // truncate
            case 2 -> { // insert one to four random bytes
                int n = 1 + random.nextInt(4);
                b = new byte[in.length + n];
                System.arraycopy(in, 0, b, 0, at);
                for (int k = 0; k < n; k++) {
                    b[at + k] = (byte) random.nextInt();
                }
                System.arraycopy(in, at, b, at + n, in.length - at);
            }
            case 3 -> { // delete one to four bytes
                int n = Math.min(1 + random.nextInt(4), in.length - at);
                b = new byte[in.length - n];
                System.arraycopy(in, 0, b, 0, at);
                System.arraycopy(in, at + n, b, at, in.length - at - n);
            }
            case 4 -> { // a one-byte field forced to 0 or 255, or a small count/length nudged
                b = in.clone();
                int pick = random.nextInt(4);
                b[at] = (byte) (pick == 0 ? 0 : pick == 1 ? 0xFF : b[at] + (pick == 2 ? 1 : -1));
            }
            default -> { // a two-byte field forced to 0x0000 or 0xFFFF
                b = in.clone();
                byte v = random.nextBoolean() ? 0 : (byte) 0xFF;
                b[at] = v;
                if (at + 1 < b.length) {
                    b[at + 1] = v;
                }
            }
        }
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
