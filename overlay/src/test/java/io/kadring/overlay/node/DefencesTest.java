package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 11, each against the real node in virtual time from public-looking
 * addresses (44.x.y.z, every host in a /24 of its own): with its {@link Defences} flag off the
 * attack works, with it on it fails.
 */
final class DefencesTest {
    private static final long LATENCY = 10;

    private final TestNetwork net = new TestNetwork(11, LATENCY);
    private final SplittableRandom random = new SplittableRandom(11);

    // ---- responseLiveness ------------------------------------------------------

    @Test
    void forgedRequestsFromADeadPeersAddress_keepItInTheTable_onlyWithoutResponseLiveness() {
        assertTrue(deadPeerKeptAlive(defences(Flag.RESPONSE_LIVENESS, false), false), "the attack works without it");
        assertFalse(deadPeerKeptAlive(Defences.ALL, false), "with it, the dead peer goes");
    }

    @Test
    void forgedNotifiesFromADeadPeersAddress_keepItInTheRing_onlyWithoutResponseLiveness() {
        assertTrue(deadPeerKeptAlive(defences(Flag.RESPONSE_LIVENESS, false), true), "the attack works without it");
        assertFalse(deadPeerKeptAlive(Defences.ALL, true), "with it, the dead peer goes");
    }

    /** A dead peer, "kept alive" for 300 s by a forged FIND_NODE every second: is it still handed out? */
    private boolean deadPeerKeptAlive(Defences defences, boolean notify) {
        TestNetwork net = new TestNetwork(5, LATENCY);
        // timeouts of a wide-area network (200 ms at least would let three failures in between)
        NodeConfig config = NodeConfig.builder().defences(defences)
                .rpcTimeout(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)).build();
        TestNetwork.Member a = net.node(config, ip("44.0.1.1"));
        TestNetwork.Member d = net.node(config, ip("44.0.2.1"));
        net.await(a.node().start(List.of()), 1, "a's start");
        net.await(d.node().start(List.of(a.address())), 60_000, "d's join");
        net.runFor(60_000);
        Id dead = d.node().id();
        assertTrue(a.node().contacts().stream().anyMatch(c -> c.id().equals(dead)));
        d.node().close();
        net.attach(d.address(), (from, bytes) -> {}); // d is gone: its address swallows everything
        for (int t = 0; t < 300_000; t += 1_000) {
            Message forged = notify ? new Message.Notify(random.nextLong(), dead)
                    : new Message.FindNode(random.nextLong(), dead, Id.random(random), Message.FindNode.XOR);
            net.send(d.address(), a.address(), MessageCodec.encode(forged));
            net.runFor(1_000);
        }
        // what a asks others to use: a FIND_NODE for d's id from a verified third party
        InetSocketAddress asker = ip("44.0.3.1");
        List<TestNetwork.Arrival> inbox = net.recorder(asker);
        net.send(asker, a.address(), MessageCodec.encode(new Message.FindNode(1, Id.random(random), dead,
                Message.FindNode.XOR)));
        net.runFor(1_000);
        Message.Nodes nodes = (Message.Nodes) decode(inbox.get(0).bytes());
        boolean handedOut = nodes.contacts().stream().anyMatch(c -> c.id().equals(dead));
        boolean inTable = a.node().contacts().stream().anyMatch(c -> c.id().equals(dead));
        assertEquals(handedOut, inTable);
        boolean inRing = a.node().successors().stream().anyMatch(c -> c.id().equals(dead))
                || a.node().predecessor().map(c -> c.id().equals(dead)).orElse(false);
        return notify ? inRing : inTable;
    }

    // ---- addressQuorum -----------------------------------------------------------

    @Test
    void onePongNamingAFalseAddress_hijacksAWildcardBoundNode_onlyWithoutTheAddressQuorum() {
        assertEquals(ip("127.0.0.1", 9), hijack(defences(Flag.ADDRESS_QUORUM, false)), "the attack works without it");
        assertEquals(ip("0.0.0.0", 4000), hijack(Defences.ALL), "one stranger's word is not enough");
    }

    @Test
    void aWildcardBoundNode_learnsItsAddressFromTheBootstrapItJoinsThrough_withTheAddressQuorum() {
        NodeConfig config = NodeConfig.defaults();
        TestNetwork.Member b = net.node(config, ip("44.0.7.1"));
        InetSocketAddress where = ip("44.0.8.1");
        TestNetwork.Member v = net.node(config, where, ip("0.0.0.0", 4000));
        net.await(b.node().start(List.of()), 1, "b's start");
        net.await(v.node().start(List.of(b.address())), 60_000, "v's join");
        assertEquals(where, v.node().selfRecord().address());
    }

    /** A fresh wildcard-bound node is PINGed by an attacker, whose PONG then says "you are 127.0.0.1:9". */
    private InetSocketAddress hijack(Defences defences) {
        TestNetwork net = new TestNetwork(6, LATENCY);
        InetSocketAddress where = ip("44.0.4.1");
        TestNetwork.Member v = net.node(NodeConfig.builder().defences(defences).build(), where, ip("0.0.0.0", 4000));
        net.await(v.node().start(List.of()), 1, "v's start");
        InetSocketAddress attacker = ip("44.0.5.1");
        Identity identity = net.identity();
        Id attackerId = Id.fromPublicKey(identity.publicKey());
        NodeRecord record = NodeRecord.sign(identity, attacker, 1);
        net.attach(attacker, (from, bytes) -> {
            if (decode(bytes) instanceof Message.Ping p) {
                net.send(attacker, from, MessageCodec.encode(new Message.Pong(p.txId(), attackerId, record,
                        ip("127.0.0.1", 9))));
            }
        });
        net.send(attacker, where, MessageCodec.encode(new Message.Ping(7, attackerId, record)));
        net.runFor(5_000);
        return v.node().selfRecord().address();
    }

    // ---- antiAmplification ----------------------------------------------------------

    @Test
    void repliesToAnUnverifiedSource_carryAtMostThreeTimesTheRequest_onlyWithAntiAmplification() {
        double[] off = amplification(defences(Flag.ANTI_AMPLIFICATION, false), false);
        double[] on = amplification(Defences.ALL, false);
        System.out.printf("[amplification] FIND_NODE %.1fx -> %.1fx, FIND_VALUE hit %.1fx -> %.1fx, "
                + "GET_NEIGHBOURS %.1fx -> %.1fx%n", off[0], on[0], off[1], on[1], off[2], on[2]);
        for (int i = 0; i < 3; i++) {
            assertTrue(off[i] > ReplyLimit.FACTOR, "without the defence: " + off[i] + "x");
            assertTrue(on[i] <= ReplyLimit.FACTOR, "with it: " + on[i] + "x");
        }
    }

    @Test
    void aPaddedRequestFromAnUnverifiedSource_getsItsWholeAnswer_withinThreeTimesItsBytes() {
        double[] padded = amplification(Defences.ALL, true);
        System.out.printf("[amplification] padded: FIND_NODE %.1fx, FIND_VALUE hit %.1fx, GET_NEIGHBOURS %.1fx%n",
                padded[0], padded[1], padded[2]);
        for (double r : padded) assertTrue(r <= ReplyLimit.FACTOR, r + "x");
    }

    /**
     * Bytes out / bytes in for a spoofed FIND_NODE, FIND_VALUE (a hit) and GET_NEIGHBOURS to a node of a
     * 24-node network; {@code padded}: the requests are padded, and their answers must be whole.
     */
    private double[] amplification(Defences defences, boolean padded) {
        TestNetwork net = new TestNetwork(7, LATENCY);
        NodeConfig config = NodeConfig.builder().defences(defences).build();
        List<TestNetwork.Member> nodes = network(net, config, 24);
        TestNetwork.Member target = nodes.get(0);
        SignedRecord record = SignedRecord.immutable(new byte[900]);
        net.await(nodes.get(1).node().put(record), 60_000, "the put");
        assertTrue(target.node().storedRecords().stream().anyMatch(s -> s.record().key().equals(record.key())),
                "the target holds the record");
        InetSocketAddress victim = ip("44.200.0.1");
        Id spoofed = Id.random(random);
        return new double[] {
            ratio(net, victim, target.address(), new Message.FindNode(1, spoofed, Id.random(random), Message.FindNode.XOR),
                    padded),
            ratio(net, victim, target.address(), new Message.FindValue(2, spoofed, record.key(), -1), padded),
            ratio(net, victim, target.address(), new Message.GetNeighbours(3, spoofed), padded),
        };
    }

    private static double ratio(TestNetwork net, InetSocketAddress victim, InetSocketAddress target, Message request,
                                boolean padded) {
        List<TestNetwork.Arrival> inbox = net.recorder(victim);
        byte[] bytes = padded ? MessageCodec.encodePadded(request) : MessageCodec.encode(request);
        net.send(victim, target, bytes);
        net.runFor(500);
        List<TestNetwork.Arrival> replies = inbox.stream()
                .filter(a -> decode(a.bytes()).txId() == request.txId()).toList();
        assertEquals(1, replies.size(), "one reply to " + request.type());
        if (decode(replies.get(0).bytes()) instanceof Message.Value v && request instanceof Message.FindValue) {
            System.out.println("[amplification] the VALUE " + (v.record() == null ? "left the record out" : "has the record"));
        }
        if (padded) {
            Message reply = decode(replies.get(0).bytes());
            if (reply instanceof Message.Nodes n) assertEquals(20, n.contacts().size(), "a whole NODES");
            if (reply instanceof Message.Value v) assertTrue(v.record() != null, "the VALUE has its record");
            if (reply instanceof Message.Neighbours n) assertFalse(n.successors().isEmpty(), "the successors");
        }
        return (double) replies.get(0).bytes().length / bytes.length;
    }

    @Test
    void spoofedRequestsFromRotatingSources_areAllAnswered_onlyWithoutAGlobalBudget() {
        long off = answeredOfFlood(defences(Flag.ANTI_AMPLIFICATION, false));
        long on = answeredOfFlood(Defences.ALL);
        System.out.println("[amplification] 20000 spoofed FIND_NODEs at 10k/s from rotating sources: answered "
                + off + " -> " + on);
        assertEquals(20_000, off);
        int budget = NodeConfig.defaults().unverifiedRepliesPerSecond();
        assertTrue(on <= budget + 2 * budget + 1, "within the budget: " + on); // burst + 2 s of refill
    }

    private long answeredOfFlood(Defences defences) {
        // only the NODES answers count (a node also PINGs strangers that asked it something)
        TestNetwork net = new TestNetwork(8, LATENCY);
        TestNetwork.Member target = net.node(NodeConfig.builder().defences(defences).build(), ip("44.0.9.1"));
        net.await(target.node().start(List.of()), 1, "the start");
        AtomicLong answered = new AtomicLong();
        for (int i = 0; i < 20_000; i++) {
            InetSocketAddress source = ip("45." + (i % 4000 / 250) + "." + (i % 250) + ".1");
            if (i < 4000) {
                net.attach(source, (from, bytes) -> {
                    if (decode(bytes) instanceof Message.Nodes) answered.incrementAndGet();
                });
            }
            byte[] request = MessageCodec.encode(new Message.FindNode(i + 1, Id.random(random), Id.random(random),
                    Message.FindNode.XOR));
            net.schedule(i / 10, () -> net.send(source, target.address(), request));
        }
        net.runFor(3_000);
        return answered.get();
    }

    // ---- boundedSignatures ------------------------------------------------------------

    @Test
    void aFloodOfBadSignaturePings_costsAVerificationEach_onlyWithoutBoundedSignatures() {
        long[] off = pingFlood(defences(Flag.BOUNDED_SIGNATURES, false));
        long[] on = pingFlood(Defences.ALL);
        System.out.println("[signatures] 20000 bad-signature PINGs in 2 s: verifications " + off[0] + " -> " + on[0]
                + ", an honest peer's PINGs answered " + off[1] + "/" + off[2] + " -> " + on[1] + "/" + on[2]);
        assertTrue(off[0] >= 20_000, "every one checked without the defence: " + off[0]);
        int budget = NodeConfig.defaults().signatureChecksPerSecond();
        assertTrue(on[0] <= budget + 2 * budget + 5, "within the budget: " + on[0]);
        assertTrue(on[1] * 100 >= 99 * on[2], "honest PINGs answered: " + on[1] + "/" + on[2]);
    }

    /** Verifications made, honest PINGs answered, honest PINGs sent: under 10k/s bad-signature PINGs for 2 s. */
    private long[] pingFlood(Defences defences) {
        TestNetwork net = new TestNetwork(9, LATENCY);
        NodeConfig config = NodeConfig.builder().defences(defences).build();
        AtomicLong checks = new AtomicLong();
        SignatureChecks counting = new SignatureChecks(r -> {
            checks.incrementAndGet();
            return r.verify();
        }, SignedRecord::verifySignature);
        InetSocketAddress where = ip("44.0.10.1");
        Node target = new Node(net.environment(where), config, net.identity(), where,
                NodeMetrics.of(new SimpleMeterRegistry()), counting);
        net.attach(where, target);
        net.await(target.start(List.of()), 1, "the start");
        TestNetwork.Member honest = net.node(config, ip("44.0.11.1"));
        net.await(honest.node().start(List.of(where)), 60_000, "the honest join");
        net.runFor(1_000);
        long before = checks.get();
        for (int i = 0; i < 20_000; i++) {
            InetSocketAddress source = ip("46." + (i % 2000 / 250) + "." + (i % 250) + ".1");
            byte[] key = new byte[NodeRecord.PUBLIC_KEY_BYTES];
            byte[] signature = new byte[NodeRecord.SIGNATURE_BYTES];
            random.nextBytes(key);
            random.nextBytes(signature);
            NodeRecord bad = NodeRecord.of(key, source, 1, signature);
            byte[] ping = MessageCodec.encode(new Message.Ping(i + 1, bad.id(), bad));
            net.schedule(i / 10, () -> net.send(source, where, ping));
        }
        List<CompletableFuture<Contact>> pings = new ArrayList<>();
        for (int t = 0; t < 2_000; t += 20) {
            net.schedule(t, () -> pings.add(honest.node().ping(where)));
        }
        net.runFor(10_000);
        long answered = pings.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        return new long[] {checks.get() - before, answered, pings.size()};
    }

    // ---- sourceQuotas ---------------------------------------------------------------------

    @Test
    void aThousandSpamStoresOfImmutableRecords_shutHonestImmutableWritesOut_onlyWithoutSourceQuotas() {
        assertEquals(io.kadring.storage.RejectReason.QUOTA_EXCEEDED.code(),
                honestStoreAfterSpam(defences(Flag.SOURCE_QUOTAS, false)), "the attack works without the quotas");
        assertEquals(Message.StoreResult.STORED, honestStoreAfterSpam(Defences.ALL));
    }

    /** The STORE_RESULT status of an honest immutable STORE after 1,000 spam ones from another host. */
    private int honestStoreAfterSpam(Defences defences) {
        TestNetwork net = new TestNetwork(12, LATENCY);
        TestNetwork.Member target = net.node(NodeConfig.builder().defences(defences).build(), ip("44.0.12.1"));
        net.await(target.node().start(List.of()), 1, "the start");
        InetSocketAddress spammer = ip("44.0.13.1");
        InetSocketAddress honest = ip("44.0.14.1");
        List<TestNetwork.Arrival> spam = net.recorder(spammer);
        List<TestNetwork.Arrival> answers = net.recorder(honest);
        Id spammerId = Id.random(random);
        Id honestId = Id.random(random);
        byte[] spamToken = token(net, spam, spammer, spammerId, target.address());
        for (int i = 0; i < 1_000; i++) {
            SignedRecord record = SignedRecord.immutable(("spam " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] store = MessageCodec.encode(new Message.Store(100 + i, spammerId, Message.Token.copyOf(spamToken),
                    60_000, -1, record));
            net.schedule(i * 20L, () -> net.send(spammer, target.address(), store));
        }
        net.runFor(25_000);
        long stored = spam.stream().map(a -> decode(a.bytes()))
                .filter(m -> m instanceof Message.StoreResult r && r.status() == Message.StoreResult.STORED).count();
        assertEquals(1_000, stored, "the spam was stored");
        byte[] token = token(net, answers, honest, honestId, target.address());
        net.send(honest, target.address(), MessageCodec.encode(new Message.Store(7, honestId,
                Message.Token.copyOf(token), 60_000, -1, SignedRecord.immutable(new byte[] {42}))));
        net.runFor(1_000);
        return answers.stream().map(a -> decode(a.bytes())).filter(m -> m instanceof Message.StoreResult)
                .map(m -> ((Message.StoreResult) m).status()).findFirst().orElseThrow();
    }

    /** A write token for {@code from}: the one in the NODES answering its FIND_NODE. */
    private byte[] token(TestNetwork net, List<TestNetwork.Arrival> inbox, InetSocketAddress from, Id sender,
                         InetSocketAddress to) {
        net.send(from, to, MessageCodec.encode(new Message.FindNode(1, sender, Id.random(random),
                Message.FindNode.XOR)));
        net.runFor(100);
        return inbox.stream().map(a -> decode(a.bytes())).filter(m -> m instanceof Message.Nodes)
                .map(m -> ((Message.Nodes) m).token()).reduce((x, y) -> y).orElseThrow();
    }

    // ---- always on: node-record seq, STORE answers -----------------------------------------

    @Test
    void aReplayedOlderRecordOfAKnownId_isRefused() {
        NodeConfig config = NodeConfig.defaults();
        TestNetwork.Member a = net.node(config, ip("44.0.15.1"));
        net.await(a.node().start(List.of()), 1, "the start");
        Identity identity = net.identity();
        Id peer = Id.fromPublicKey(identity.publicKey());
        InetSocketAddress old = ip("44.0.16.1");
        InetSocketAddress now = ip("44.0.17.1");
        net.recorder(old);
        net.recorder(now);
        NodeRecord older = NodeRecord.sign(identity, old, 1);
        net.send(now, a.address(), MessageCodec.encode(new Message.Ping(1, peer, NodeRecord.sign(identity, now, 2))));
        net.runFor(100);
        net.send(old, a.address(), MessageCodec.encode(new Message.Ping(2, peer, older)));
        net.runFor(100);
        assertEquals(1, a.dropped("stale_node_record"));
        assertEquals(List.of(now), a.node().contacts().stream().map(Contact::address).toList());
    }

    @Test
    void aStoreWhoseBodyIsMalformed_isAnsweredWithAReason() {
        TestNetwork.Member a = net.node(NodeConfig.defaults(), ip("44.0.18.1"));
        net.await(a.node().start(List.of()), 1, "the start");
        InetSocketAddress sender = ip("44.0.19.1");
        List<TestNetwork.Arrival> inbox = net.recorder(sender);
        byte[] store = MessageCodec.encode(new Message.Store(77, Id.random(random), Message.Token.copyOf(new byte[8]),
                60_000, -1, SignedRecord.immutable(new byte[] {1, 2, 3})));
        byte[] truncated = java.util.Arrays.copyOf(store, store.length - 2);
        net.send(sender, a.address(), truncated);
        net.runFor(100);
        assertEquals(1, inbox.size());
        Message.StoreResult result = (Message.StoreResult) decode(inbox.get(0).bytes());
        assertEquals(77, result.txId());
        assertEquals(Message.StoreResult.MALFORMED, result.status());
    }

    @Test
    void theLoopbackExemptionFromTheRateLimit_followsTheConfig() {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        SourceRateLimiter exempt = new SourceRateLimiter(1, 1, true, 0);
        SourceRateLimiter strict = new SourceRateLimiter(1, 1, false, 0);
        assertTrue(exempt.allow(loopback, 0) && exempt.allow(loopback, 0));
        assertTrue(strict.allow(loopback, 0));
        assertFalse(strict.allow(loopback, 0));
    }

    // ---- datagrams per join ------------------------------------------------------------

    @Test
    void aJoin_costsNoMoreDatagramsWithTheseDefences_andTheReferralProofsOfVerifiedContactsAtMostTwice() {
        Defences a = Defences.ALL;
        Defences butProofs = new Defences(false, a.disjointPaths(), a.ringDiversity(), a.responseLiveness(),
                a.addressQuorum(), a.antiAmplification(), a.boundedSignatures(), a.sourceQuotas());
        long off = datagramsPerJoin(Defences.NONE, false);
        long these = datagramsPerJoin(butProofs, false);
        long all = datagramsPerJoin(a, false);
        long wildcardOff = datagramsPerJoin(Defences.NONE, true);
        long wildcardThese = datagramsPerJoin(butProofs, true);
        System.out.println("[join] datagrams for one join into 24 nodes (join + 5 s): " + off + " -> " + these
                + " (all but verifiedContacts) -> " + all + " (all); a joiner bound to a wildcard: " + wildcardOff
                + " -> " + wildcardThese);
        assertTrue(these <= off + off / 10, off + " -> " + these);
        assertTrue(wildcardThese <= wildcardOff + wildcardOff / 10, wildcardOff + " -> " + wildcardThese);
        // a referral is asked for its record before it counts: a PING and a PONG each at most
        assertTrue(all <= 2 * off, off + " -> " + all);
    }

    private long datagramsPerJoin(Defences defences, boolean wildcard) {
        TestNetwork net = new TestNetwork(10, LATENCY);
        NodeConfig config = NodeConfig.builder().defences(defences).build();
        List<TestNetwork.Member> nodes = network(net, config, 24);
        net.runFor(60_000);
        TestNetwork.Member joiner = wildcard ? net.node(config, ip("44.99.0.1"), ip("0.0.0.0", 4000))
                : net.node(config, ip("44.99.0.1"));
        long before = net.delivered() + net.lost();
        net.await(joiner.node().start(List.of(nodes.get(0).address())), 60_000, "the join");
        net.runFor(5_000);
        return net.delivered() + net.lost() - before;
    }

    // ---- helpers ---------------------------------------------------------------------

    /** {@code n} nodes at 44.{i+1}.0.1, joined one by one through the first. */
    private static List<TestNetwork.Member> network(TestNetwork net, NodeConfig config, int n) {
        List<TestNetwork.Member> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestNetwork.Member m = net.node(config, ip("44." + (i + 1) + ".0.1"));
            net.await(m.node().start(i == 0 ? List.of() : List.of(nodes.get(0).address())), 120_000, "join " + i);
            nodes.add(m);
        }
        net.runFor(2 * config.stabilizeIntervalMillis());
        return nodes;
    }

    enum Flag { RESPONSE_LIVENESS, ADDRESS_QUORUM, ANTI_AMPLIFICATION, BOUNDED_SIGNATURES, SOURCE_QUOTAS }

    /** Every defence on but {@code flag}, which is {@code on}. */
    static Defences defences(Flag flag, boolean on) {
        Defences a = Defences.ALL;
        return new Defences(a.verifiedContacts(), a.disjointPaths(), a.ringDiversity(),
                flag == Flag.RESPONSE_LIVENESS ? on : a.responseLiveness(),
                flag == Flag.ADDRESS_QUORUM ? on : a.addressQuorum(),
                flag == Flag.ANTI_AMPLIFICATION ? on : a.antiAmplification(),
                flag == Flag.BOUNDED_SIGNATURES ? on : a.boundedSignatures(),
                flag == Flag.SOURCE_QUOTAS ? on : a.sourceQuotas());
    }

    static InetSocketAddress ip(String ip) {
        return ip(ip, 4000);
    }

    static InetSocketAddress ip(String ip, int port) {
        return TestNetwork.address(ip, port);
    }

    static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
