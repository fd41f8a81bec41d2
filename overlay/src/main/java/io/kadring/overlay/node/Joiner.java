package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Joining a network: ping the bootstrap nodes (in rounds, with exponential backoff and
 * jitter while none answers), look up our own id, then refresh every bucket farther than
 * our closest neighbour, and run one stabilize round so the ring takes us in.
 * With no bootstrap nodes the node starts a new network.
 */
final class Joiner {
    private static final int MAX_BACKOFF_DOUBLINGS = 6;

    private final Node node;
    private final List<InetSocketAddress> bootstrap;
    private final CompletableFuture<JoinResult> result = new CompletableFuture<>();

    Joiner(Node node, List<InetSocketAddress> bootstrap) {
        this.node = node;
        this.bootstrap = bootstrap;
    }

    CompletableFuture<JoinResult> run() {
        if (bootstrap.isEmpty()) {
            result.complete(new JoinResult(true, 0, node.ring().successor()));
        } else {
            round(1);
        }
        return result;
    }

    private void round(int attempt) {
        if (node.isClosed()) {
            result.completeExceptionally(new IllegalStateException("node closed while joining"));
            return;
        }
        int[] failures = {0};
        boolean[] answered = {false};
        for (InetSocketAddress address : bootstrap) {
            node.ping(address).whenComplete((contact, error) -> {
                if (error == null) {
                    if (!answered[0]) {
                        answered[0] = true;
                        lookUpSelf(contact, attempt);
                    }
                } else if (++failures[0] == bootstrap.size()) {
                    retry(attempt);
                }
            });
        }
    }

    private void retry(int attempt) {
        int attempts = node.config().joinAttempts();
        if (attempts != 0 && attempt >= attempts) {
            result.completeExceptionally(new JoinException(bootstrap, attempt));
            return;
        }
        long base = node.config().joinBackoffMillis() << Math.min(attempt - 1, MAX_BACKOFF_DOUBLINGS);
        long delay = base / 2 + node.env().random().nextLong(base + 1);
        node.env().schedule(delay, () -> round(attempt + 1));
    }

    /**
     * The bootstrap that answered seeds the lookup even if it is not admitted to our table
     * yet (it may not know its own external address, so its record cannot match).
     */
    private void finish() {
        node.maintenance().stabilize();
        node.viewChanged();
        List<Contact> contacts = node.table().contacts();
        result.complete(new JoinResult(false, contacts.size(), node.ring().successor()));
    }

    private void lookUpSelf(Contact bootstrapContact, int attempt) {
        node.lookups().closest(node.id(), null, List.of(bootstrapContact)).whenComplete((outcome, error) -> {
            // buckets farther than our closest neighbour (Kademlia's join)
            int closestBucket = node.table().deepestBucket();
            List<CompletableFuture<LookupOutcome>> refreshes = new ArrayList<>();
            for (int bucket = 0; bucket < closestBucket; bucket++) {
                refreshes.add(node.maintenance().refreshBucket(bucket));
            }
            CompletableFuture.allOf(refreshes.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
                if (node.table().size() > 0) {
                    finish();
                } else {
                    // the bootstrap may have learned its own address meanwhile (it was bound
                    // to a wildcard): ask again, so that its record can admit it now
                    node.ping(bootstrapContact.address()).whenComplete((c, x) -> {
                        if (node.table().size() > 0) {
                            finish();
                        } else {
                            retry(attempt); // nobody would have us: not joined
                        }
                    });
                }
            });
        });
    }
}
