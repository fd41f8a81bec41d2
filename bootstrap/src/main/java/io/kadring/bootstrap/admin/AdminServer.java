package io.kadring.bootstrap.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.AddressText;
import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.KeyArgument;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.LookupOutcome;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API, bound to {@link AdminSettings#host()} and nothing else (127.0.0.1 unless
 * told otherwise), routed by a vertx-web {@code Router}:
 * <pre>
 * GET /                  the status page: one self-contained HTML page that polls the routes below
 * GET /health            200 {status: "ok", phase} once joined (or alone); 503 {status: "unavailable",
 *                        phase, error, reason: "not_joined"} while joining; 503 {status: "unhealthy",
 *                        phase, error, reason: "isolated", silence_seconds} when no contact answers
 * GET /status            node_id, address, phase, contacts, successor, predecessor, records,
 *                        network_size_estimate, client_mode, uptime_seconds
 * GET /contacts          [{id, address}, ...]
 * GET /ring              {predecessor, successors: [...]}
 * GET /lookup/{key}      the k closest by XOR: {key, contacts, hops, messages, duration_ms}
 * GET /lookups           the latest 32 lookups the node finished, newest first: {lookups: [{kind, key,
 *                        hops, messages, duration_ms, found, ago_ms}, ...]}
 * GET /successor/{key}   the ring successor, same shape
 * GET /records           the records this peer holds
 * GET /records/{key}     the record under key, found through the network (404 when none)
 * GET /records/{key}/replicas  which of the k closest hold which seq ({@link ReplicaJson})
 * POST /records          store a signed record at the k closest nodes (see {@link RecordRoutes})
 * POST /announcements    announce a signed announcement at the k nodes closest to its topic
 * GET /announcements/{topic}  distinct announcers' entries under a topic (see {@link AnnouncementRoutes})
 * GET /listen/{key}      server-sent events: the record under key, then each newer seq ({@link ListenRoute})
 * GET /metrics           Prometheus text format
 * </pre>
 * Who may ask: without a token (allowed on a loopback host only), any process on this machine,
 * for the host names 127.0.0.1, localhost and [::1] only (403 otherwise: a DNS-rebinding page in
 * a browser). With a token (see {@link AdminSettings#forHost}: always on any other host), every
 * route but {@code GET /health}, {@code GET /metrics} and the status page's static HTML
 * ({@code GET /}, which asks for the token and sends it itself) needs {@code Authorization: Bearer
 * <token>} (401 and {@code WWW-Authenticate} otherwise), whatever the host name.
 *
 * <p>Until the peer has joined a network, the routes that need it ({@code /lookup},
 * {@code /successor}, {@code GET /records/{key}}, {@code /records/{key}/replicas}, {@code POST /records}) answer 503 {@code {error,
 * reason: "not_joined", phase, contacts}} rather than a success that reached no one.
 *
 * <p>Limits, so that slow or idle clients cannot exhaust it (see ConnectionLimits): a
 * connection that has not sent a complete request head within 10 s of opening (or of its previous
 * response's end) is closed, as is one on which no part of a request arrived and nothing was
 * written for 30 s; connections beyond 256 open ones are closed at once. HTTP/1.1 only; a
 * request without a Host header is refused (400), as HTTP/1.1 requires. A route matches its path
 * with or without a trailing slash, after dot segments and repeated slashes are resolved; a key is
 * percent-decoded.
 *
 * <p>Errors are JSON {@code {"error": "...", "reason": "..."}}; the reason is a code to branch on:
 * 400 {@code bad_request} (a malformed request, naming the field; an {@code Expect} other than
 * {@code 100-continue}), 401 {@code unauthorized}, 403
 * {@code forbidden_host}, 404 {@code not_found} (an unknown route or key), 405
 * {@code method_not_allowed}, 413 {@code too_large}, 415 {@code unsupported_media_type}, 500
 * {@code internal}, 503 {@code not_joined} or {@code not_running} (the node's socket is not bound
 * yet, or it is stopping), 504 {@code timeout} (the network did not answer in time); a rejected
 * record as {@link RecordRoutes} says.
 */
public final class AdminServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final Duration LOOKUP_LIMIT = Duration.ofSeconds(30);
    private static final Duration BIND_LIMIT = Duration.ofSeconds(10);
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final String CHALLENGE = "Bearer realm=\"kadring\"";

    private final KadringNode node;
    private final PrometheusMeterRegistry registry;
    private final PeerFacts facts;
    private final Optional<BearerToken> token;
    private final JoinGate gate;
    private final RecordRoutes records;
    private final AnnouncementRoutes announcements;
    private final ListenRoute listens;
    private final OpenConnections connections;
    private final HttpServer server;

    private AdminServer(Vertx vertx, AdminSettings settings, ConnectionLimits limits, KadringNode node,
                        PrometheusMeterRegistry registry, PeerFacts facts, RecordKeeper keeper) {
        this.node = node;
        this.registry = registry;
        this.facts = facts;
        this.token = settings.token().map(BearerToken::new);
        this.gate = new JoinGate(node, facts);
        this.records = new RecordRoutes(node, keeper);
        this.announcements = new AnnouncementRoutes(node);
        this.listens = new ListenRoute(node, vertx);
        this.connections = new OpenConnections(vertx, limits);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setHttp2ClearTextEnabled(false) // HTTP/1.1 only: nothing waits for a protocol preface
                .setIdleTimeout(Math.toIntExact(limits.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        Router router = router(vertx);
        this.server = vertx.createHttpServer(options)
                .connectionHandler(connections::opened)
                .requestHandler(request -> {
                    connections.requestStarted(request);
                    router.handle(request);
                });
    }

    /** The routes of the table above, behind the token and Host checks. */
    private Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::admit);
        router.get("/").handler(answer(ctx -> done(StatusPage.reply())));
        router.get("/health").handler(answer(ctx -> gate.health()));
        router.get("/status").handler(answer(ctx -> status()));
        router.get("/contacts").handler(answer(ctx -> node.contacts().thenApply(c -> Reply.json(NodeJson.contacts(c)))));
        router.get("/ring").handler(answer(ctx -> ring()));
        router.get("/metrics").handler(answer(ctx -> done(new Reply(200, MetricsText.CONTENT_TYPE, MetricsText.scrape(registry)))));
        router.get("/lookups").handler(answer(ctx -> node.recentLookups()
                .thenApply(l -> Reply.json(NodeJson.recentLookups(l, node.nowMillis())))));
        router.get("/lookup/:key").handler(this::joined).handler(answer(ctx -> lookup(node::findClosest, key(ctx))));
        router.get("/successor/:key").handler(this::joined).handler(answer(ctx -> lookup(node::findSuccessor, key(ctx))));
        router.get("/records").handler(answer(ctx -> records.list()));
        router.get("/listen/:key").handler(this::joined)
                .handler(ctx -> listens.stream(key(ctx), ctx.response()).ifPresent(r -> send(ctx, r)));
        router.get("/records/:key").handler(this::joined).handler(answer(ctx -> records.get(key(ctx))));
        router.get("/records/:key/replicas").handler(this::joined).handler(answer(ctx -> replicas(key(ctx))));
        // checked before the body is read (503, 415); a route takes a BodyHandler before its own handlers only
        router.post("/records").handler(this::joined)
                .handler(ctx -> RecordRoutes.unsupportedType(ctx.request()).ifPresentOrElse(r -> send(ctx, r), ctx::next));
        router.post("/records").handler(BodyHandler.create(false).setBodyLimit(RecordRoutes.MAX_BODY_BYTES))
                .handler(answer(ctx -> records.store(Objects.requireNonNullElse(ctx.body().buffer(), Buffer.buffer()))));
        router.get("/announcements/:topic").handler(this::joined)
                .handler(answer(ctx -> announcements.lookup(ctx.pathParam("topic"), ctx.request().getParam("max"))));
        router.post("/announcements").handler(this::joined)
                .handler(ctx -> RecordRoutes.unsupportedType(ctx.request()).ifPresentOrElse(r -> send(ctx, r), ctx::next));
        router.post("/announcements").handler(BodyHandler.create(false).setBodyLimit(RecordRoutes.MAX_BODY_BYTES))
                .handler(answer(ctx -> announcements.announce(
                        Objects.requireNonNullElse(ctx.body().buffer(), Buffer.buffer()))));
        router.route().failureHandler(ctx -> send(ctx, failed(ctx)));
        router.errorHandler(404, ctx -> send(ctx, unrouted(ctx.request())));
        router.errorHandler(405, ctx -> send(ctx, unrouted(ctx.request())));
        return router;
    }

    /**
     * Serves the API on {@code settings.host()}:{@code settings.port()} (port 0 picks a free one)
     * within the default connection limits; returns once it is bound, or throws a
     * {@link BindException} naming the address. A host other than a loopback address needs a
     * token (see {@link AdminSettings#forHost}).
     */
    public static AdminServer start(Vertx vertx, AdminSettings settings, KadringNode node,
                                    PrometheusMeterRegistry registry, PeerFacts facts, RecordKeeper keeper)
            throws IOException {
        return start(vertx, settings, ConnectionLimits.DEFAULT, node, registry, facts, keeper);
    }

    /** As {@link #start(Vertx, AdminSettings, KadringNode, PrometheusMeterRegistry, PeerFacts, RecordKeeper)}, within {@code limits}. */
    static AdminServer start(Vertx vertx, AdminSettings settings, ConnectionLimits limits, KadringNode node,
                             PrometheusMeterRegistry registry, PeerFacts facts, RecordKeeper keeper)
            throws IOException {
        String where = where(settings.host(), settings.port());
        if (settings.token().isEmpty() && !AdminSettings.isLoopback(settings.host())) {
            throw new IllegalArgumentException("the admin API on " + where + " would be reachable from other hosts "
                    + "without a bearer token; bind it to 127.0.0.1, or give it a token (an admin token file)");
        }
        AdminServer admin = new AdminServer(vertx, settings, limits, node, registry, facts, keeper);
        try {
            admin.server.listen().toCompletionStage().toCompletableFuture()
                    .get(BIND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String why = cause instanceof TimeoutException ? "no answer within " + BIND_LIMIT.toSeconds() + " s"
                    : cause.getMessage();
            BindException failure = new BindException("cannot bind the admin API to " + where + ": " + why);
            failure.initCause(cause);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the admin API to " + where, e);
        }
        return admin;
    }

    /** host:port, with an IPv6 literal in brackets. */
    static String where(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The port the API listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Stops accepting requests and closes the listening socket. */
    public CompletableFuture<Void> closeAsync() {
        return server.close().toCompletionStage().toCompletableFuture();
    }

    /** The first step of every request: on to the routes, or refused (see {@link #refusal}). */
    private void admit(RoutingContext ctx) {
        refusal(ctx.request()).ifPresentOrElse(r -> send(ctx, r), ctx::next);
    }

    /** A step before the routes that need the network: on once the peer has joined, else 503 not_joined. */
    private void joined(RoutingContext ctx) {
        if (gate.joined()) {
            ctx.next();
        } else {
            answer(c -> gate.notJoined()).handle(ctx);
        }
    }

    /** A route's last step: {@code work}'s reply once it completes; its failure goes to {@link #failed}. */
    private static Handler<RoutingContext> answer(Function<RoutingContext, CompletableFuture<Reply>> work) {
        return ctx -> {
            CompletableFuture<Reply> reply = work.apply(ctx); // a throw here is the router's: ctx.fail
            Future.fromCompletionStage(reply, Vertx.currentContext()).onComplete((r, failure) -> {
                if (failure == null) {
                    send(ctx, r);
                } else {
                    ctx.fail(failure);
                }
            });
        };
    }

    private static void send(RoutingContext ctx, Reply reply) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) return; // the client went away meanwhile
        response.setStatusCode(reply.status()).putHeader("content-type", reply.contentType());
        reply.headers().forEach(response::putHeader);
        response.end(reply.body());
    }

    /**
     * The answer to a request no route takes: 405 when its path has a route but not for its
     * method (or when it is not a GET: only POST /records writes), else 404.
     */
    private static Reply unrouted(HttpServerRequest request) {
        String path = Objects.requireNonNullElse(request.path(), "");
        Optional<Reply> records = RecordRoutes.notAllowed(request.method(), path);
        if (records.isPresent()) return records.get();
        if (request.method() != HttpMethod.GET) {
            return Reply.error(405, "method " + request.method()
                    + " is not allowed here; only POST /records and POST /announcements write, everything else is GET");
        }
        return Reply.error(404, "no route GET " + KeyArgument.echo(path) + "; try /health, /status, "
                + "/contacts, /ring, /lookups, /lookup/{key}, /successor/{key}, /records, /records/{key}, "
                + "/announcements/{topic}, /listen/{key} or /metrics");
    }

    /**
     * Why {@code request} may not be answered: without the bearer token when one is required
     * (except {@code GET /health}, {@code GET /metrics} and the status page {@code GET /}, which
     * holds no data: it asks for the token and sends it with each of its requests), or, on a
     * loopback host, for a host name other than the loopback's.
     */
    private Optional<Reply> refusal(HttpServerRequest request) {
        String path = Objects.requireNonNullElse(request.path(), "");
        if (token.isPresent()) {
            boolean open = request.method() == HttpMethod.GET
                    && (path.equals("/health") || path.equals("/metrics") || path.equals("/"));
            if (open) return Optional.empty();
            return token.get().refusal(request.getHeader("authorization"))
                    .map(why -> Reply.error(401, why).withHeader("WWW-Authenticate", CHALLENGE));
        }
        HostAndPort authority = request.authority();
        if (authority != null && !LOOPBACK_NAMES.contains(authority.host())) {
            return Optional.of(Reply.error(403, "the admin API answers requests for 127.0.0.1 or localhost only, got "
                    + "host '" + KeyArgument.echo(authority.host()) + "'"));
        }
        return Optional.empty();
    }

    private CompletableFuture<Reply> status() {
        CompletableFuture<List<Contact>> contacts = node.contacts();
        CompletableFuture<Optional<Contact>> successor = node.successor();
        CompletableFuture<Optional<Contact>> predecessor = node.predecessor();
        CompletableFuture<InetSocketAddress> address = node.advertisedAddress();
        CompletableFuture<Integer> held = records.held();
        CompletableFuture<Long> size = node.networkSizeEstimate();
        return CompletableFuture.allOf(contacts, successor, predecessor, address, held, size).thenApply(ignored -> Reply.json(Json.object()
                .put("node_id", node.id().toHex())
                .put("address", AddressText.format(address.join()))
                .put("phase", facts.phase())
                .put("contacts", contacts.join().size())
                .put("successor", NodeJson.id(successor.join()))
                .put("predecessor", NodeJson.id(predecessor.join()))
                .put("records", held.join())
                .put("network_size_estimate", size.join())
                .put("client_mode", node.isClient())
                .put("uptime_seconds", facts.uptimeSeconds())));
    }

    /** The ring as this node sees it: predecessor and the successor list, closest first. */
    private CompletableFuture<Reply> ring() {
        CompletableFuture<List<Contact>> successorList = node.successors();
        CompletableFuture<Optional<Contact>> predecessor = node.predecessor();
        return successorList.thenCombine(predecessor, (s, p) -> {
            ArrayNode successors = Json.array();
            s.forEach(c -> successors.add(NodeJson.contact(c)));
            ObjectNode ring = Json.object();
            ring.set("predecessor", p.map(NodeJson::contact).orElse(null)); // null: JSON null
            ring.set("successors", successors);
            return Reply.json(ring);
        });
    }

    /** A replica check of {@code key}: who of the k closest holds which seq (see {@link ReplicaJson}). */
    private CompletableFuture<Reply> replicas(Id key) {
        return node.replicas(key).orTimeout(LOOKUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(r -> Reply.json(ReplicaJson.of(r)));
    }

    private CompletableFuture<Reply> lookup(Function<Id, CompletableFuture<LookupOutcome>> search, Id key) {
        return search.apply(key).orTimeout(LOOKUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(o -> Reply.json(NodeJson.lookup(key, o)));
    }

    /** The {@code :key} of the route, parsed; 400 naming it when it is not 64 hex characters. */
    private static Id key(RoutingContext ctx) {
        try {
            return KeyArgument.parse(ctx.pathParam("key"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** The answer to a failed request: the failure's own status, or 500 (logged) when it was not foreseen. */
    private static Reply failed(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Throwable failure = ctx.failure();
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof BadRequest) return Reply.error(400, e.getMessage());
        if (e instanceof TimeoutException) return Reply.error(504, "the node did not answer in time");
        if (e instanceof IllegalStateException) {
            return Reply.error(503, "the node is not running: its UDP socket is not bound yet, or it is stopping");
        }
        return switch (ctx.statusCode()) {
            case 404, 405 -> unrouted(request);
            case 413 -> RecordRoutes.tooLarge();
            // from the router or the body's decoder: no Host header, a malformed body
            case 400 -> Reply.error(400, e instanceof VertxException ? e.getMessage() : "malformed request");
            case 417 -> Reply.error(400, "expect: '" + KeyArgument.echo(request.getHeader("expect"))
                    + "' is not supported; only 100-continue is");
            default -> {
                LOG.error("admin API: {} {} failed", request.method(), KeyArgument.echo(request.path()), e);
                yield Reply.error(500, "internal error; the peer's log has the details");
            }
        };
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
