package io.kadring.overlay.vertx;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kadring.overlay.wire.MessageCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class VertxEnvironmentTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static Vertx vertx;
    private final List<VertxEnvironment> opened = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, SECONDS);
    }

    @AfterEach
    void closeEnvironments() throws Exception {
        for (VertxEnvironment env : opened) {
            env.closeAsync().get(5, SECONDS);
        }
    }

    @Test
    void bind_onPortZeroReportsTheActuallyBoundPort() throws Exception {
        VertxEnvironment env = bind(LOOPBACK, 0);

        assertEquals(InetAddress.getByName(LOOPBACK), env.localAddress().getAddress());
        assertTrue(env.localAddress().getPort() > 0, env.localAddress().toString());
        assertFalse(env.ownsVertx());
    }

    @Test
    void send_deliversACopyToTheOtherEnvironmentOnItsContextOverIpv4() throws Exception {
        assertExchange(LOOPBACK);
    }

    @Test
    void send_deliversACopyToTheOtherEnvironmentOnItsContextOverIpv6() throws Exception {
        assumeTrue(ipv6LoopbackAvailable(), "this machine cannot bind a UDP socket on ::1");
        assertExchange("::1");
    }

    private void assertExchange(String host) throws Exception {
        VertxEnvironment a = bind(host, 0);
        VertxEnvironment b = bind(host, 0);
        CompletableFuture<InetSocketAddress> sender = new CompletableFuture<>();
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        AtomicBoolean onContext = new AtomicBoolean();
        b.setHandler((from, datagram) -> {
            onContext.set(b.isOnContext());
            sender.complete(from);
            received.complete(datagram);
        });
        byte[] sent = "ping".getBytes(US_ASCII);

        a.execute(() -> a.send(b.localAddress(), sent));

        assertArrayEquals(sent, received.get(5, SECONDS));
        assertEquals(a.localAddress(), sender.get(5, SECONDS));
        assertTrue(onContext.get(), "handler ran off the receiving node's context");
        assertEquals(0, a.sendFailures());
    }

    @Test
    void bind_withAReceiveBufferReadsEachDatagramIntoMoreThanTheWiresLimitNotTheBuffersSize() throws Exception {
        VertxEnvironment a = bind(LOOPBACK, 0);
        VertxEnvironment b = VertxEnvironment.bind(vertx, LOOPBACK, 0, VertxEnvironment.DEFAULT_RECEIVE_BUFFER_BYTES)
                .get(5, SECONDS);
        opened.add(b);
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        b.setHandler((from, datagram) -> {
            received.add(datagram);
            two.countDown();
        });
        byte[] longest = new byte[MessageCodec.MAX_DATAGRAM_BYTES];
        byte[] tooLong = new byte[DatagramReadBuffer.BYTES + 100];
        longest[longest.length - 1] = 7;

        a.execute(() -> {
            a.send(b.localAddress(), longest);
            a.send(b.localAddress(), tooLong);
        });

        assertTrue(two.await(5, SECONDS), "both datagrams should arrive");
        assertEquals(DatagramReadBuffer.BYTES, b.readBufferBytes(), "Vert.x would read into the receive buffer's size");
        assertTrue(DatagramReadBuffer.BYTES > MessageCodec.MAX_DATAGRAM_BYTES, "a read must show a datagram is too long");
        assertArrayEquals(longest, received.get(0));
        assertTrue(received.get(1).length > MessageCodec.MAX_DATAGRAM_BYTES, "a too long datagram is still too long");
    }

    @Test
    void setHandler_aHandlerThatThrowsDoesNotStopLaterDeliveries() throws Exception {
        VertxEnvironment a = bind(LOOPBACK, 0);
        VertxEnvironment b = bind(LOOPBACK, 0);
        CompletableFuture<String> second = new CompletableFuture<>();
        b.setHandler((from, datagram) -> {
            String text = new String(datagram, US_ASCII);
            if (text.equals("first")) {
                throw new IllegalStateException("a buggy handler");
            }
            second.complete(text);
        });

        a.execute(() -> {
            a.send(b.localAddress(), "first".getBytes(US_ASCII));
            a.send(b.localAddress(), "second".getBytes(US_ASCII));
        });

        assertEquals("second", second.get(5, SECONDS));
        assertEquals(1, b.callbackFailures());
    }

    @Test
    void schedule_runsTheTaskOnTheContextNoSoonerThanTheDelay() throws Exception {
        VertxEnvironment env = bind(LOOPBACK, 0);
        CompletableFuture<Long> firedAt = new CompletableFuture<>();
        AtomicBoolean onContext = new AtomicBoolean();

        long scheduledAt = env.supply(() -> {
            env.schedule(50, () -> {
                onContext.set(env.isOnContext());
                firedAt.complete(env.now());
            });
            return env.now();
        }).get(5, SECONDS);

        assertTrue(firedAt.get(5, SECONDS) - scheduledAt >= 50);
        assertTrue(onContext.get());
    }

    @Test
    void schedule_withZeroDelayRunsOnTheContextAfterTheCurrentTask() throws Exception {
        VertxEnvironment env = bind(LOOPBACK, 0);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> ranOnContext = new CompletableFuture<>();

        env.execute(() -> {
            env.schedule(0, () -> {
                order.add("task");
                ranOnContext.complete(env.isOnContext());
            });
            order.add("caller");
        });

        assertTrue(ranOnContext.get(5, SECONDS));
        assertEquals(List.of("caller", "task"), order);
    }

    @Test
    void schedule_calledFromAnotherThreadStillRunsTheTaskOnTheContext() throws Exception {
        VertxEnvironment env = bind(LOOPBACK, 0);
        CompletableFuture<Boolean> ranOnContext = new CompletableFuture<>();

        env.schedule(1, () -> ranOnContext.complete(env.isOnContext()));

        assertTrue(ranOnContext.get(5, SECONDS));
    }

    @Test
    void cancel_keepsAPendingTaskFromRunning() throws Exception {
        VertxEnvironment env = bind(LOOPBACK, 0);
        AtomicBoolean cancelledRan = new AtomicBoolean();

        env.execute(() -> env.schedule(20, () -> cancelledRan.set(true)).cancel());

        awaitTimer(env, 100);
        assertNeverRan(cancelledRan, env);
    }

    @Test
    void closeAsync_releasesThePortSoItCanBeBoundAgain() throws Exception {
        VertxEnvironment first = VertxEnvironment.bind(vertx, LOOPBACK, 0).get(5, SECONDS);
        int port = first.localAddress().getPort();

        first.closeAsync().get(5, SECONDS);

        // the port is free once the future completes; on a busy machine another process may
        // grab the freed ephemeral port first, so allow a few tries before calling it held
        VertxEnvironment again = null;
        for (int attempt = 0; again == null; attempt++) {
            try {
                again = bind(LOOPBACK, port);
            } catch (Exception taken) {
                if (attempt == 4) throw taken;
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        assertEquals(port, again.localAddress().getPort());
    }

    @Test
    void closeAsync_cancelsPendingTimersSoTheyNeverRun() throws Exception {
        VertxEnvironment closing = VertxEnvironment.bind(vertx, LOOPBACK, 0).get(5, SECONDS);
        VertxEnvironment witness = bind(LOOPBACK, 0);
        AtomicBoolean ran = new AtomicBoolean();
        closing.supply(() -> closing.schedule(200, () -> ran.set(true))).get(5, SECONDS);

        closing.closeAsync().get(5, SECONDS);

        awaitTimer(witness, 400); // past the closed one's deadline
        assertNeverRan(ran, closing);
    }

    @Test
    void closeAsync_isIdempotentAndLeavesASharedVertxOpen() throws Exception {
        VertxEnvironment env = VertxEnvironment.bind(vertx, LOOPBACK, 0).get(5, SECONDS);

        CompletableFuture<Void> first = env.closeAsync();
        first.get(5, SECONDS);

        assertSame(first, env.closeAsync());
        bind(LOOPBACK, 0); // the shared Vertx still works
    }

    @Test
    void close_ofAnEnvironmentWithItsOwnVertxClosesThatVertx() throws Exception {
        VertxEnvironment env = VertxEnvironment.bindWithOwnVertx(LOOPBACK, 0).get(5, SECONDS);
        assertTrue(env.ownsVertx());

        env.close();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> VertxEnvironment.bind(env.vertx(), LOOPBACK, 0).get(5, SECONDS));
        assertInstanceOf(BindException.class, failure.getCause());
    }

    @Test
    void bind_toABusyPortFailsWithAMessageNamingHostAndPort() throws Exception {
        VertxEnvironment holder = bind(LOOPBACK, 0);
        int port = holder.localAddress().getPort();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> VertxEnvironment.bind(vertx, LOOPBACK, port).get(5, SECONDS));

        assertInstanceOf(BindException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains(LOOPBACK + ":" + port),
                failure.getCause().getMessage());
    }

    @Test
    void bind_rejectsAPortOutOfRangeNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VertxEnvironment.bind(vertx, LOOPBACK, 65_536));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
    }

    @Test
    void send_toAnUnresolvedAddressIsCountedNotThrown() throws Exception {
        VertxEnvironment env = bind(LOOPBACK, 0);

        env.supply(() -> {
            env.send(InetSocketAddress.createUnresolved("peer.invalid", 4000), new byte[] {1});
            return null;
        }).get(5, SECONDS);

        assertEquals(1, env.sendFailures());
    }

    @Test
    void bind_manyEnvironmentsShareOneVertxEachOnItsOwnContext() throws Exception {
        int count = 16;
        List<VertxEnvironment> ring = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ring.add(bind(LOOPBACK, 0));
        }
        Set<Context> contexts = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicInteger offContext = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(count);
        for (VertxEnvironment env : ring) {
            env.setHandler((from, datagram) -> {
                contexts.add(Vertx.currentContext());
                if (!env.isOnContext()) {
                    offContext.incrementAndGet();
                }
                delivered.countDown();
            });
        }

        for (int i = 0; i < count; i++) {
            VertxEnvironment from = ring.get(i);
            InetSocketAddress to = ring.get((i + 1) % count).localAddress();
            from.execute(() -> from.send(to, new byte[] {42}));
        }

        assertTrue(delivered.await(5, SECONDS), "undelivered: " + delivered.getCount());
        assertEquals(count, contexts.size());
        assertEquals(0, offContext.get());
    }

    @Test
    void random_isSeededDifferentlyForEachEnvironment() throws Exception {
        VertxEnvironment a = bind(LOOPBACK, 0);
        VertxEnvironment b = bind(LOOPBACK, 0);

        long fromA = a.supply(() -> a.random().nextLong()).get(5, SECONDS);
        long fromB = b.supply(() -> b.random().nextLong()).get(5, SECONDS);

        assertNotEquals(fromA, fromB);
    }

    private VertxEnvironment bind(String host, int port) throws Exception {
        VertxEnvironment env = VertxEnvironment.bind(vertx, host, port).get(5, SECONDS);
        opened.add(env);
        return env;
    }

    /** Sets a timer of {@code delayMillis} on {@code env} and waits until it has fired. */
    private static void awaitTimer(VertxEnvironment env, long delayMillis) throws Exception {
        CompletableFuture<Void> fired = new CompletableFuture<>();
        env.schedule(delayMillis, () -> fired.complete(null));
        fired.get(5, SECONDS);
    }

    /** The task that sets {@code ran} never ran, and {@code env} holds no timer for it. */
    private static void assertNeverRan(AtomicBoolean ran, VertxEnvironment env) throws Exception {
        assertFalse(ran.get());
        assertEquals(0, env.supply(env::pendingTimers).get(5, SECONDS));
    }

    private static boolean ipv6LoopbackAvailable() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            return probe.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
