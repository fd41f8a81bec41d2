package io.kadring.bootstrap.admin;

import io.kadring.bootstrap.AddressText;
import io.kadring.bootstrap.KeyArgument;
import io.kadring.overlay.KadringNode;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API, bound to 127.0.0.1 only:
 * <pre>
 * GET /health            200 {status: "ok", phase} once joined (or alone); 503 {status: "unavailable",
 *                        phase, error, reason: "not_joined"} while joining
 * GET /status            node_id, address, phase, contacts, successor, predecessor, records, uptime_seconds
 * GET /contacts          [{id, address}, ...]
 * GET /ring              {predecessor, successors: [...]}
 * GET /lookup/{key}      the k closest by XOR: {key, contacts, hops, messages, duration_ms}
 * GET /successor/{key}   the ring successor, same shape
 * GET /records           the records this peer holds
 * GET /records/{key}     the record under key, found through the network (404 when none)
 * POST /records          store a signed record at the k closest nodes (see {@link RecordRoutes})
 * GET /metrics           Prometheus text format
 * </pre>
 * Until the peer has joined a network, the routes that need it ({@code /lookup},
 * {@code /successor}, {@code GET /records/{key}}, {@code POST /records}) answer 503 {@code {error,
 * reason: "not_joined", phase, contacts}} rather than a success that reached no one.
 *
 * <p>Errors are JSON {@code {"error": "...", "reason": "..."}}; the reason is a code to branch on:
 * 400 {@code bad_request} (a malformed request, naming the field), 403 {@code forbidden_host} (a
 * request addressed to a host other than the loopback: a DNS-rebinding page in a browser), 404
 * {@code not_found} (an unknown route or key), 405 {@code method_not_allowed}, 413
 * {@code too_large}, 415 {@code unsupported_media_type}, 500 {@code internal}, 503
 * {@code not_joined} or {@code not_running} (the node's socket is not bound yet, or it is
 * stopping), 504 {@code timeout} (the network did not answer in time); a rejected record as
 * {@link RecordRoutes} says.
 */
public final class AdminServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final Duration LOOKUP_LIMIT = Duration.ofSeconds(30);
    private static final Duration BIND_LIMIT = Duration.ofSeconds(10);
    private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final KadringNode node;
    private final PrometheusMeterRegistry registry;
    private final PeerFacts facts;
    private final JoinGate gate;
    private final RecordRoutes records;
    private final HttpServer server;

    private AdminServer(Vertx vertx, KadringNode node, PrometheusMeterRegistry registry, PeerFacts facts) {
        this.node = node;
        this.registry = registry;
        this.facts = facts;
        this.gate = new JoinGate(node, facts);
        this.records = new RecordRoutes(node, gate);
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(this::handle);
    }

    /**
     * Serves the API on 127.0.0.1:{@code port} (0 picks a free port); returns once it is bound,
     * or throws a {@link BindException} naming the address.
     */
    public static AdminServer start(Vertx vertx, AdminSettings settings, KadringNode node,
                                    PrometheusMeterRegistry registry, PeerFacts facts) throws IOException {
        AdminServer admin = new AdminServer(vertx, node, registry, facts);
        int port = settings.port();
        try {
            admin.server.listen(port, settings.host()).toCompletionStage().toCompletableFuture()
                    .get(BIND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            BindException failure = new BindException("cannot bind the admin API to 127.0.0.1:" + port + ": "
                    + cause.getMessage());
            failure.initCause(cause);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the admin API", e);
        }
        return admin;
    }

    /** The port the API listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Stops accepting requests and closes the listening socket. */
    public CompletableFuture<Void> closeAsync() {
        return server.close().toCompletionStage().toCompletableFuture();
    }

    private void handle(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        Future.fromCompletionStage(answer(request), context).onComplete((reply, failure) -> {
            HttpServerResponse response = request.response();
            if (response.closed() || response.ended()) return; // the client went away meanwhile
            Reply r = failure == null ? reply : failed(request, failure);
            response.setStatusCode(r.status()).putHeader("content-type", r.contentType()).end(r.body());
        });
    }

    private CompletableFuture<Reply> answer(HttpServerRequest request) {
        try {
            String path = Objects.requireNonNullElse(request.path(), "");
            HostAndPort authority = request.authority();
            if (authority != null && !LOOPBACK_NAMES.contains(authority.host())) {
                return done(Reply.error(403, "the admin API answers requests for 127.0.0.1 or localhost only, got host '"
                        + KeyArgument.echo(authority.host()) + "'"));
            }
            String[] segments = path.split("/", -1);
            Optional<CompletableFuture<Reply>> record = records.route(request, segments);
            if (record.isPresent()) return record.get();
            if (request.method() != HttpMethod.GET) {
                return done(Reply.error(405, "method " + request.method()
                        + " is not allowed here; only POST /records writes, everything else is GET"));
            }
            String route = segments.length > 1 ? segments[1] : "";
            if (segments.length == 3 && (route.equals("lookup") || route.equals("successor"))) {
                return gate.whenJoined(() -> lookup(route, key(segments[2])));
            }
            return switch (segments.length == 2 ? route : "") {
                case "health" -> gate.health();
                case "status" -> status();
                case "contacts" -> node.contacts().thenApply(c -> Reply.json(NodeJson.contacts(c)));
                case "ring" -> ring();
                case "metrics" -> done(new Reply(200, METRICS_TYPE, registry.scrape()));
                default -> done(Reply.error(404, "no route GET " + KeyArgument.echo(path) + "; try /health, /status, "
                        + "/contacts, /ring, /lookup/{key}, /successor/{key}, /records, /records/{key} or /metrics"));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Reply> status() {
        CompletableFuture<List<Contact>> contacts = node.contacts();
        CompletableFuture<Optional<Contact>> successor = node.successor();
        CompletableFuture<Optional<Contact>> predecessor = node.predecessor();
        CompletableFuture<InetSocketAddress> address = node.advertisedAddress();
        CompletableFuture<Integer> held = records.held();
        return CompletableFuture.allOf(contacts, successor, predecessor, address, held).thenApply(ignored -> Reply.json(new JsonObject()
                .put("node_id", node.id().toHex())
                .put("address", AddressText.format(address.join()))
                .put("phase", facts.phase())
                .put("contacts", contacts.join().size())
                .put("successor", NodeJson.id(successor.join()))
                .put("predecessor", NodeJson.id(predecessor.join()))
                .put("records", held.join())
                .put("uptime_seconds", facts.uptimeSeconds())));
    }

    /** The ring as this node sees it: predecessor and the successor list, closest first. */
    private CompletableFuture<Reply> ring() {
        CompletableFuture<List<Contact>> successorList = node.successors();
        CompletableFuture<Optional<Contact>> predecessor = node.predecessor();
        return successorList.thenCombine(predecessor, (s, p) -> {
            JsonArray successors = new JsonArray();
            s.forEach(c -> successors.add(NodeJson.contact(c)));
            return Reply.json(new JsonObject()
                    .put("predecessor", p.map(NodeJson::contact).orElse(null))
                    .put("successors", successors));
        });
    }

    private CompletableFuture<Reply> lookup(String route, Id key) {
        var outcome = route.equals("lookup") ? node.findClosest(key) : node.findSuccessor(key);
        return outcome.orTimeout(LOOKUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(o -> Reply.json(NodeJson.lookup(key, o)));
    }

    private static Id key(String text) {
        try {
            return KeyArgument.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static Reply failed(HttpServerRequest request, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof BadRequest) return Reply.error(400, e.getMessage());
        if (e instanceof TimeoutException) return Reply.error(504, "the node did not answer in time");
        if (e instanceof IllegalStateException) {
            return Reply.error(503, "the node is not running: its UDP socket is not bound yet, or it is stopping");
        }
        LOG.error("admin API: {} {} failed", request.method(), KeyArgument.echo(request.path()), e);
        return Reply.error(500, "internal error; the peer's log has the details");
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
