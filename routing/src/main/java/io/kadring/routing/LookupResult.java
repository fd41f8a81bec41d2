package io.kadring.routing;

import java.util.List;
import java.util.Objects;

/**
 * What a lookup found and what it cost.
 *
 * @param closest   the answer: the k closest by XOR for {@link XorLookup}, the successor alone
 *                  for {@link SuccessorLookup}
 * @param hops      length of the referral chain that reached the first contact in
 *                  {@code closest}: 0 for the local node itself, 1 for a contact it knew
 * @param messages  queries sent
 * @param responses answers received to them
 * @param failures  queries that failed or timed out
 */
public record LookupResult(List<Contact> closest, int hops, int messages, int responses, int failures) {
    public LookupResult {
        closest = List.copyOf(Objects.requireNonNull(closest, "closest"));
    }
}
