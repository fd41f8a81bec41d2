package io.kadring.bootstrap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.AnnouncementJson;
import io.kadring.bootstrap.text.Json;
import io.kadring.bootstrap.text.KeyArgument;
import io.kadring.bootstrap.text.RecordJson;
import io.kadring.bootstrap.text.TopicArgument;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.AnnouncementsResult;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.RejectReason;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The admin API's announcement routes:
 * <pre>
 * POST /announcements          announce a signed announcement (JSON, see {@link AnnouncementJson}) at
 *                              the k nodes closest to its topic key; optional "lifetime": seconds
 *                              this peer keeps announcing it (absent: while it runs)
 * GET  /announcements/{topic}  up to ?max=N (1..1000, default 1000) distinct announcers' entries under
 *                              the topic (a name, or a key of 64 hex characters), found through the
 *                              network: {key, count, announcements: [entry + remaining_seconds],
 *                              lookup: {holders_asked, holders_answered, messages, duration_ms}}
 * </pre>
 * As for records, the announcement is signed by its announcer elsewhere (the CLI signs it with
 * the identity file; no private key reaches the peer), a POST needs content-type
 * application/json and at most {@value RecordRoutes#MAX_BODY_BYTES} bytes, and its answer has
 * the shape and statuses of {@code POST /records}: 200 when a quorum of holders took it, 409 for
 * an older seq (SEQ_TOO_LOW) or a reused one, 422 for a bad signature or a payload over 256
 * bytes (refused before anything is sent), 429 over a holder's quota, 503 when too few answered.
 */
final class AnnouncementRoutes {
    /** Most entries a lookup returns: what one holder keeps per topic. */
    static final int MAX_MAX = 1000;
    /** The optional field of a POST: seconds to keep announcing. */
    static final String LIFETIME = "lifetime";
    private static final String REMAINING = "remaining_seconds";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final KadringNode node;

    AnnouncementRoutes(KadringNode node) {
        this.node = node;
    }

    /** POST /announcements, once the body has arrived. */
    CompletableFuture<Reply> announce(Buffer body) {
        ObjectNode json = Json.parseObject(body.getBytes()).orElseThrow(() -> new BadRequest("the body must be a JSON "
                + "object: a signed announcement {\"topic\" or \"key\", \"public_key\", \"seq\", \"payload\", "
                + "\"signature\"} and optionally \"lifetime\""));
        Announcement announcement;
        Duration lifetime;
        try {
            announcement = AnnouncementJson.fromJson(json, Set.of(LIFETIME));
            lifetime = lifetime(json.get(LIFETIME));
        } catch (AnnouncementJson.TooLarge e) {
            return CompletableFuture.completedFuture(refused(RejectReason.TOO_LARGE, e.getMessage()));
        } catch (RecordJson.BadField e) {
            throw new BadRequest(e.getMessage());
        }
        if (!announcement.verifySignature()) {
            return CompletableFuture.completedFuture(refused(RejectReason.BAD_SIGNATURE, "the signature does not "
                    + "verify with public_key over the topic key, seq and payload; it was not sent to any node"));
        }
        return node.announce(announcement, lifetime).orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(result -> RecordRoutes.stored(result, "announcement"));
    }

    private static Duration lifetime(JsonNode value) {
        if (Json.isAbsent(value)) return null;
        if (!value.isNumber() || value.doubleValue() <= 0 || value.doubleValue() > 1e15) {
            throw new BadRequest(LIFETIME + " must be a number of seconds above zero, got "
                    + KeyArgument.echo(Json.text(value)));
        }
        return Duration.ofMillis(Math.max(1, (long) (value.doubleValue() * 1000)));
    }

    /** GET /announcements/{topic}. */
    CompletableFuture<Reply> lookup(String topicText, String maxText) {
        Id topic;
        try {
            topic = TopicArgument.parse(topicText);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        int max = max(maxText);
        return node.announcements(topic, max).orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(AnnouncementRoutes::found);
    }

    private static int max(String text) {
        if (text == null) return MAX_MAX;
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= MAX_MAX) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadRequest("max must be a whole number between 1 and " + MAX_MAX + ", got '" + KeyArgument.echo(text) + "'");
    }

    private static Reply found(AnnouncementsResult result) {
        ArrayNode entries = Json.array();
        for (AnnouncementsResult.Found f : result.entries()) {
            entries.add(AnnouncementJson.toJson(f.announcement()).put(REMAINING, f.remainingLifetimeMillis() / 1000));
        }
        ObjectNode body = Json.object().put(AnnouncementJson.KEY, result.topic().toHex())
                .put("count", result.entries().size());
        body.set("announcements", entries);
        body.set("lookup", Json.object()
                .put("holders_asked", result.holdersAsked())
                .put("holders_answered", result.holdersAnswered())
                .put("messages", result.messages())
                .put("duration_ms", result.durationMillis()));
        return Reply.json(body);
    }

    private static Reply refused(RejectReason reason, String message) {
        return Reply.json(RecordRoutes.status(reason),
                Json.object().put("error", message).put("reason", reason.name()).put("code", reason.code()));
    }
}
