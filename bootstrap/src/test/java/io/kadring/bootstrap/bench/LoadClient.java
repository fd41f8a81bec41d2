package io.kadring.bootstrap.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One client socket of {@link ThroughputBench}: keeps {@code window} copies of one request in
 * flight to a server, sending the next as each answer arrives; a timer refills the window when
 * nothing came back for a tick (lost datagrams).
 */
final class LoadClient {
    private static final long TICK_MILLIS = 50;

    private final Vertx vertx;
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Buffer request;
    private final int window;
    private final LongAdder answers = new LongAdder();
    private long answersAtTick;
    private long timer;

    private LoadClient(Vertx vertx, DatagramSocket socket, InetSocketAddress server, int window, byte[] request) {
        this.vertx = vertx;
        this.socket = socket;
        this.server = server;
        this.window = window;
        this.request = Buffer.buffer(request);
    }

    static CompletableFuture<LoadClient> start(Vertx vertx, InetSocketAddress server, int window, byte[] request) {
        DatagramSocket socket = vertx.createDatagramSocket();
        LoadClient client = new LoadClient(vertx, socket, server, window, request);
        socket.handler(packet -> {
            client.answers.increment();
            client.send();
        });
        return socket.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().thenApply(bound -> {
            client.fill();
            client.timer = vertx.setPeriodic(TICK_MILLIS, id -> client.tick());
            return client;
        });
    }

    static long answers(List<LoadClient> clients) {
        long sum = 0;
        for (LoadClient c : clients) sum += c.answers.sum();
        return sum;
    }

    private void send() {
        socket.send(request, server.getPort(), server.getHostString());
    }

    private void fill() {
        for (int i = 0; i < window; i++) send();
    }

    private void tick() {
        long now = answers.sum();
        if (now == answersAtTick) fill();
        answersAtTick = now;
    }

    void close() {
        vertx.cancelTimer(timer);
        socket.close();
    }
}
