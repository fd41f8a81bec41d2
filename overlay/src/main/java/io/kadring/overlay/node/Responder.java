package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingAnswer;
import io.kadring.routing.RingNeighbours;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers the requests other nodes send: PING, FIND_NODE, GET_NEIGHBOURS, NOTIFY, FIND_VALUE, STORE. */
final class Responder {
    private final Node node;

    Responder(Node node) {
        this.node = node;
    }

    void answer(InetSocketAddress from, Message request) {
        if (request instanceof Message.Ping ping) {
            node.rpc().send(from, new Message.Pong(ping.txId(), node.id(), node.selfRecord(), from));
            node.admission().onRecord(ping.nodeRecord(), ping.sender(), from, false);
            return;
        }
        node.admission().requestFrom(request.sender(), from);
        if (request instanceof Message.FindNode find) {
            byte[] token = node.tokens().issue(from, node.now());
            if (find.mode() == Message.FindNode.RING) {
                ringAnswer(from, find, token);
            } else {
                List<Contact> closest = closest(find.target(), node.config().k());
                node.rpc().send(from, new Message.Nodes(find.txId(), node.id(), token, false, wire(closest)));
            }
        } else if (request instanceof Message.GetNeighbours get) {
            node.rpc().send(from, new Message.Neighbours(get.txId(), node.id(),
                    node.ring().predecessor().map(Responder::wire).orElse(null), wire(node.ring().successors())));
        } else if (request instanceof Message.Notify) {
            // requestFrom above verified or refreshed the sender; the ring takes it as
            // predecessor if it falls between the current one and us
        } else if (request instanceof Message.FindValue find) {
            node.records().answer(from, find);
        } else if (request instanceof Message.Store store) {
            node.records().answer(from, store);
        }
    }

    /**
     * The contacts this node knows closest to {@code target} by XOR: table and ring together,
     * leaving out contacts whose last request failed (likely gone: not worth passing on).
     */
    List<Contact> closest(Id target, int n) {
        Map<Id, Contact> all = new LinkedHashMap<>();
        for (Contact c : node.table().closest(target, n + 4)) {
            if (c.failures() == 0) all.put(c.id(), c);
        }
        for (Contact c : node.ring().successors()) all.putIfAbsent(c.id(), c);
        node.ring().predecessor().ifPresent(c -> all.putIfAbsent(c.id(), c));
        List<Contact> list = new ArrayList<>(all.values());
        list.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return list.size() > n ? list.subList(0, n) : list;
    }

    /**
     * Chord's step, iteratively: when the key falls between us and our successor, the
     * answer is final and carries our successor list; otherwise it refers the asker to the
     * contacts that most closely precede the key, our successors and the first contact we
     * know at or after the key ({@link RingNeighbours#answer}). A node whose id is the key,
     * or that knows nobody, is itself the answer.
     */
    private void ringAnswer(InetSocketAddress from, Message.FindNode find, byte[] token) {
        Id key = find.target();
        List<Contact> known = node.table().contacts();
        RingAnswer answer;
        if (key.equals(node.id()) || (node.ring().successor().isEmpty() && known.isEmpty())) {
            answer = new RingAnswer(true, List.of(node.selfContact()));
        } else {
            answer = node.ring().answer(key, known, Message.MAX_CONTACTS);
        }
        node.rpc().send(from, new Message.Nodes(find.txId(), node.id(), token, answer.isFinal(),
                wire(answer.contacts())));
    }

    static WireContact wire(Contact c) {
        return new WireContact(c.id(), c.address());
    }

    static List<WireContact> wire(List<Contact> contacts) {
        List<WireContact> out = new ArrayList<>(contacts.size());
        for (Contact c : contacts) out.add(wire(c));
        return out;
    }
}
