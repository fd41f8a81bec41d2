package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Joining a network: ping the bootstrap nodes (in rounds, with exponential backoff and
 * jitter while none lets us in), look up our own id through the first one admitted, then
 * refresh every bucket farther than our closest neighbour, and run one stabilize round so
 * the ring takes us in. With no bootstrap nodes the node starts a new network.
 *
 * <p>What became of each bootstrap node in the last round is kept ({@link #outcomes()}): no
 * answer, answered but refused (and why), or admitted; so that a join that does not get in
 * can say why.
 */
final class Joiner {
    private static final int MAX_BACKOFF_DOUBLINGS = 6;
    static final String NO_ANSWER = "no answer";
    static final String ADMITTED = "answered";

    private final Node node;
    private final List<InetSocketAddress> bootstrap;
    private final CompletableFuture<JoinResult> result = new CompletableFuture<>();
    private final Map<InetSocketAddress, String> outcomes = new LinkedHashMap<>();
    private int attempt;
    private int settled;
    private boolean admittedThisRound;

    Joiner(Node node, List<InetSocketAddress> bootstrap) {
        this.node = node;
        this.bootstrap = bootstrap;
    }

    CompletableFuture<JoinResult> run() {
        if (bootstrap.isEmpty()) {
            result.complete(new JoinResult(true, 0, node.ring().successor()));
        } else {
            round();
        }
        return result;
    }

    /** What each bootstrap node did in the latest round, in the order they were given. */
    Map<InetSocketAddress, String> outcomes() {
        return new LinkedHashMap<>(outcomes);
    }

    /** Rounds tried so far. */
    int attempts() {
        return attempt;
    }

    private void round() {
        if (node.isClosed()) {
            result.completeExceptionally(new IllegalStateException("node closed while joining"));
            return;
        }
        attempt++;
        settled = 0;
        admittedThisRound = false;
        for (InetSocketAddress address : bootstrap) {
            node.rpc().request(address, tx -> new Message.Ping(tx, node.id(), node.selfRecord()),
                    new RpcEngine.Callback() {
                        @Override
                        public void onResponse(Message response, long rtt) {
                            RecordRefusal refusal = node.onPong(response, address);
                            if (!(response instanceof Message.Pong pong)) {
                                settle(address, "answered with " + response.type() + " instead of PONG", null);
                            } else if (refusal != null) {
                                settle(address, "answered but refused: " + refusal.description(), null);
                            } else {
                                settle(address, ADMITTED, Contact.seen(pong.sender(), address, node.now()));
                            }
                        }

                        @Override
                        public void onFailure() {
                            settle(address, NO_ANSWER, null);
                        }
                    });
        }
    }

    /** One bootstrap node's answer to this round; the first one admitted leads on. */
    private void settle(InetSocketAddress address, String outcome, Contact admitted) {
        outcomes.put(address, outcome);
        settled++;
        if (admitted != null && !admittedThisRound) {
            admittedThisRound = true;
            lookUpSelf(admitted);
        } else if (settled == bootstrap.size() && !admittedThisRound) {
            retry();
        }
    }

    private void retry() {
        int attempts = node.config().joinAttempts();
        if (attempts != 0 && attempt >= attempts) {
            result.completeExceptionally(new JoinException(outcomes, attempt));
            return;
        }
        long base = node.config().joinBackoffMillis() << Math.min(attempt - 1, MAX_BACKOFF_DOUBLINGS);
        long delay = base / 2 + node.env().random().nextLong(base + 1);
        node.env().schedule(delay, this::round);
    }

    private void finish() {
        node.maintenance().stabilize();
        node.viewChanged();
        List<Contact> contacts = node.table().contacts();
        result.complete(new JoinResult(false, contacts.size(), node.ring().successor()));
    }

    private void lookUpSelf(Contact bootstrapContact) {
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
                    outcomes.put(bootstrapContact.address(), "answered, but every node it named failed");
                    retry(); // it left meanwhile, or its answers led nowhere: not joined
                }
            });
        });
    }
}
