package io.kadring.bootstrap.text;

import io.kadring.storage.SignedRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * A signed record as JSON, the one shape the admin API returns from {@code GET /records/{key}}
 * and takes in {@code POST /records}:
 * <pre>
 * {"key": hex, "public_key": hex, "salt": hex, "seq": integer, "value": base64, "signature": hex}
 * </pre>
 * {@code key} (SHA-256 of public key and salt) is written for the reader; on the way in it is
 * optional and, when present, must be the record's key. {@code salt} is optional on the way in
 * (absent, null or "" for none). An immutable record has {@code public_key} and {@code signature}
 * "" and seq 0. A tombstone (the key deleted at its seq) has {@code "deleted": true} and value
 * ""; {@code deleted} is written only for one, and optional (false) on the way in. Shared by the
 * CLI and the admin API.
 */
public final class RecordJson {
    public static final String KEY = "key";
    public static final String PUBLIC_KEY = "public_key";
    public static final String SALT = "salt";
    public static final String SEQ = "seq";
    public static final String VALUE = "value";
    public static final String SIGNATURE = "signature";
    public static final String DELETED = "deleted";
    /** The record fields; {@link #fromJson} refuses any other field not in its {@code extra} set. */
    public static final Set<String> FIELDS = Set.of(KEY, PUBLIC_KEY, SALT, SEQ, VALUE, SIGNATURE, DELETED);

    private static final HexFormat HEX = HexFormat.of();

    private RecordJson() {}

    /** A field of a record's JSON that is missing, of the wrong type or out of bounds. */
    public static final class BadField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        BadField(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The field named in the message. */
        public String field() {
            return field;
        }
    }

    /** A value of more than {@value SignedRecord#MAX_VALUE_BYTES} bytes: a well-formed but unstorable record. */
    public static final class TooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLarge(int bytes) {
            super("value is " + bytes + " bytes; a record's value is at most " + SignedRecord.MAX_VALUE_BYTES + " bytes");
        }
    }

    /** The record's JSON, key included. */
    public static ObjectNode toJson(SignedRecord record) {
        ObjectNode json = Json.object()
                .put(KEY, record.key().toHex())
                .put(PUBLIC_KEY, HEX.formatHex(record.publicKey()))
                .put(SALT, HEX.formatHex(record.salt()))
                .put(SEQ, record.seq())
                .put(VALUE, Base64.getEncoder().encodeToString(record.value()))
                .put(SIGNATURE, HEX.formatHex(record.signature()));
        if (record.isDeleted()) json.put(DELETED, true);
        return json;
    }

    /**
     * The record {@code json} spells; the key, when given, is not checked here (compare it with
     * {@link SignedRecord#key()}). Throws a {@link BadField} naming the field, or
     * {@link TooLarge} for a value over the limit.
     *
     * @param extra fields besides the record's that the caller reads itself (they are ignored here)
     */
    public static SignedRecord fromJson(ObjectNode json, Set<String> extra) {
        for (String name : (Iterable<String>) json::fieldNames) {
            if (!FIELDS.contains(name) && !extra.contains(name)) {
                throw new BadField(name, "unknown field '" + KeyArgument.echo(name) + "'; a record has "
                        + "public_key, salt, seq, value, signature (and optionally key, deleted)"
                        + (extra.isEmpty() ? "" : ", besides " + String.join(", ", extra.stream().sorted().toList())));
            }
        }
        byte[] publicKey = hex(json, PUBLIC_KEY, true);
        boolean immutable = publicKey.length == 0;
        if (!immutable && publicKey.length != SignedRecord.PUBLIC_KEY_BYTES) {
            throw new BadField(PUBLIC_KEY, PUBLIC_KEY + " must be " + 2 * SignedRecord.PUBLIC_KEY_BYTES
                    + " hex characters (an Ed25519 public key), or \"\" for an immutable record; got "
                    + publicKey.length + " bytes");
        }
        byte[] salt = hex(json, SALT, false);
        if (salt.length > SignedRecord.MAX_SALT_BYTES) {
            throw new BadField(SALT, SALT + " is at most " + SignedRecord.MAX_SALT_BYTES + " bytes ("
                    + 2 * SignedRecord.MAX_SALT_BYTES + " hex characters), got " + salt.length + " bytes");
        }
        long seq = nonNegativeLong(json, SEQ, true);
        byte[] value = base64(json, VALUE);
        byte[] signature = hex(json, SIGNATURE, true);
        if (!immutable && signature.length != SignedRecord.SIGNATURE_BYTES) {
            throw new BadField(SIGNATURE, SIGNATURE + " must be " + 2 * SignedRecord.SIGNATURE_BYTES
                    + " hex characters (an Ed25519 signature), got " + signature.length + " bytes");
        }
        if (immutable && (salt.length != 0 || signature.length != 0 || seq != 0)) {
            throw new BadField(PUBLIC_KEY, "an immutable record (" + PUBLIC_KEY
                    + " \"\") has no salt, no signature and seq 0");
        }
        if (value.length > SignedRecord.MAX_VALUE_BYTES) throw new TooLarge(value.length);
        JsonNode deleted = json.get(DELETED);
        if (!Json.isAbsent(deleted) && !deleted.isBoolean()) {
            throw new BadField(DELETED, DELETED + " must be true or false, got " + KeyArgument.echo(Json.text(deleted)));
        }
        boolean tombstone = !Json.isAbsent(deleted) && deleted.booleanValue();
        if (tombstone && (immutable || value.length != 0)) {
            throw new BadField(DELETED, "a tombstone (\"deleted\": true) has a public_key and an empty value, got "
                    + (immutable ? "an immutable record" : value.length + " bytes of value"));
        }
        return new SignedRecord(publicKey, salt, seq, value, signature, tombstone);
    }

    /**
     * An optional non-negative integer field ({@code cas}, say); -1 when absent or null.
     * Throws a {@link BadField} when present and not a non-negative integer.
     */
    public static long optionalNonNegativeLong(ObjectNode json, String field) {
        return nonNegativeLong(json, field, false);
    }

    static long nonNegativeLong(ObjectNode json, String field, boolean required) {
        JsonNode v = json.get(field);
        if (Json.isAbsent(v)) {
            if (required) throw new BadField(field, "missing field '" + field + "' (a non-negative integer)");
            return -1;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadField(field, field + " must be a non-negative integer below 2^63, got "
                    + KeyArgument.echo(Json.text(v)));
        }
        long n = v.longValue();
        if (n < 0) throw new BadField(field, field + " must be a non-negative integer, got " + n);
        return n;
    }

    static byte[] hex(ObjectNode json, String field, boolean required) {
        String text = string(json, field, required);
        if (text == null) return new byte[0];
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, field + " must be hex (an even number of 0-9a-f), got '"
                    + KeyArgument.echo(text) + "'");
        }
    }

    static byte[] base64(ObjectNode json, String field) {
        String text = string(json, field, true);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, field + " must be base64 (RFC 4648, with padding), got '"
                    + KeyArgument.echo(text) + "'");
        }
    }

    static String string(ObjectNode json, String field, boolean required) {
        JsonNode v = json.get(field);
        if (Json.isAbsent(v)) {
            if (required) throw new BadField(field, "missing field '" + field + "'");
            return null;
        }
        if (!v.isTextual()) {
            throw new BadField(field, field + " must be a string, got " + KeyArgument.echo(Json.text(v)));
        }
        return v.textValue();
    }
}
