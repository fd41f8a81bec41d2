package io.kadring.bootstrap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.KeyArgument;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.GetResult;
import io.kadring.overlay.node.PutResult;
import io.kadring.routing.Id;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The admin API's record routes (their answers: {@link AdminServer} routes to them) and the record
 * count in {@code /status}:
 * <pre>
 * GET  /records         the records this peer holds: {count, records: [record + remaining_seconds]}
 * GET  /records/{key}   the record under key, found through the network: record + {lookup: {agreeing,
 *                       hops, messages, duration_ms}}; 404 when no node has one; 410 {deleted: true,
 *                       seq, key, error, reason "deleted", lookup} when the newest is a tombstone
 * POST /records         store a signed record (JSON, see {@link RecordJson}) at the k closest nodes;
 *                       optional "cas": the seq the holders must hold (compare-and-swap)
 * </pre>
 * A POST needs {@code content-type: application/json} (415 otherwise: a web page cannot send
 * that to 127.0.0.1 without a CORS preflight, which this API never grants) and a body of at most
 * {@value #MAX_BODY_BYTES} bytes (413). On success (at least the required number of holders
 * stored it) it answers 200 with {@code {key, seq, stored, required, asked, outcomes: [{id,
 * address, status, reason, code}], messages, duration_ms}}. A rejected record gets the same
 * fields with {@code error}, {@code reason} (the most frequent one) and its wire {@code code},
 * and {@code rejections} by reason, with status 409 (seq too low or reused, compare-and-swap
 * mismatch), 422 (bad signature, key mismatch, too large, expired), 429 (quota exceeded), or 503
 * (holders unavailable, bad token, or too few answered: reason {@value #TOO_FEW_STORED}). A
 * record whose signature or key is wrong is refused (422) before anything is sent. Until the
 * peer has joined a network, {@code GET /records/{key}} and {@code POST /records} answer 503
 * with reason {@code not_joined} (see {@link JoinGate}); the local list keeps working.
 * A 200 comes only once the record is on this peer's disk too ({@link RecordKeeper}); when
 * that fails the answer is 500, reason {@code not_durable}.
 */
final class RecordRoutes {
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** The optional compare-and-swap field of a POST. */
    static final String CAS = "cas";
    /** Read-only fields of a GET's answer that may come back in a POST and are ignored. */
    static final String LOOKUP = "lookup";
    /** The reason of a put that too few holders answered (none refused it). */
    static final String TOO_FEW_STORED = "too_few_stored";
    private static final String REMAINING = "remaining_seconds";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final KadringNode node;
    private final RecordKeeper keeper;

    RecordRoutes(KadringNode node, RecordKeeper keeper) {
        this.node = node;
        this.keeper = keeper;
    }

    /** Records this peer holds now. */
    CompletableFuture<Integer> held() {
        return node.storedRecords().thenApply(List::size);
    }

    /**
     * The 405 for {@code method} on a record path ({@code /records} or {@code /records/{key}});
     * empty when {@code path} is not one.
     */
    static Optional<Reply> notAllowed(HttpMethod method, String path) {
        String[] segments = path.split("/", -1);
        if (segments.length < 2 || !segments[1].equals("records") || segments.length > 3) return Optional.empty();
        String allowed = segments.length == 2 ? "GET or POST" : "GET (POST a record to /records)";
        return Optional.of(Reply.error(405, "method " + method + " is not allowed on " + KeyArgument.echo(path)
                + "; use " + allowed));
    }

    /** GET /records. */
    CompletableFuture<Reply> list() {
        long now = node.nowMillis();
        return node.storedRecords().thenApply(held -> {
            ArrayNode records = Json.array();
            held.stream().sorted(Comparator.comparing(StoredRecord::key)).forEach(s -> records.add(
                    RecordJson.toJson(s.record()).put(REMAINING, s.remainingLifetime(now) / 1000)));
            ObjectNode body = Json.object().put("count", held.size());
            body.set("records", records);
            return Reply.json(body);
        });
    }

    /** GET /records/{key}. */
    CompletableFuture<Reply> get(Id key) {
        return node.get(key).orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS).thenApply(found -> {
            if (found.record().isEmpty()) {
                ObjectNode missing = Json.object().put("error", "not found: no node has a record under key "
                        + key.toHex()).put("reason", Reply.reason(404)).put(RecordJson.KEY, key.toHex());
                missing.set(LOOKUP, lookup(found));
                return Reply.json(404, missing);
            }
            SignedRecord newest = found.record().get();
            if (newest.isDeleted()) {
                ObjectNode gone = Json.object().put(RecordJson.DELETED, true).put(RecordJson.SEQ, newest.seq())
                        .put(RecordJson.KEY, key.toHex()).put("error", "deleted at seq " + newest.seq())
                        .put("reason", "deleted");
                gone.set(LOOKUP, lookup(found));
                return Reply.json(410, gone);
            }
            ObjectNode record = RecordJson.toJson(newest);
            record.set(LOOKUP, lookup(found));
            return Reply.json(record);
        });
    }

    private static ObjectNode lookup(GetResult found) {
        return Json.object()
                .put("agreeing", found.agreeing())
                .put("hops", found.hops())
                .put("messages", found.messages())
                .put("duration_ms", found.durationMillis());
    }

    /** The 415 for a POST whose content type is not JSON; empty when it is JSON. */
    static Optional<Reply> unsupportedType(HttpServerRequest request) {
        String type = request.getHeader("content-type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) return Optional.empty();
        return Optional.of(Reply.error(415, "POST " + KeyArgument.echo(request.path()) + " takes content-type application/json, got "
                + (type == null ? "none" : "'" + KeyArgument.echo(type) + "'")));
    }

    /** The 413 for a body larger than {@link #MAX_BODY_BYTES}. */
    static Reply tooLarge() {
        return Reply.error(413, "the body is larger than " + MAX_BODY_BYTES + " bytes; a record is a few kilobytes");
    }

    /** POST /records, once the body (at most {@link #MAX_BODY_BYTES}) has arrived. */
    CompletableFuture<Reply> store(Buffer body) {
        ObjectNode json = Json.parseObject(body.getBytes()).orElseThrow(() -> new BadRequest("the body must be a JSON object: a signed record {\"public_key\", \"salt\", "
                    + "\"seq\", \"value\", \"signature\"} and optionally \"cas\""));
        SignedRecord record;
        long cas;
        try {
            record = RecordJson.fromJson(json, Set.of(CAS, LOOKUP));
            cas = RecordJson.optionalNonNegativeLong(json, CAS);
        } catch (RecordJson.TooLarge e) {
            return CompletableFuture.completedFuture(refused(RejectReason.TOO_LARGE, e.getMessage(), null));
        } catch (RecordJson.BadField e) {
            throw new BadRequest(e.getMessage());
        }
        Id key = record.key();
        JsonNode given = json.get(RecordJson.KEY);
        String claimed = given != null && given.isTextual() ? given.textValue() : null;
        if (!Json.isAbsent(given) && claimed == null) {
            throw new BadRequest("key must be a string of 64 hex characters");
        }
        if (claimed != null && !key.equals(key(claimed))) {
            return CompletableFuture.completedFuture(refused(RejectReason.KEY_MISMATCH, "the record's key, SHA-256 of "
                    + "public_key and salt, is " + key.toHex() + ", not the key given", key));
        }
        Optional<RejectReason> invalid = RecordValidator.standard().check(record, key);
        if (invalid.isPresent()) {
            return CompletableFuture.completedFuture(refused(invalid.get(), "the record is invalid: "
                    + invalid.get() + "; it was not sent to any node", key));
        }
        return node.compareAndPut(record, cas).orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(result -> {
                    Reply reply = stored(result, "record");
                    if (!result.succeeded()) return CompletableFuture.completedFuture(reply);
                    // acknowledged means durable: on this peer's disk before the answer
                    return keeper.keep(record).handle((saved, failure) -> failure == null ? reply
                            : Reply.json(500, Json.object().put("error", "stored by " + result.stored()
                                    + " nodes, but this peer could not save it to its disk: "
                                    + rootMessage(failure)).put("reason", "not_durable")
                                    .put(RecordJson.KEY, result.key().toHex())));
                });
    }

    private static String rootMessage(Throwable failure) {
        Throwable e = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return e.getMessage();
    }

    /**
     * The reply to a finished put (or announce: {@code what} names the thing stored): 200 when it
     * succeeded, else the status of its main reason.
     */
    static Reply stored(PutResult result, String what) {
        ArrayNode outcomes = Json.array();
        for (PutResult.Outcome o : result.outcomes()) {
            outcomes.add(NodeJson.contact(o.holder())
                    .put("status", o.status().name())
                    .put("reason", o.reason().map(Enum::name).orElse(null))
                    .put("code", o.reason().map(RejectReason::code).orElse(null)));
        }
        ObjectNode body = Json.object()
                .put(RecordJson.KEY, result.key().toHex())
                .put(RecordJson.SEQ, result.seq())
                .put("stored", result.stored())
                .put("required", result.required())
                .put("asked", result.outcomes().size());
        body.set("outcomes", outcomes);
        body.put("messages", result.messages())
                .put("duration_ms", result.durationMillis());
        Map<RejectReason, Integer> rejections = result.rejections();
        if (!rejections.isEmpty()) {
            ObjectNode byReason = Json.object();
            rejections.forEach((r, n) -> byReason.put(r.name(), n));
            body.set("rejections", byReason);
        }
        if (result.succeeded()) return Reply.json(body);
        Optional<RejectReason> main = rejections.entrySet().stream()
                .max(Map.Entry.<RejectReason, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey);
        if (main.isEmpty()) {
            return Reply.json(503, body.put("error", result.outcomes().isEmpty()
                    ? "no node was found to store the " + what + " at"
                    : "stored by " + result.stored() + " of " + result.outcomes().size() + " nodes asked, fewer than the "
                            + result.required() + " required; the others did not answer")
                    .put("reason", TOO_FEW_STORED));
        }
        RejectReason reason = main.get();
        return Reply.json(status(reason), body
                .put("error", "rejected by " + rejections.get(reason) + " of " + result.outcomes().size()
                        + " nodes asked: " + reason + (result.stored() > 0 ? "; stored by " + result.stored()
                        + ", fewer than the " + result.required() + " required" : ""))
                .put("reason", reason.name())
                .put("code", reason.code()));
    }

    private static Reply refused(RejectReason reason, String message, Id key) {
        ObjectNode body = Json.object().put("error", message).put("reason", reason.name()).put("code", reason.code());
        if (key != null) body.put(RecordJson.KEY, key.toHex());
        return Reply.json(status(reason), body);
    }

    /** The HTTP status a rejection for {@code reason} gets. */
    static int status(RejectReason reason) {
        return switch (reason) {
            case SEQ_TOO_LOW, SEQ_REUSED, CAS_MISMATCH, DELETED -> 409;
            case BAD_SIGNATURE, KEY_MISMATCH, TOO_LARGE, EXPIRED -> 422;
            case QUOTA_EXCEEDED -> 429;
            case BAD_TOKEN, UNAVAILABLE, CLIENT_MODE -> 503;
        };
    }

    private static Id key(String text) {
        try {
            return KeyArgument.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }
}
