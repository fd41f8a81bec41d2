package io.kadring.simulator.adversary;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Generates key pairs until the id derived from the public key is one the attacker wants,
 * as a real attacker would: ids cannot be chosen, only ground. Counts the key pairs made.
 */
public final class IdGrinder {
    private final RandomGenerator random;
    private long keyPairs;

    public IdGrinder(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The first identity whose id satisfies {@code wanted}, or the last one tried after
     * {@code maxTries} (so a run always goes on; the caller may check the id).
     */
    public Identity grind(Predicate<Id> wanted, int maxTries) {
        Identity identity = null;
        for (int i = 0; i < Math.max(1, maxTries); i++) {
            byte[] seed = new byte[Identity.SEED_BYTES];
            random.nextBytes(seed);
            identity = Identity.fromSeed(seed);
            keyPairs++;
            if (wanted.test(Id.fromPublicKey(identity.publicKey()))) return identity;
        }
        return identity;
    }

    /** An identity whose id shares at least {@code bits} leading bits with {@code target}. */
    public Identity near(Id target, int bits) {
        return grind(id -> id.commonPrefixLength(target) >= bits, 64 << Math.min(bits, 20));
    }

    /** An identity whose id lies strictly between {@code after} and {@code before}, clockwise. */
    public Identity between(Id after, Id before, int maxTries) {
        return grind(id -> id.inOpen(after, before), maxTries);
    }

    /** Key pairs made so far. */
    public long keyPairs() {
        return keyPairs;
    }
}
