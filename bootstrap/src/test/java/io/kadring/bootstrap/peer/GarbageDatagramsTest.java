package io.kadring.bootstrap.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.TestPeers;
import io.kadring.crypto.Identity;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few thousand seeded garbage datagrams (random bytes, random bodies behind a well-formed
 * header, and real messages mutated or cut short) do not stop a running peer from answering,
 * and each one that does not decode is counted in {@code kadring_datagrams_dropped_total}.
 */
final class GarbageDatagramsTest {
    private static final int DATAGRAMS = 5_000;
    private static final int BATCH = 250;
    private static final long SEED = 0x6b616472696e67L;

    @TempDir
    Path dir;

    @Test
    void garbage_isDroppedAndCounted_andThePeerStillAnswersAPing() throws Exception {
        try (PeerProcess peer = TestPeers.start(dir.resolve("target"));
             // default timeouts (1 s, one retry): a peer busy with a batch of garbage on a loaded
             // machine may take longer than the fast test settings' 300 ms to answer a ping
             KadringNode prober = KadringNode.builder().host("127.0.0.1").port(0).build()) {
            peer.joined().get(10, TimeUnit.SECONDS);
            prober.start().get(10, TimeUnit.SECONDS);
            InetSocketAddress target = peer.udpAddress();
            assertEquals(peer.id(), prober.ping(target).get(10, TimeUnit.SECONDS).id());
            double droppedBefore = dropped(peer);

            SplittableRandom random = new SplittableRandom(SEED);
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (int i = 0; i < DATAGRAMS; i++) {
                    byte[] garbage = garbage(random);
                    socket.send(new DatagramPacket(garbage, garbage.length, target));
                    if (i % BATCH == BATCH - 1) {
                        // still answering; and waiting for it keeps the socket's queue from overflowing
                        Contact answered = prober.ping(target).get(10, TimeUnit.SECONDS);
                        assertEquals(peer.id(), answered.id(), "after " + (i + 1) + " datagrams");
                    }
                }
            }
            TestPeers.await(Duration.ofSeconds(10), "the drops to be counted",
                    () -> dropped(peer) - droppedBefore >= DATAGRAMS / 2.0);
            assertTrue(peer.node().findClosest(Id.random(random)).get(10, TimeUnit.SECONDS).contacts().size() >= 1);
        }
    }

    /** One of three kinds, chosen at random: noise, a header with a random body, a real message damaged. */
    private static byte[] garbage(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> bytes(random, random.nextInt(0, 1500));
            case 1 -> {
                byte[] b = bytes(random, MessageCodec.HEADER_BYTES + random.nextInt(0, 200));
                b[0] = (byte) MessageCodec.VERSION;
                b[1] = (byte) random.nextInt(0, 16);
                yield b;
            }
            default -> damaged(random, real(random));
        };
    }

    private static byte[] real(SplittableRandom random) {
        Id sender = Id.random(random);
        Message message = switch (random.nextInt(3)) {
            case 0 -> new Message.FindNode(random.nextLong(), sender, Id.random(random), Message.FindNode.XOR);
            case 1 -> new Message.FindValue(random.nextLong(), sender, Id.random(random), -1);
            default -> new Message.Store(random.nextLong(), sender, bytes(random, 8), 60_000, -1,
                    SignedRecord.sign(Identity.fromSeed(bytes(random, 32)), new byte[0], 1, bytes(random, 40)));
        };
        return MessageCodec.encode(message);
    }

    /** Cut short, or a few bytes flipped, or both. */
    private static byte[] damaged(SplittableRandom random, byte[] message) {
        byte[] b = random.nextBoolean() ? Arrays.copyOf(message, random.nextInt(0, message.length)) : message;
        for (int flips = random.nextInt(1, 4); flips > 0 && b.length > 0; flips--) {
            b[random.nextInt(b.length)] ^= (byte) random.nextInt(1, 256);
        }
        return b;
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    /** The sum of kadring_datagrams_dropped_total over its reasons, scraped from the admin API. */
    private static double dropped(PeerProcess peer) {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + peer.adminPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines()
                    .filter(l -> l.startsWith("kadring_datagrams_dropped_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (Exception e) {
            throw new AssertionError("cannot scrape /metrics", e);
        }
    }
}
