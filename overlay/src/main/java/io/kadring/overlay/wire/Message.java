package io.kadring.overlay.wire;

import io.kadring.crypto.BytesValue;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.SignedRecord;
import java.net.InetSocketAddress;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One protocol message: the header fields every message has (transaction id, sender id)
 * and a body per {@link Type}. Constructors check every bound the wire format has, so a
 * message that exists can be encoded unless it exceeds the datagram size (only a VALUE
 * carrying a large record and many contacts can; see {@link MessageCodec}).
 *
 * <p>Byte arrays are copied in and out; lists are immutable copies.
 */
public sealed interface Message {
    /** Most contacts a NODES or VALUE carries. */
    int MAX_CONTACTS = 20;
    /** Most successors a NEIGHBOURS carries. */
    int MAX_SUCCESSORS = 16;
    /** Longest write token. */
    int MAX_TOKEN_BYTES = 32;
    /** Longest ERROR text, in UTF-8 bytes. */
    int MAX_ERROR_TEXT_BYTES = 200;
    /** Most entries an ANNOUNCEMENTS carries: as many as fit a datagram with empty payloads. */
    int MAX_LISTED = 11;

    /**
     * The sender id a client-mode node puts in every message it sends (all 32 bytes zero): no
     * node has it (ids are SHA-256 of a public key), so it says "a client, not a node to
     * remember". A request carrying it is answered as any other (same rate limits, tokens and
     * reply budget), but its sender is never admitted to a table or a ring.
     */
    Id CLIENT = Id.ZERO;

    /** Whether this message comes from a client-mode node ({@link #CLIENT} as its sender). */
    default boolean fromClient() {
        return CLIENT.equals(sender());
    }

    /** The transaction id: a request's, echoed by its response. */
    long txId();

    /** The id of the node that sent the message. */
    Id sender();

    /** The message's type, by its record class. */
    default Type type() {
        return Type.BY_CLASS.get(getClass());
    }

    /** Message types, their wire codes and the records that carry them. */
    enum Type {
        PING(1, false, Ping.class), PONG(2, true, Pong.class), FIND_NODE(3, false, FindNode.class),
        NODES(4, true, Nodes.class), FIND_VALUE(5, false, FindValue.class), VALUE(6, true, Value.class),
        STORE(7, false, Store.class), STORE_RESULT(8, true, StoreResult.class),
        GET_NEIGHBOURS(9, false, GetNeighbours.class), NEIGHBOURS(10, true, Neighbours.class),
        NOTIFY(11, false, Notify.class), ERROR(12, true, Error.class),
        ANNOUNCE(13, false, Announce.class), ANNOUNCE_RESULT(14, true, AnnounceResult.class),
        GET_ANNOUNCEMENTS(15, false, GetAnnouncements.class), ANNOUNCEMENTS(16, true, Announcements.class),
        LISTEN(17, false, Listen.class), LISTENING(18, true, Listening.class), UPDATE(19, false, Update.class);

        private static final Type[] BY_CODE = new Type[256];
        private static final Map<Class<?>, Type> BY_CLASS = new HashMap<>();

        static {
            for (Type t : values()) {
                BY_CODE[t.code] = t;
                BY_CLASS.put(t.record, t);
            }
        }

        private final int code;
        private final boolean response;
        private final Class<? extends Message> record;

        Type(int code, boolean response, Class<? extends Message> record) {
            this.code = code;
            this.response = response;
            this.record = record;
        }

        /** The type byte on the wire. */
        public int code() {
            return code;
        }

        /** Whether this type answers a request (and so must match a pending transaction). NOTIFY and UPDATE are not answered. */
        public boolean isResponse() {
            return response;
        }

        /**
         * The response type that answers a request of this type (an ERROR may answer any),
         * or null when none does: responses, and NOTIFY, which is not answered.
         */
        public Type answeredBy() {
            return switch (this) {
                case PING -> PONG;
                case FIND_NODE -> NODES;
                case FIND_VALUE -> VALUE;
                case STORE -> STORE_RESULT;
                case GET_NEIGHBOURS -> NEIGHBOURS;
                case ANNOUNCE -> ANNOUNCE_RESULT;
                case GET_ANNOUNCEMENTS -> ANNOUNCEMENTS;
                case LISTEN -> LISTENING;
                default -> null;
            };
        }

        /** The type with wire code {@code code} (0..255), or null when there is none. */
        static Type ofCode(int code) {
            return BY_CODE[code];
        }
    }

    /** Liveness probe carrying the sender's signed node record. */
    record Ping(long txId, Id sender, NodeRecord nodeRecord) implements Message {
        public Ping {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(nodeRecord, "nodeRecord");
        }
    }

    /** Answer to PING: the sender's node record and the address the PING came from. */
    record Pong(long txId, Id sender, NodeRecord nodeRecord, InetSocketAddress observed) implements Message {
        public Pong {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(nodeRecord, "nodeRecord");
            WireAddress.check(observed, "observed");
        }
    }

    /**
     * Asks for contacts near {@code target}, by XOR ({@link #XOR}) or around the ring ({@link #RING}).
     * To a node not yet verified it may carry the sender's record ({@code senderRecord}, else
     * null) and ask for the answerer's ({@code wantsRecord}): the exchange that PING and PONG
     * would otherwise make, in the request and answer a lookup sends anyway.
     */
    record FindNode(long txId, Id sender, Id target, byte mode, boolean wantsRecord, NodeRecord senderRecord)
            implements Message {
        /** Kademlia: the k contacts closest to the target by XOR. */
        public static final byte XOR = 0;
        /** Chord: the closest preceding contacts, or the successor list once the target is ours. */
        public static final byte RING = 1;

        public FindNode {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(target, "target");
            if (mode != XOR && mode != RING) {
                throw new IllegalArgumentException("mode must be XOR (0) or RING (1), got " + mode);
            }
        }

        /** A request that carries no record and asks for none. */
        public FindNode(long txId, Id sender, Id target, byte mode) {
            this(txId, sender, target, mode, false, null);
        }

        /** This request carrying {@code ours} and asking for the answerer's record. */
        public FindNode proving(NodeRecord ours) {
            return new FindNode(txId, sender, target, mode, true, Objects.requireNonNull(ours, "ours"));
        }
    }

    /**
     * Answer to FIND_NODE: a write token for later STOREs and up to {@value #MAX_CONTACTS}
     * contacts. {@code isFinal} (RING mode only) says the target lies in
     * (sender, sender's successor] and the contacts are the sender's successor list.
     * {@code senderRecord} is the answerer's node record when the request asked for it, else null.
     */
    record Nodes(long txId, Id sender, Token writeToken, boolean isFinal, List<WireContact> contacts,
                 NodeRecord senderRecord) implements Message, WithToken {
        public Nodes {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(writeToken, "token");
            contacts = copyOfContacts(contacts, MAX_CONTACTS, "contacts");
        }

        /** An answer without the sender's record. */
        public Nodes(long txId, Id sender, Token writeToken, boolean isFinal, List<WireContact> contacts) {
            this(txId, sender, writeToken, isFinal, contacts, null);
        }

        public Nodes(long txId, Id sender, byte[] token, boolean isFinal, List<WireContact> contacts) {
            this(txId, sender, Token.copyOf(token), isFinal, contacts, null);
        }

        /** This answer with {@code contacts} instead. */
        public Nodes withContacts(List<WireContact> contacts) {
            return new Nodes(txId, sender, writeToken, isFinal, contacts, senderRecord);
        }

        /** This answer without the sender's record. */
        public Nodes withoutRecord() {
            return new Nodes(txId, sender, writeToken, isFinal, contacts, null);
        }
    }

    /** Asks for the record under {@code key} with seq at least {@code minSeq} (−1: any). */
    record FindValue(long txId, Id sender, Id key, long minSeq) implements Message {
        public FindValue {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(key, "key");
            if (minSeq < -1) {
                throw new IllegalArgumentException("minSeq must be >= -1, got " + minSeq);
            }
        }
    }

    /**
     * Answer to FIND_VALUE: a write token, the record if the sender holds one (else null) with
     * the lifetime it has left there ({@code lifetimeMillis}, 0 without a record, so a reader
     * that caches it never extends it), and up to {@value #MAX_CONTACTS} contacts closer to the
     * key. With a record near the maximum size only a few contacts fit the datagram: see
     * {@link MessageCodec#encodedSize}.
     */
    record Value(long txId, Id sender, Token writeToken, SignedRecord record, long lifetimeMillis,
                 List<WireContact> contacts) implements Message, WithToken {
        public Value {
            Objects.requireNonNull(sender, "sender");
            if (lifetimeMillis < 0 || (record == null && lifetimeMillis != 0)) {
                throw new IllegalArgumentException("lifetimeMillis must be >= 0, and 0 without a record; got "
                        + lifetimeMillis);
            }
            Objects.requireNonNull(writeToken, "token");
            contacts = copyOfContacts(contacts, MAX_CONTACTS, "contacts");
        }

        public Value(long txId, Id sender, byte[] token, SignedRecord record, long lifetimeMillis,
                     List<WireContact> contacts) {
            this(txId, sender, Token.copyOf(token), record, lifetimeMillis, contacts);
        }
    }

    /**
     * Asks the receiver to hold {@code record} for {@code lifetimeMillis} (> 0), proving with
     * {@code token} that the sender talks from its address. {@code expectedSeq} ≥ 0 asks for
     * compare-and-swap against the stored seq; −1 for none.
     */
    record Store(long txId, Id sender, Token writeToken, long lifetimeMillis, long expectedSeq, SignedRecord record)
            implements Message, WithToken {
        public Store {
            checkWrite(sender, writeToken, lifetimeMillis);
            if (expectedSeq < -1) {
                throw new IllegalArgumentException("expectedSeq must be >= -1, got " + expectedSeq);
            }
            Objects.requireNonNull(record, "record");
        }

        public Store(long txId, Id sender, byte[] token, long lifetimeMillis, long expectedSeq, SignedRecord record) {
            this(txId, sender, Token.copyOf(token), lifetimeMillis, expectedSeq, record);
        }
    }

    /** A message with a write token: NODES and VALUE hand one out; STORE, ANNOUNCE and LISTEN prove with it. */
    interface WithToken {
        Token writeToken();

        /** A copy of the write token's bytes. */
        default byte[] token() {
            return writeToken().bytes();
        }
    }

    /**
     * The write token NODES, VALUE and STORE carry: at most {@value #MAX_TOKEN_BYTES} bytes,
     * immutable, equal by content, shown in hex.
     */
    final class Token extends BytesValue {
        private final byte[] bytes;

        private Token(byte[] bytes) {
            super(checkLength(bytes));
            this.bytes = bytes;
        }

        private static byte[] checkLength(byte[] bytes) {
            if (bytes.length > MAX_TOKEN_BYTES) {
                throw new IllegalArgumentException("token is at most " + MAX_TOKEN_BYTES + " bytes, got " + bytes.length);
            }
            return bytes;
        }

        /** A token holding a copy of {@code bytes}. */
        public static Token copyOf(byte[] bytes) {
            return new Token(Objects.requireNonNull(bytes, "token").clone());
        }

        /** A token that keeps {@code bytes} itself: for the decoder, whose array is fresh and never shared. */
        static Token owning(byte[] bytes) {
            return new Token(bytes);
        }

        /** A copy of the bytes. */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** How many bytes it has. */
        public int length() {
            return bytes.length;
        }

        /** The bytes themselves, not copied: for the encoder, which only reads them. */
        byte[] shared() {
            return bytes;
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    /** Answer to STORE: {@link #STORED}, or a reason code (0..255) the storage layer defines. */
    record StoreResult(long txId, Id sender, int status) implements Message {
        /** The record is stored. */
        public static final int STORED = 0;
        /**
         * The STORE's header read but its body did not parse: a node-layer code next to the
         * storage layer's {@code RejectReason} codes (1..10, 12), which never use it.
         */
        public static final int MALFORMED = 11;

        public StoreResult {
            Objects.requireNonNull(sender, "sender");
            unsignedByte(status, "status");
        }
    }

    /** Asks for the receiver's predecessor and successor list. */
    record GetNeighbours(long txId, Id sender) implements Message {
        public GetNeighbours {
            Objects.requireNonNull(sender, "sender");
        }
    }

    /** Answer to GET_NEIGHBOURS: the predecessor (null if none) and up to {@value #MAX_SUCCESSORS} successors. */
    record Neighbours(long txId, Id sender, WireContact predecessor, List<WireContact> successors)
            implements Message {
        public Neighbours {
            Objects.requireNonNull(sender, "sender");
            successors = copyOfContacts(successors, MAX_SUCCESSORS, "successors");
        }
    }

    /** The sender proposes itself as the receiver's predecessor, at the datagram's source address. */
    record Notify(long txId, Id sender) implements Message {
        public Notify {
            Objects.requireNonNull(sender, "sender");
        }
    }

    /**
     * Answer to any request that failed: a code (0..255) and a text of at most
     * {@value #MAX_ERROR_TEXT_BYTES} UTF-8 bytes, which must be well-formed (no lone
     * surrogates). Refer to it as {@code Message.Error}: imported bare it hides {@link java.lang.Error}.
     */
    record Error(long txId, Id sender, int code, String text) implements Message {
        public Error {
            Objects.requireNonNull(sender, "sender");
            unsignedByte(code, "code");
            int length = utf8Length(Objects.requireNonNull(text, "text"));
            if (length > MAX_ERROR_TEXT_BYTES) {
                throw new IllegalArgumentException("text is at most " + MAX_ERROR_TEXT_BYTES
                        + " UTF-8 bytes, got " + length);
            }
        }
    }

    /**
     * Asks the receiver to hold {@code announcement} under its topic for {@code lifetimeMillis}
     * (> 0), proving with {@code token} (from a NODES of the receiver's) that the sender talks
     * from its address.
     */
    record Announce(long txId, Id sender, Token writeToken, long lifetimeMillis, Announcement announcement)
            implements Message, WithToken {
        public Announce {
            checkWrite(sender, writeToken, lifetimeMillis);
            Objects.requireNonNull(announcement, "announcement");
        }

        public Announce(long txId, Id sender, byte[] token, long lifetimeMillis, Announcement announcement) {
            this(txId, sender, Token.copyOf(token), lifetimeMillis, announcement);
        }
    }

    /** Answer to ANNOUNCE: {@link StoreResult#STORED}, or a reason code (0..255), as a STORE_RESULT's. */
    record AnnounceResult(long txId, Id sender, int status) implements Message {
        public AnnounceResult {
            Objects.requireNonNull(sender, "sender");
            unsignedByte(status, "status");
        }
    }

    /**
     * Asks for up to {@code max} (1..255) of the entries held under {@code topic} whose announcer
     * key follows {@code after} (unsigned byte order; null: from the first): a page.
     */
    record GetAnnouncements(long txId, Id sender, Id topic, int max, Id after) implements Message {
        public GetAnnouncements {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(topic, "topic");
            if (max < 1 || max > 255) throw new IllegalArgumentException("max must be in 1..255, got " + max);
        }
    }

    /** One entry of an ANNOUNCEMENTS: the announcement and the lifetime (> 0) it has left at the holder. */
    record Listed(Announcement announcement, long lifetimeMillis) {
        public Listed {
            Objects.requireNonNull(announcement, "announcement");
            if (lifetimeMillis <= 0) {
                throw new IllegalArgumentException("lifetimeMillis must be > 0, got " + lifetimeMillis);
            }
        }
    }

    /**
     * Answer to GET_ANNOUNCEMENTS: a page of at most {@value #MAX_LISTED} entries under
     * {@code topic}, in announcer key order, as many as fit the datagram; {@code held} (0..65535)
     * entries held there in all, and {@code more} when entries follow the last one listed.
     */
    record Announcements(long txId, Id sender, Id topic, int held, boolean more, List<Listed> entries)
            implements Message {
        public Announcements {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(topic, "topic");
            if (held < 0 || held > 65_535) throw new IllegalArgumentException("held must be in 0..65535, got " + held);
            entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
            if (entries.size() > MAX_LISTED) {
                throw new IllegalArgumentException("entries: at most " + MAX_LISTED + ", got " + entries.size());
            }
            for (Listed e : entries) {
                if (!e.announcement().topic().equals(topic)) {
                    throw new IllegalArgumentException("an entry of topic " + e.announcement().topic()
                            + " in a page of " + topic);
                }
            }
        }
    }

    /**
     * Asks the receiver, a holder of {@code key}, to send this address an UPDATE with every newer
     * record of the key for a while; {@code token} (a write token the receiver issued to this
     * address) proves that the sender receives at it, so no one can subscribe a victim.
     * {@code knownSeq} is the highest seq the sender has seen (−1: none): a newer held record
     * comes back in the LISTENING at once.
     */
    record Listen(long txId, Id sender, Token writeToken, Id key, long knownSeq) implements Message, WithToken {
        public Listen {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(writeToken, "token");
            Objects.requireNonNull(key, "key");
            if (knownSeq < -1) {
                throw new IllegalArgumentException("knownSeq must be >= -1, got " + knownSeq);
            }
        }

        public Listen(long txId, Id sender, byte[] token, Id key, long knownSeq) {
            this(txId, sender, Token.copyOf(token), key, knownSeq);
        }
    }

    /**
     * Answer to LISTEN: {@link #LISTENING} (0) and for how long ({@code lifetimeMillis} > 0), or a
     * refusal code (a {@code RejectReason} code: bad token, quota exceeded, unavailable) with
     * lifetime 0; and the record held under the key when its seq is above the asker's
     * {@code knownSeq} (else null).
     */
    record Listening(long txId, Id sender, int status, long lifetimeMillis, SignedRecord record) implements Message {
        /** The subscription is held. */
        public static final int LISTENING = 0;

        public Listening {
            Objects.requireNonNull(sender, "sender");
            unsignedByte(status, "status");
            if (status == LISTENING ? lifetimeMillis <= 0 : lifetimeMillis != 0) {
                throw new IllegalArgumentException("lifetimeMillis must be > 0 when listening, 0 when refused; got "
                        + lifetimeMillis);
            }
        }
    }

    /**
     * A holder tells a listener of a newer record of a key it listens to (a tombstone included).
     * One-way: not answered; the listener validates the record like any other.
     */
    record Update(long txId, Id sender, SignedRecord record) implements Message {
        public Update {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(record, "record");
        }
    }

    // ---- checks shared by the records ------------------------------------

    /** What a write (STORE, ANNOUNCE) carries besides its payload: a sender, a token, a lifetime above 0. */
    private static void checkWrite(Id sender, Token writeToken, long lifetimeMillis) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(writeToken, "token");
        if (lifetimeMillis <= 0) {
            throw new IllegalArgumentException("lifetimeMillis must be > 0, got " + lifetimeMillis);
        }
    }

    private static List<WireContact> copyOfContacts(List<WireContact> contacts, int max, String what) {
        List<WireContact> copy = List.copyOf(Objects.requireNonNull(contacts, what));
        if (copy.size() > max) {
            throw new IllegalArgumentException(what + ": at most " + max + ", got " + copy.size());
        }
        return copy;
    }

    private static void unsignedByte(int value, String what) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(what + " must be in 0..255, got " + value);
        }
    }

    private static int utf8Length(String text) {
        try {
            return StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text)).remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text is not well-formed UTF-16 (a lone surrogate?)", e);
        }
    }
}
