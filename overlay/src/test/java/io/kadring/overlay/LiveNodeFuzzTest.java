package io.kadring.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.Mutations;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A real node on UDP loopback takes 100,000 hostile datagrams from a plain socket (random
 * bytes, and valid frames from the codec with bytes flipped, cut short or with bytes
 * appended), counts them as dropped, and still answers a real PING afterwards.
 */
final class LiveNodeFuzzTest {
    private static final int DATAGRAMS = 100_000;
    private static final int BATCH = 200;
    private static final Duration BATCH_WAIT = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofMillis(50);

    @Test
    void node_survivesAHundredThousandHostileDatagrams_andStillAnswersAPing() throws Exception {
        Vertx vertx = Vertx.vertx();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KadringNode target = KadringNode.builder().vertx(vertx).host("127.0.0.1").port(0)
                     .meterRegistry(registry).build();
             KadringNode prober = KadringNode.builder().vertx(vertx).host("127.0.0.1").port(0).build();
             DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            target.start().get(10, TimeUnit.SECONDS);
            InetSocketAddress to = target.localAddress();
            InetSocketAddress me = (InetSocketAddress) socket.getLocalSocketAddress();
            Frames frames = new Frames(new SplittableRandom(1337), target.id(), me);

            long started = System.nanoTime();
            long bytesSent = 0;
            int sent = 0;
            int batchesNotDrained = 0;
            long missing = 0;
            while (sent < DATAGRAMS) {
                for (int i = 0; i < BATCH && sent < DATAGRAMS; i++, sent++) {
                    byte[] datagram = frames.next();
                    socket.send(new DatagramPacket(datagram, datagram.length, to));
                    bytesSent += datagram.length;
                }
                // pace: let the node drain its socket before the next batch, so the kernel's receive
                // buffer does not simply drop most of them. Bounded: a datagram lost (or cut short) on
                // the way never arrives, so the wait ends when the node's byte count stops growing,
                // and what is still missing then is not waited for again.
                long expected = bytesSent - missing;
                long deadline = System.nanoTime() + BATCH_WAIT.toNanos();
                double seen = bytesIn(registry);
                long lastProgress = System.nanoTime();
                while (seen < expected && System.nanoTime() < deadline
                        && System.nanoTime() - lastProgress < STALL.toNanos()) {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                    double now = bytesIn(registry);
                    if (now > seen) lastProgress = System.nanoTime();
                    seen = now;
                }
                if (seen < expected) batchesNotDrained++;
                missing = bytesSent - (long) seen;
            }
            long sendMillis = (System.nanoTime() - started) / 1_000_000;

            Contact answer = prober.start().thenCompose(j -> prober.ping(to)).get(10, TimeUnit.SECONDS);
            assertEquals(target.id(), answer.id(), "the fuzzed node answered a real PING");

            double dropped = sum(registry, "kadring.datagrams.dropped");
            double arrived = bytesIn(registry);
            System.out.printf("[live fuzz] sent %d datagrams (%d bytes) in %d ms; node received %.0f bytes (%.1f %%),"
                            + " dropped %.0f datagrams (%.1f %% of sent); %d of %d batches short when the node's"
                            + " byte count stalled;"
                            + " drop reasons %s%n",
                    sent, bytesSent, sendMillis, arrived, 100 * arrived / bytesSent, dropped, 100 * dropped / sent,
                    batchesNotDrained, (sent + BATCH - 1) / BATCH, reasons(registry));
            assertTrue(sent >= 100_000);
            assertTrue(dropped >= 0.5 * sent, "at least half of the garbage is counted as dropped: " + dropped);
            assertEquals(0, count(registry, "kadring.datagrams.dropped", "reason", "internal_error"),
                    "no datagram hit a bug of the node");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static double bytesIn(SimpleMeterRegistry registry) {
        return registry.find("kadring.received").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double sum(SimpleMeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double count(SimpleMeterRegistry registry, String name, String tag, String value) {
        Counter c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    private static String reasons(SimpleMeterRegistry registry) {
        List<String> out = new ArrayList<>();
        for (Counter c : registry.find("kadring.datagrams.dropped").counters()) {
            out.add(c.getId().getTag("reason") + "=" + (long) c.count());
        }
        out.sort(null);
        return out.toString();
    }

    /** Hostile datagrams: random bytes, valid frames, and valid frames mutated. */
    private static final class Frames {
        private final SplittableRandom random;
        private final Id targetId;
        private final InetSocketAddress me;
        private final List<NodeRecord> signed = new ArrayList<>();

        Frames(SplittableRandom random, Id targetId, InetSocketAddress me) {
            this.random = random;
            this.targetId = targetId;
            this.me = me;
            for (int i = 0; i < 4; i++) {
                byte[] seed = new byte[Identity.SEED_BYTES];
                random.nextBytes(seed);
                // verifying records, some naming the fuzzer's own address: those reach the signature check
                signed.add(NodeRecord.sign(Identity.fromSeed(seed), i % 2 == 0 ? me : address(), 1));
            }
        }

        byte[] next() {
            int pick = random.nextInt(10);
            if (pick == 0) return bytes(random.nextInt(0, 1500));
            byte[] valid = MessageCodec.encode(message());
            if (pick == 1) return valid;
            return Mutations.mutate(random, valid);
        }

        private Message message() {
            long tx = random.nextLong();
            Id sender = random.nextInt(8) == 0 ? targetId : Id.random(random);
            return switch (random.nextInt(8)) {
                case 0, 1 -> {
                    NodeRecord record = random.nextBoolean() ? signed.get(random.nextInt(signed.size()))
                            : NodeRecord.of(bytes(32), address(), random.nextLong(), bytes(64));
                    yield new Message.Ping(tx, random.nextBoolean() ? record.id() : sender, record);
                }
                case 2, 3 -> new Message.FindNode(tx, sender, Id.random(random),
                        random.nextBoolean() ? Message.FindNode.XOR : Message.FindNode.RING);
                case 4 -> new Message.Pong(tx, sender, signed.get(random.nextInt(signed.size())), me);
                case 5 -> new Message.Nodes(tx, sender, bytes(random.nextInt(33)), random.nextBoolean(),
                        contacts(random.nextInt(21)));
                case 6 -> new Message.GetNeighbours(tx, sender);
                default -> new Message.Neighbours(tx, sender, null, contacts(random.nextInt(17)));
            };
        }

        private List<WireContact> contacts(int n) {
            List<WireContact> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(new WireContact(Id.random(random), address()));
            return list;
        }

        /** Somewhere in TEST-NET-3, where nobody listens. */
        private InetSocketAddress address() {
            byte[] ip = {(byte) 203, 0, 113, (byte) (1 + random.nextInt(254))};
            try {
                return new InetSocketAddress(InetAddress.getByAddress(ip), 1 + random.nextInt(65_535));
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        private byte[] bytes(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }
    }
}
