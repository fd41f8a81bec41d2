package io.kadring.routing;

import java.util.List;
import java.util.Objects;

/**
 * A node's answer to "who succeeds {@code key}?" in an iterative ring lookup.
 *
 * @param isFinal  true when the key falls between the answering node and its successor:
 *                 {@code contacts} is then its successor list, first entry first
 * @param contacts when final, the successor list; otherwise the contacts that most closely
 *                 precede the key, followed by the answering node's successors and the
 *                 first contact it knows at or after the key
 */
public record RingAnswer(boolean isFinal, List<Contact> contacts) {
    public RingAnswer {
        contacts = List.copyOf(Objects.requireNonNull(contacts, "contacts"));
    }
}
