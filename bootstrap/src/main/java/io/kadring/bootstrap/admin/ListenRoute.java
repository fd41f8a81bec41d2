package io.kadring.bootstrap.admin;

import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.Listening;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /listen/{key}}: server-sent events (text/event-stream), one event per record the
 * peer hears for the key ({@link KadringNode#listen}): the one held now, then every newer seq,
 * a tombstone included, as {@code id: <seq>} and {@code data: <record JSON>} ({@link RecordJson},
 * {@code "deleted": true} for a tombstone). A comment line every {@value #KEEP_ALIVE_MILLIS} ms
 * keeps the connection within the idle timeout. At most {@value #MAX_STREAMS} streams at once
 * (503 beyond); a client that does not keep up (a full write queue) is disconnected. The listen
 * is cancelled when the connection closes.
 */
final class ListenRoute {
    static final long KEEP_ALIVE_MILLIS = 10_000;
    static final int MAX_STREAMS = 64;

    private final KadringNode node;
    private final Vertx vertx;
    private final AtomicInteger open = new AtomicInteger();

    ListenRoute(KadringNode node, Vertx vertx) {
        this.node = node;
        this.vertx = vertx;
    }

    /** Starts the stream on {@code response}; an error reply when it cannot. */
    java.util.Optional<Reply> stream(Id key, HttpServerResponse response) {
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            return java.util.Optional.of(Reply.json(503, Json.object().put("error", "this peer already serves "
                    + MAX_STREAMS + " listen streams; close one or try another peer").put("reason", "too_many_streams")));
        }
        Context context = vertx.getOrCreateContext();
        response.setStatusCode(200).setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
        response.write(": listening to " + key.toHex() + "\n\n");
        Listening listening = node.listen(key, record -> context.runOnContext(v -> send(response, record)));
        long timer = vertx.setPeriodic(KEEP_ALIVE_MILLIS, id -> {
            if (!response.closed() && !response.ended()) response.write(": keep-alive\n\n");
        });
        response.closeHandler(v -> {
            listening.cancel();
            vertx.cancelTimer(timer);
            open.decrementAndGet();
        });
        return java.util.Optional.empty();
    }

    private static void send(HttpServerResponse response, SignedRecord record) {
        if (response.closed() || response.ended()) return;
        if (response.writeQueueFull()) {
            response.reset(); // the client does not read: it cannot hold the node's memory
            return;
        }
        response.write("id: " + record.seq() + "\ndata: " + Json.compact(RecordJson.toJson(record)) + "\n\n");
    }
}
