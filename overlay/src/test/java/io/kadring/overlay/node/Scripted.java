package io.kadring.overlay.node;

import io.kadring.crypto.Identity;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Drives a {@link Procedure} with no network and no clock, as quinn's tests drive a connection:
 * each request it asks for is answered by a script (or fails, when the script says null), in
 * the order asked, and the time is whatever the test sets. A world of remote nodes on
 * public-looking addresses, each in its own /24, answers FIND_NODE with its k closest.
 */
final class Scripted {
    final NodeConfig config = NodeConfig.defaults();
    final SplittableRandom random = new SplittableRandom(7);
    final Id self = Id.random(random);
    final List<Contact> world = new ArrayList<>();
    final RoutingTable table = new RoutingTable(self, config.routing());
    final RingNeighbours ring = new RingNeighbours(self, config.successorListSize());
    final LocalNode local;
    final Lookups lookups;
    long now = 1_000;
    /** Every request sent, with the message it carried, in order. */
    final List<Sent> sent = new ArrayList<>();

    record Sent(Request request, Message message) {}

    /** {@code n} remote nodes, of which this node knows the first {@code known}. */
    Scripted(int n, int known) {
        for (int i = 0; i < n; i++) world.add(Contact.seen(Id.random(random), publicAddress(i), now));
        for (int i = 0; i < known; i++) {
            table.observe(world.get(i), now);
            ring.observe(world.get(i));
        }
        local = local(NodeMetrics.noop());
        lookups = new Lookups(local, () -> Contact.seen(self, publicAddress(9_999), now), table, ring,
                new KnownContacts(table, ring, () -> now));
    }

    /** A scheduler for parts that set no timers: a procedure's time is what it is polled with. */
    static final Scheduler NO_TIMERS = (delay, task) -> {
        throw new AssertionError("no timers in a scripted run");
    };

    /** This node's facts, reporting to {@code metrics}, on the scripted clock. */
    LocalNode local(NodeMetrics metrics) {
        return local(config, metrics, NO_TIMERS);
    }

    /** This node's facts with {@code config}, reporting to {@code metrics}, on the scripted clock and {@code timers}. */
    LocalNode local(NodeConfig config, NodeMetrics metrics, Scheduler timers) {
        return new LocalNode(self, config, metrics, () -> now, timers, random);
    }

    /** A key pair from the scripted random (Identity.generate() would use SecureRandom). */
    Identity identity() {
        byte[] seed = new byte[Identity.SEED_BYTES];
        random.nextBytes(seed);
        return Identity.fromSeed(seed);
    }

    static InetSocketAddress publicAddress(int i) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {44, (byte) (i >> 8), (byte) i, 1}), 4000);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    Contact contactAt(InetSocketAddress address) {
        return world.stream().filter(c -> c.address().equals(address)).findFirst().orElseThrow();
    }

    /** The k nodes of the world closest to {@code target}. */
    List<Contact> closest(Id target, int n) {
        return world.stream().sorted(Comparator.comparing(Contact::id, target::compareDistance)).limit(n).toList();
    }

    /** What a world node answers to a FIND_NODE: its k closest to the target, and a token. */
    Message nodes(Request request, Message message) {
        Message.FindNode find = (Message.FindNode) message;
        Contact from = contactAt(request.to());
        return new Message.Nodes(message.txId(), from.id(), token(from), false,
                WireContacts.wire(closest(find.target(), config.k())));
    }

    /** The FIND_NODE lookups a write makes (toward a key, filling the token map), in this world. */
    BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> tokenLookups() {
        return (key, tokens) -> lookups.closest(key, tokens, List.of());
    }

    /** Whether this node is closer to {@code key} than the last of {@code truth}: one of them itself. */
    boolean selfAmong(Id key, List<Contact> truth) {
        return key.compareDistance(self, truth.get(truth.size() - 1).id()) < 0;
    }

    static byte[] token(Contact c) {
        return java.util.Arrays.copyOf(c.id().toBytes(), 8);
    }

    /** How many requests were answered or failed, before the procedure was done. */
    int settled;

    /** What the node asked answers a request of the second phase with (null: it fails). */
    interface Answer {
        Message reply(Message message, Contact asked);
    }

    /** A script: the lookup's FIND_NODEs answered from the world, every other request by {@code answer}. */
    BiFunction<Request, Message, Message> afterLookup(Answer answer) {
        return (r, m) -> m instanceof Message.FindNode ? nodes(r, m) : answer.reply(m, contactAt(r.to()));
    }

    /** What the node asked answers, by its rank among the k closest to the key (0: the closest; -1: not among them). */
    interface Ranked {
        Message reply(Message message, Contact asked, int rank);
    }

    /** A script: the lookup's FIND_NODEs answered from the world, then every other request by the rank of the node asked. */
    BiFunction<Request, Message, Message> byRank(Id key, Ranked answer) {
        List<Contact> truth = closest(key, config.k());
        return afterLookup((m, c) -> answer.reply(m, c, truth.indexOf(c)));
    }

    /**
     * Polls {@code procedure} and answers what it asks with {@code script} (null: the request
     * fails) until it asks for nothing more. One-way messages, and requests still in flight when
     * it is done, are recorded only: nothing waits for them.
     */
    <R> R run(Procedure<R> procedure, BiFunction<Request, Message, Message> script) {
        Deque<Request> queue = new ArrayDeque<>(procedure.poll(now));
        long tx = 1;
        while (!queue.isEmpty()) {
            Request r = queue.pollFirst();
            Message m = r.message(tx++);
            sent.add(new Sent(r, m));
            if (!r.isOneWay() && !procedure.isDone()) {
                settled++;
                Message reply = script.apply(r, m);
                if (reply == null) {
                    r.owner().onFailure(r, now);
                } else if (reply instanceof Message.Pong pong) {
                    r.owner().onPong(r, pong, null, now);
                } else {
                    r.owner().onReply(r, reply, now);
                }
            }
            queue.addAll(procedure.poll(now));
        }
        return procedure.isDone() ? procedure.result() : null;
    }

    /** The messages of one type that were sent. */
    List<Sent> sentOf(Message.Type type) {
        return sent.stream().filter(s -> s.message().type() == type).toList();
    }
}
