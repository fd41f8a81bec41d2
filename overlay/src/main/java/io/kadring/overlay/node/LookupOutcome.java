package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import java.util.List;

/**
 * What a lookup found and what it cost: the contacts (the k closest for
 * {@code findClosest}, the successor alone for {@code findSuccessor}), the hops of the
 * referral chain that reached the answer, the requests sent and the time it took (ms).
 */
public record LookupOutcome(List<Contact> contacts, int hops, int messages, long durationMillis) {
    public LookupOutcome {
        contacts = List.copyOf(contacts);
    }
}
