package io.kadring.bootstrap.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * A signed announcement as JSON, as {@code POST /announcements} takes it and
 * {@code GET /announcements/{topic}} lists it:
 * <pre>
 * {"public_key": hex, "seq": integer, "payload": base64, "signature": hex}
 * </pre>
 * and, on the way in, the topic: {@code "topic"} (a name, hashed) or {@code "key"} (64 hex
 * digits), exactly one. Shared by the CLI and the admin API.
 */
public final class AnnouncementJson {
    public static final String TOPIC = "topic";
    public static final String PAYLOAD = "payload";
    // the fields an announcement shares with a record, named as there
    public static final String KEY = RecordJson.KEY;
    public static final String PUBLIC_KEY = RecordJson.PUBLIC_KEY;
    public static final String SEQ = RecordJson.SEQ;
    public static final String SIGNATURE = RecordJson.SIGNATURE;
    public static final Set<String> FIELDS = Set.of(TOPIC, KEY, PUBLIC_KEY, SEQ, PAYLOAD, SIGNATURE);

    private static final HexFormat HEX = HexFormat.of();

    private AnnouncementJson() {}

    /** A payload of more than {@value Announcement#MAX_PAYLOAD_BYTES} bytes. */
    public static final class TooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLarge(int bytes) {
            super("payload is " + bytes + " bytes; an announcement's payload is at most "
                    + Announcement.MAX_PAYLOAD_BYTES + " bytes");
        }
    }

    /** The entry's JSON, without its topic. */
    public static ObjectNode toJson(Announcement a) {
        return Json.object()
                .put(PUBLIC_KEY, HEX.formatHex(a.publicKey()))
                .put(SEQ, a.seq())
                .put(PAYLOAD, Base64.getEncoder().encodeToString(a.payload()))
                .put(SIGNATURE, HEX.formatHex(a.signature()));
    }

    /** The JSON a client posts: the entry, and its topic as a key. */
    public static ObjectNode toPost(Announcement a) {
        return toJson(a).put(KEY, a.topic().toHex());
    }

    /**
     * The announcement {@code json} spells (signature not checked); throws a
     * {@link RecordJson.BadField} naming the field, or {@link TooLarge}.
     *
     * @param extra fields the caller reads itself
     */
    public static Announcement fromJson(ObjectNode json, Set<String> extra) {
        for (String name : (Iterable<String>) json::fieldNames) {
            if (!FIELDS.contains(name) && !extra.contains(name)) {
                throw new RecordJson.BadField(name, "unknown field '" + KeyArgument.echo(name) + "'; an announcement has "
                        + "topic or key, public_key, seq, payload and signature");
            }
        }
        Id topic = topic(json);
        byte[] publicKey = RecordJson.hex(json, PUBLIC_KEY, true);
        if (publicKey.length != Announcement.PUBLIC_KEY_BYTES) {
            throw new RecordJson.BadField(PUBLIC_KEY, PUBLIC_KEY + " must be " + 2 * Announcement.PUBLIC_KEY_BYTES
                    + " hex characters (an Ed25519 public key), got " + publicKey.length + " bytes");
        }
        long seq = RecordJson.nonNegativeLong(json, SEQ, true);
        byte[] payload = RecordJson.base64(json, PAYLOAD);
        byte[] signature = RecordJson.hex(json, SIGNATURE, true);
        if (signature.length != Announcement.SIGNATURE_BYTES) {
            throw new RecordJson.BadField(SIGNATURE, SIGNATURE + " must be " + 2 * Announcement.SIGNATURE_BYTES
                    + " hex characters (an Ed25519 signature), got " + signature.length + " bytes");
        }
        if (payload.length > Announcement.MAX_PAYLOAD_BYTES) throw new TooLarge(payload.length);
        return new Announcement(topic, publicKey, seq, payload, signature);
    }

    private static Id topic(ObjectNode json) {
        JsonNode name = json.get(TOPIC);
        JsonNode key = json.get(KEY);
        if (Json.isAbsent(name) == Json.isAbsent(key)) {
            throw new RecordJson.BadField(TOPIC, "give exactly one of 'topic' (a name) and 'key' (64 hex characters)");
        }
        try {
            if (!Json.isAbsent(key)) return KeyArgument.parse(RecordJson.string(json, KEY, true));
            return TopicArgument.name(RecordJson.string(json, TOPIC, true));
        } catch (RecordJson.BadField e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new RecordJson.BadField(Json.isAbsent(key) ? TOPIC : KEY, e.getMessage());
        }
    }
}
