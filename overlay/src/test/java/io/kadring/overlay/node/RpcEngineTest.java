package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Requests and responses through a node in virtual time, against scripted peers. */
final class RpcEngineTest {
    private static final long LATENCY = 10;

    private final TestNetwork net = new TestNetwork(7, LATENCY);
    private final InetSocketAddress peerAddress = TestNetwork.address(2);
    private final Identity peer = net.identity();
    private final Id peerId = Id.fromPublicKey(peer.publicKey());
    private final NodeRecord peerRecord = NodeRecord.sign(peer, peerAddress, 1);

    @Test
    void response_isAcceptedOnlyFromTheAddressTheRequestWentTo_withTheMatchingTxIdAndType() throws Exception {
        TestNetwork.Member a = net.node(NodeConfig.defaults(), TestNetwork.address(1));
        List<TestNetwork.Arrival> inbox = net.recorder(peerAddress);

        CompletableFuture<Contact> answer = a.node().ping(peerAddress);
        net.runFor(LATENCY);
        assertEquals(1, inbox.size(), "the ping reached the peer");
        Message.Ping ping = assertInstanceOf(Message.Ping.class, decode(inbox.get(0).bytes()));

        // a spoofed PONG from another address, with the right txId
        net.send(TestNetwork.address(3), a.address(), pong(ping.txId()));
        // the right address, but the wrong txId
        net.send(peerAddress, a.address(), pong(ping.txId() + 1));
        // the right address and txId, but a type that does not answer a PING
        net.send(peerAddress, a.address(), MessageCodec.encode(
                new Message.Neighbours(ping.txId(), peerId, null, List.of())));
        net.runFor(LATENCY);
        assertFalse(answer.isDone(), "no impostor completed the ping");
        assertEquals(3, a.dropped("unsolicited"), "each impostor was dropped and counted");

        net.send(peerAddress, a.address(), pong(ping.txId()));
        Contact contact = net.await(answer, 100, "the real PONG");
        assertEquals(peerId, contact.id());
        assertEquals(peerAddress, contact.address());

        // the same PONG again is late: no request waits for it any more
        net.send(peerAddress, a.address(), pong(ping.txId()));
        net.runFor(LATENCY);
        assertEquals(4, a.dropped("unsolicited"));
    }

    @Test
    void request_isRetriedWithDoubledTimeouts_thenFailsAfterRetriesPlusOneTimeouts() {
        TestNetwork.Member a = net.node(retrying(2, 200), TestNetwork.address(1));
        List<TestNetwork.Arrival> inbox = net.recorder(peerAddress); // never answers

        long t0 = net.now();
        CompletableFuture<Contact> answer = net.runUntilDone(a.node().ping(peerAddress), 60_000, "the ping to fail");

        CompletionException failure = assertThrows(CompletionException.class, answer::join);
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertEquals(3, inbox.size(), "one send and two retries");
        for (TestNetwork.Arrival arrival : inbox) {
            assertArrayEquals(inbox.get(0).bytes(), arrival.bytes(), "a retry resends the same bytes (same txId)");
        }
        assertEquals(List.of(t0 + LATENCY, t0 + 1_000 + LATENCY, t0 + 3_000 + LATENCY),
                inbox.stream().map(TestNetwork.Arrival::time).toList(), "timeouts of 1 s, then 2 s");
        assertEquals(t0 + 7_000, net.now(), "failed when the third timeout (4 s) ran out");
        assertEquals(3, TestNetwork.timeouts(a.registry(), "ping"), "(retries + 1) timeouts");
        assertEquals(0, a.node().outstandingRequests());
    }

    @Test
    void timeout_adaptsToTheMeasuredRoundTrip() {
        TestNetwork.Member a = net.node(retrying(1, 50), TestNetwork.address(1));
        boolean[] answering = {true};
        List<TestNetwork.Arrival> inbox = new java.util.ArrayList<>();
        net.attach(peerAddress, (from, bytes) -> {
            inbox.add(new TestNetwork.Arrival(net.now(), from, bytes));
            if (answering[0]) net.send(peerAddress, from, pong(decode(bytes).txId()));
        });

        net.await(a.node().ping(peerAddress), 1_000, "the first ping");
        assertEquals(1, inbox.size());

        answering[0] = false;
        inbox.clear();
        CompletableFuture<Contact> second = net.runUntilDone(a.node().ping(peerAddress), 60_000, "the second ping");
        assertTrue(second.isCompletedExceptionally());
        assertEquals(2, inbox.size());
        // one sample of 2·LATENCY = 20 ms: srtt 20, rttvar 10, timeout 20 + 4·10 = 60 ms (not the initial 1 s)
        assertEquals(60, inbox.get(1).time() - inbox.get(0).time());

        // an address with no samples of its own gets the estimate over all addresses
        InetSocketAddress silent = TestNetwork.address(9);
        List<TestNetwork.Arrival> silentInbox = net.recorder(silent);
        net.runUntilDone(a.node().ping(silent), 60_000, "the ping to a new address");
        assertEquals(60, silentInbox.get(1).time() - silentInbox.get(0).time());
    }

    /** {@code retries} retries, timeouts from {@code minTimeoutMillis} to 5 s, 1 s before the first sample. */
    private static NodeConfig retrying(int retries, long minTimeoutMillis) {
        return NodeConfig.builder().rpcRetries(retries)
                .rpcTimeout(Duration.ofMillis(minTimeoutMillis), Duration.ofSeconds(5))
                .rpcTimeoutInitial(Duration.ofSeconds(1)).build();
    }

    private byte[] pong(long txId) {
        return MessageCodec.encode(new Message.Pong(txId, peerId, peerRecord, TestNetwork.address(1)));
    }

    private static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
