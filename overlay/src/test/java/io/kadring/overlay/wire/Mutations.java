package io.kadring.overlay.wire;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Hostile variants of a valid datagram for the fuzz tests: bit flips, truncation, trailing bytes, another type byte, a byte set to 0 or 0xFF. */
public final class Mutations {
    private Mutations() {}

    /** {@code valid} mutated one of five ways (in place, or a copy of another length). */
    public static byte[] mutate(RandomGenerator random, byte[] valid) {
        switch (random.nextInt(5)) {
            case 0 -> {
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) valid[random.nextInt(valid.length)] ^= (byte) (1 << random.nextInt(8));
                return valid;
            }
            case 1 -> {
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            case 2 -> {
                byte[] longer = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(32));
                for (int i = valid.length; i < longer.length; i++) longer[i] = (byte) random.nextInt();
                return longer;
            }
            case 3 -> {
                valid[1] = (byte) random.nextInt(0, 14); // another type over this body
                return valid;
            }
            default -> {
                valid[random.nextInt(valid.length)] = (byte) (random.nextBoolean() ? 0 : 0xFF);
                return valid;
            }
        }
    }
}
