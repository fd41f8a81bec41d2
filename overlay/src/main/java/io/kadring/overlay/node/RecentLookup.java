package io.kadring.overlay.node;

import io.kadring.routing.Id;

/**
 * One lookup this node finished, its own or an embedder's: its kind ({@code closest},
 * {@code successor} or {@code value}), its target, the hops of the referral chain that reached the
 * answer, the requests it sent, how long it took, how many contacts it found (0: none answered)
 * and when it ended (ms on the node's clock).
 */
public record RecentLookup(String kind, Id target, int hops, int messages, long durationMillis, int found,
                           long finishedAtMillis) {
}
