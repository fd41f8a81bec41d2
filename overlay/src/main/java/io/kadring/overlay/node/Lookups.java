package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.LookupResult;
import io.kadring.routing.SuccessorLookup;
import io.kadring.routing.XorLookup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the lookup state machines of {@code io.kadring.routing} over RPCs: asks whom they
 * say to ask, feeds them answers and failures, and completes when they finish.
 */
final class Lookups {
    private final Node node;

    Lookups(Node node) {
        this.node = node;
    }

    /**
     * One kind of XOR lookup: the request it sends, and what it makes of an answer.
     * {@link #closer} returns the contacts an answer names, or null when the answer is not
     * one (the node then counts as failed); {@link #satisfied} ends the lookup early.
     */
    interface XorQuery {
        Message request(long txId);

        List<Contact> closer(Contact from, Message response);

        default boolean satisfied() {
            return false;
        }
    }

    CompletableFuture<LookupOutcome> closest(Id target) {
        return closest(target, null, List.of());
    }

    /**
     * The k closest to {@code target}; when {@code tokens} is given it collects the write
     * token each answering node handed out (for STOREs that follow); {@code extraSeeds}
     * are asked besides the closest contacts of our own table.
     */
    CompletableFuture<LookupOutcome> closest(Id target, Map<Id, byte[]> tokens, List<Contact> extraSeeds) {
        return xor(target, LookupKind.CLOSEST, extraSeeds, new XorQuery() {
            @Override
            public Message request(long txId) {
                return new Message.FindNode(txId, node.id(), target, Message.FindNode.XOR);
            }

            @Override
            public List<Contact> closer(Contact from, Message response) {
                if (!(response instanceof Message.Nodes nodes)) return null;
                if (tokens != null) tokens.put(from.id(), nodes.token());
                return contacts(nodes.contacts(), from);
            }
        });
    }

    /** Runs an XOR lookup toward {@code target} with the requests and answers of {@code query}. */
    CompletableFuture<LookupOutcome> xor(Id target, LookupKind kind, List<Contact> extraSeeds, XorQuery query) {
        List<Contact> seeds = new ArrayList<>(known(target));
        seeds.addAll(extraSeeds);
        XorLookup lookup = new XorLookup(target, node.selfContact(), dedupe(seeds), node.config().k(),
                node.config().alpha());
        node.table().touch(target, node.now());
        Run run = new Run(kind, node.now());
        pumpXor(lookup, query, run);
        return run.future;
    }

    CompletableFuture<LookupOutcome> successor(Id key) {
        int k = node.config().k();
        List<Contact> known = new ArrayList<>(node.table().contacts());
        known.addAll(node.ring().successors());
        node.ring().predecessor().ifPresent(known::add);
        SuccessorLookup lookup = new SuccessorLookup(key, node.selfContact(), node.ring(), dedupe(known), k,
                node.config().alpha());
        Run run = new Run(LookupKind.SUCCESSOR, node.now());
        pumpSuccessor(lookup, key, run);
        return run.future;
    }

    /**
     * Where a lookup starts: the closest contacts we know that have not failed lately, topped
     * up with ones that have (when many of ours have failed, say after we were cut off for a
     * while, a suspect contact beats none).
     */
    private List<Contact> known(Id target) {
        int k = node.config().k();
        List<Contact> seeds = new ArrayList<>(node.responder().closest(target, k));
        if (seeds.size() < k) {
            for (Contact c : node.table().closest(target, k)) {
                if (seeds.size() < k && !seeds.contains(c)) seeds.add(c);
            }
        }
        return seeds;
    }

    private void pumpXor(XorLookup lookup, XorQuery query, Run run) {
        if (run.done()) return;
        if (lookup.isFinished() || query.satisfied() || node.isClosed()) {
            run.finish(lookup.result(), node);
            return;
        }
        for (Contact c : lookup.next()) {
            node.rpc().request(c.address(), query::request, new RpcEngine.Callback() {
                @Override
                public void onResponse(Message response, long rtt) {
                    try {
                        List<Contact> closer = response.sender().equals(c.id()) ? query.closer(c, response) : null;
                        if (closer != null) {
                            node.admission().heardFrom(c.id(), c.address());
                            lookup.onResponse(c.id(), closer);
                        } else {
                            lookup.onFailure(c.id());
                        }
                    } finally {
                        pumpXor(lookup, query, run); // whatever happened, the lookup moves on
                    }
                }

                @Override
                public void onFailure() {
                    node.admission().failed(c.id(), c.address());
                    lookup.onFailure(c.id());
                    pumpXor(lookup, query, run);
                }
            }, 0);
        }
        if (lookup.isFinished()) run.finish(lookup.result(), node);
    }

    private void pumpSuccessor(SuccessorLookup lookup, Id key, Run run) {
        if (run.done()) return;
        if (lookup.isFinished() || node.isClosed()) {
            run.finish(lookup.result(), node);
            return;
        }
        for (Contact c : lookup.next()) {
            node.rpc().request(c.address(), tx -> new Message.FindNode(tx, node.id(), key, Message.FindNode.RING),
                    new RpcEngine.Callback() {
                        @Override
                        public void onResponse(Message response, long rtt) {
                            try {
                                if (response instanceof Message.Nodes nodes && nodes.sender().equals(c.id())) {
                                    node.admission().heardFrom(c.id(), c.address());
                                    lookup.onResponse(c.id(), nodes.isFinal(), contacts(nodes.contacts(), c));
                                } else {
                                    lookup.onFailure(c.id());
                                }
                            } finally {
                                pumpSuccessor(lookup, key, run);
                            }
                        }

                        @Override
                        public void onFailure() {
                            node.admission().failed(c.id(), c.address());
                            lookup.onFailure(c.id());
                            pumpSuccessor(lookup, key, run);
                        }
                    }, 0);
        }
        if (lookup.isFinished()) run.finish(lookup.result(), node);
    }

    /**
     * Contacts from the wire that {@code responder} sent, minus those no one could be reached
     * at. The responder naming itself is taken at the address it answered from: a node bound to
     * a wildcard address that has not learned its own yet can only name a wildcard.
     */
    List<Contact> contacts(List<WireContact> wire, Contact responder) {
        long now = node.now();
        List<Contact> out = new ArrayList<>(wire.size());
        for (WireContact w : wire) {
            InetSocketAddress a = w.id().equals(responder.id()) ? responder.address() : w.address();
            if (a.getPort() == 0 || a.getAddress().isAnyLocalAddress() || a.getAddress().isMulticastAddress()) {
                continue;
            }
            out.add(Contact.seen(w.id(), a, now));
        }
        return out;
    }

    static List<Contact> dedupe(List<Contact> contacts) {
        Map<Id, Contact> byId = new LinkedHashMap<>();
        for (Contact c : contacts) byId.putIfAbsent(c.id(), c);
        return new ArrayList<>(byId.values());
    }

    /** One lookup's completion: exactly once. */
    private static final class Run {
        final LookupKind kind;
        final long start;
        final CompletableFuture<LookupOutcome> future = new CompletableFuture<>();

        Run(LookupKind kind, long start) {
            this.kind = kind;
            this.start = start;
        }

        boolean done() {
            return future.isDone();
        }

        void finish(LookupResult result, Node node) {
            if (future.isDone()) return;
            long duration = node.now() - start;
            node.metrics().lookupFinished(kind, duration, result.hops());
            future.complete(new LookupOutcome(result.closest(), result.hops(), result.messages(), duration));
        }
    }
}
