package io.kadring.overlay.wire;

import io.kadring.overlay.wire.Message.Announce;
import io.kadring.overlay.wire.Message.AnnounceResult;
import io.kadring.overlay.wire.Message.Announcements;
import io.kadring.overlay.wire.Message.FindNode;
import io.kadring.overlay.wire.Message.GetAnnouncements;
import io.kadring.overlay.wire.Message.Listed;
import io.kadring.overlay.wire.Message.FindValue;
import io.kadring.overlay.wire.Message.GetNeighbours;
import io.kadring.overlay.wire.Message.Listen;
import io.kadring.overlay.wire.Message.Listening;
import io.kadring.overlay.wire.Message.Neighbours;
import io.kadring.overlay.wire.Message.Nodes;
import io.kadring.overlay.wire.Message.Notify;
import io.kadring.overlay.wire.Message.Ping;
import io.kadring.overlay.wire.Message.Pong;
import io.kadring.overlay.wire.Message.Store;
import io.kadring.overlay.wire.Message.StoreResult;
import io.kadring.overlay.wire.Message.Type;
import io.kadring.overlay.wire.Message.Update;
import io.kadring.overlay.wire.Message.Value;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.SignedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes messages to datagrams and decodes them back; the byte layout is in
 * {@code package-info.java}. Stateless and thread-safe.
 *
 * <p>Decoding is strict and canonical: whatever decodes re-encodes to the same bytes (by
 * {@link #encodePadded} when it was padded), and
 * anything else is a {@link MalformedMessageException} with a {@link DropReason}. Nothing
 * else is thrown for any input, and no allocation exceeds what the datagram's own length
 * allows.
 */
public final class MessageCodec {
    /** The protocol version byte. */
    public static final int VERSION = 1;
    /** Largest datagram sent or accepted. */
    public static final int MAX_DATAGRAM_BYTES = 1400;
    /**
     * The length a request is padded to (with zero bytes) for a node that may not have verified
     * the sender's address: a third of the largest datagram, so that the whole answer fits the
     * 3× anti-amplification rule (RFC 9000 §8.1). Only {@link #isPaddable} types are padded, and
     * only to exactly this length.
     */
    public static final int PADDED_REQUEST_BYTES = (MAX_DATAGRAM_BYTES + 2) / 3;
    /** {@code version 1 | type 1 | txId 8 | sender 32}. */
    public static final int HEADER_BYTES = 1 + 1 + 8 + Id.BYTES;

    /** FIND_NODE's mode byte: bit 0 the mode, bit 1 "answer with your record", bit 2 "my record follows". */
    static final int WANTS_RECORD = 2;
    static final int RECORD_FOLLOWS = 4;
    /** NODES's flags byte: bit 0 final, bit 1 "my record follows the contacts". */
    static final int NODES_RECORD_FOLLOWS = 2;

    static final int RECORD_NONE = 0;
    static final int RECORD_IMMUTABLE = 1;
    static final int RECORD_MUTABLE = 2;
    static final int RECORD_DELETED = 3;

    private MessageCodec() {}

    // ---- encoding ---------------------------------------------------------

    /** Whether {@code type} may be padded: the requests whose answers are large. */
    public static boolean isPaddable(Type type) {
        return type == Type.FIND_NODE || type == Type.FIND_VALUE || type == Type.GET_NEIGHBOURS
                || type == Type.GET_ANNOUNCEMENTS;
    }

    /**
     * The datagram for {@code message}, padded with zero bytes to {@value #PADDED_REQUEST_BYTES}.
     *
     * @throws IllegalArgumentException if its type is not {@link #isPaddable paddable}
     */
    public static byte[] encodePadded(Message message) {
        if (!isPaddable(message.type())) {
            throw new IllegalArgumentException(message.type() + " is not padded");
        }
        return encode(message, PADDED_REQUEST_BYTES);
    }

    /**
     * The datagram for {@code message}.
     *
     * @throws IllegalArgumentException if it would exceed {@value #MAX_DATAGRAM_BYTES} bytes
     */
    public static byte[] encode(Message message) {
        return encode(message, 0);
    }

    /** The datagram, in one array of at least {@code length} bytes (zeros after the message). */
    private static byte[] encode(Message message, int length) {
        int size = encodedSize(message);
        if (size > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException(message.type() + " would be " + size
                    + " bytes, the limit is " + MAX_DATAGRAM_BYTES);
        }
        ByteWriter w = new ByteWriter(size, length);
        w.u8(VERSION);
        w.u8(message.type().code());
        w.i64(message.txId());
        w.id(message.sender());
        switch (message.type()) {
            case PING -> nodeRecord(w, ((Ping) message).nodeRecord());
            case PONG -> {
                Pong m = (Pong) message;
                nodeRecord(w, m.nodeRecord());
                w.address(m.observed());
            }
            case FIND_NODE -> {
                FindNode m = (FindNode) message;
                w.id(m.target());
                w.u8(m.mode() | (m.wantsRecord() ? WANTS_RECORD : 0) | (m.senderRecord() != null ? RECORD_FOLLOWS : 0));
                if (m.senderRecord() != null) nodeRecord(w, m.senderRecord());
            }
            case NODES -> {
                Nodes m = (Nodes) message;
                token(w, m.writeToken());
                w.u8((m.isFinal() ? 1 : 0) | (m.senderRecord() != null ? NODES_RECORD_FOLLOWS : 0));
                contacts(w, m.contacts());
                if (m.senderRecord() != null) nodeRecord(w, m.senderRecord());
            }
            case FIND_VALUE -> {
                FindValue m = (FindValue) message;
                w.id(m.key());
                w.i64(m.minSeq());
            }
            case VALUE -> {
                Value m = (Value) message;
                token(w, m.writeToken());
                record(w, m.record());
                w.i64(m.lifetimeMillis());
                contacts(w, m.contacts());
            }
            case STORE -> {
                Store m = (Store) message;
                token(w, m.writeToken());
                w.i64(m.lifetimeMillis());
                w.i64(m.expectedSeq());
                record(w, m.record());
            }
            case STORE_RESULT -> w.u8(((StoreResult) message).status());
            case GET_NEIGHBOURS, NOTIFY -> { }
            case NEIGHBOURS -> {
                Neighbours m = (Neighbours) message;
                if (m.predecessor() == null) {
                    w.u8(0);
                } else {
                    w.u8(1);
                    contact(w, m.predecessor());
                }
                contacts(w, m.successors());
            }
            case ERROR -> {
                Message.Error m = (Message.Error) message;
                w.u8(m.code());
                byte[] text = m.text().getBytes(StandardCharsets.UTF_8);
                w.u8(text.length);
                w.bytes(text);
            }
            case ANNOUNCE -> {
                Announce m = (Announce) message;
                token(w, m.writeToken());
                w.i64(m.lifetimeMillis());
                w.id(m.announcement().topic());
                announcement(w, m.announcement());
            }
            case ANNOUNCE_RESULT -> w.u8(((AnnounceResult) message).status());
            case GET_ANNOUNCEMENTS -> {
                GetAnnouncements m = (GetAnnouncements) message;
                w.id(m.topic());
                w.u8(m.max());
                if (m.after() == null) {
                    w.u8(0);
                } else {
                    w.u8(1);
                    w.id(m.after());
                }
            }
            case ANNOUNCEMENTS -> {
                Announcements m = (Announcements) message;
                w.id(m.topic());
                w.u16(m.held());
                w.u8(m.more() ? 1 : 0);
                w.u8(m.entries().size());
                for (Listed e : m.entries()) {
                    w.bytes(e.announcement().publicKey());
                    w.i64(e.announcement().seq());
                    w.i64(e.lifetimeMillis());
                    w.u16(e.announcement().payloadLength());
                    w.bytes(e.announcement().payload());
                    w.bytes(e.announcement().signature());
                }
            }
            case LISTEN -> {
                Listen m = (Listen) message;
                token(w, m.writeToken());
                w.id(m.key());
                w.i64(m.knownSeq());
            }
            case LISTENING -> {
                Listening m = (Listening) message;
                w.u8(m.status());
                w.i64(m.lifetimeMillis());
                record(w, m.record());
            }
            case UPDATE -> record(w, ((Update) message).record());
        }
        return w.finish();
    }

    /** Bytes {@link #encode} would produce for {@code message}, without encoding it; may exceed the limit. */
    public static int encodedSize(Message message) {
        return HEADER_BYTES + switch (message.type()) {
            case PING -> ((Ping) message).nodeRecord().encodedSize();
            case PONG -> {
                Pong m = (Pong) message;
                yield m.nodeRecord().encodedSize() + WireAddress.size(m.observed());
            }
            case FIND_NODE -> Id.BYTES + 1 + nodeRecordSize(((FindNode) message).senderRecord());
            case NODES -> {
                Nodes m = (Nodes) message;
                yield 1 + m.writeToken().length() + 1 + contactsSize(m.contacts()) + nodeRecordSize(m.senderRecord());
            }
            case FIND_VALUE -> Id.BYTES + 8;
            case VALUE -> {
                Value m = (Value) message;
                yield 1 + m.writeToken().length() + recordSize(m.record()) + 8 + contactsSize(m.contacts());
            }
            case STORE -> {
                Store m = (Store) message;
                yield 1 + m.writeToken().length() + 8 + 8 + recordSize(m.record());
            }
            case STORE_RESULT -> 1;
            case GET_NEIGHBOURS, NOTIFY -> 0;
            case NEIGHBOURS -> {
                Neighbours m = (Neighbours) message;
                yield 1 + (m.predecessor() == null ? 0 : m.predecessor().encodedSize()) + contactsSize(m.successors());
            }
            case ERROR -> 1 + 1 + ((Message.Error) message).text().getBytes(StandardCharsets.UTF_8).length;
            case ANNOUNCE -> {
                Announce m = (Announce) message;
                yield 1 + m.writeToken().length() + 8 + Id.BYTES + announcementSize(m.announcement());
            }
            case ANNOUNCE_RESULT -> 1;
            case GET_ANNOUNCEMENTS -> Id.BYTES + 1 + 1 + (((GetAnnouncements) message).after() == null ? 0 : Id.BYTES);
            case ANNOUNCEMENTS -> {
                int size = Id.BYTES + 2 + 1 + 1;
                for (Listed e : ((Announcements) message).entries()) size += 8 + announcementSize(e.announcement());
                yield size;
            }
            case LISTEN -> 1 + ((Listen) message).writeToken().length() + Id.BYTES + 8;
            case LISTENING -> 1 + 8 + recordSize(((Listening) message).record());
            case UPDATE -> recordSize(((Update) message).record());
        };
    }

    private static void nodeRecord(ByteWriter w, NodeRecord r) {
        w.bytes(r.publicKey);
        w.address(r.address);
        w.i64(r.seq);
        w.bytes(r.signature);
    }

    private static int nodeRecordSize(NodeRecord r) {
        return r == null ? 0 : r.encodedSize();
    }

    /** publicKey 32 | seq 8 | ... the parts of an announcement after its topic, lifetime aside. */
    private static void announcement(ByteWriter w, Announcement a) {
        w.bytes(a.publicKey());
        w.i64(a.seq());
        w.u16(a.payloadLength());
        w.bytes(a.payload());
        w.bytes(a.signature());
    }

    /** publicKey, seq, payload length, payload, signature. */
    static int announcementSize(Announcement a) {
        return Announcement.PUBLIC_KEY_BYTES + 8 + 2 + a.payloadLength() + Announcement.SIGNATURE_BYTES;
    }

    private static void token(ByteWriter w, Message.Token token) {
        w.u8(token.length());
        w.bytes(token.shared());
    }

    private static void contact(ByteWriter w, WireContact c) {
        w.id(c.id());
        w.address(c.address());
    }

    private static void contacts(ByteWriter w, List<WireContact> contacts) {
        w.u8(contacts.size());
        for (WireContact c : contacts) {
            contact(w, c);
        }
    }

    private static int contactsSize(List<WireContact> contacts) {
        int size = 1;
        for (WireContact c : contacts) {
            size += c.encodedSize();
        }
        return size;
    }

    private static void record(ByteWriter w, SignedRecord r) {
        if (r == null) {
            w.u8(RECORD_NONE);
        } else if (r.isImmutable()) {
            w.u8(RECORD_IMMUTABLE);
            recordValue(w, r);
        } else {
            // a tombstone is a mutable record without its value
            w.u8(r.isDeleted() ? RECORD_DELETED : RECORD_MUTABLE);
            w.bytes(r.publicKey());
            byte[] salt = r.salt();
            w.u8(salt.length);
            w.bytes(salt);
            w.i64(r.seq());
            if (!r.isDeleted()) recordValue(w, r);
            w.bytes(r.signature());
        }
    }

    private static void recordValue(ByteWriter w, SignedRecord r) {
        byte[] value = r.value();
        w.u16(value.length);
        w.bytes(value);
    }

    /** Derived from {@link SignedRecord#sizeBytes()} so that no array is copied to measure it. */
    private static int recordSize(SignedRecord r) {
        if (r == null) {
            return 1;
        }
        if (r.isImmutable()) {
            return 1 + 2 + (r.sizeBytes() - 8); // sizeBytes = seq 8 + value
        }
        if (r.isDeleted()) {
            return 1 + 1 + r.sizeBytes(); // kind, salt length around pk, salt, seq, sig (no value)
        }
        return 1 + 1 + 2 + r.sizeBytes(); // kind, salt length, value length around pk, salt, seq, value, sig
    }

    /**
     * {@code datagram} (an encoding of this codec's) with its sender id replaced by
     * {@link Message#CLIENT}, in place: what a client-mode node sends, whoever built the message.
     * Returns {@code datagram}.
     */
    public static byte[] asClient(byte[] datagram) {
        if (datagram.length < HEADER_BYTES) {
            throw new IllegalArgumentException("a datagram has at least " + HEADER_BYTES + " bytes, got "
                    + datagram.length);
        }
        Arrays.fill(datagram, HEADER_BYTES - Id.BYTES, HEADER_BYTES, (byte) 0);
        return datagram;
    }

    // ---- decoding ---------------------------------------------------------

    /** The fixed header of a datagram: its type, transaction id and sender. */
    public record Header(Type type, long txId, Id sender) {}

    /**
     * The header of {@code datagram} when it reads (version, a known type, txId, sender), else
     * null: what a node needs to answer a request whose body is malformed (a STORE is answered
     * with a reason whatever happened to it).
     */
    public static Header header(byte[] datagram) {
        if (datagram.length < HEADER_BYTES || datagram.length > MAX_DATAGRAM_BYTES) return null;
        try {
            ByteReader r = new ByteReader(datagram, 0, HEADER_BYTES, Interner.NONE);
            if (r.u8() != VERSION) return null;
            Type type = Type.ofCode(r.u8());
            return type == null ? null : new Header(type, r.i64(), r.id());
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    /** The message in {@code datagram}, or a {@link MalformedMessageException} saying why there is none. */
    public static Message decode(byte[] datagram) throws MalformedMessageException {
        return decode(datagram, Interner.NONE);
    }

    /** As {@link #decode(byte[])}, the ids, addresses and node records naming remote nodes passed through {@code interner}. */
    public static Message decode(byte[] datagram, Interner interner) throws MalformedMessageException {
        return decode(datagram, 0, datagram.length, interner);
    }

    /**
     * The message in {@code buf[offset .. offset+length)}.
     *
     * @throws IndexOutOfBoundsException if the slice is not within {@code buf} (a caller's bug, not a drop)
     */
    public static Message decode(byte[] buf, int offset, int length) throws MalformedMessageException {
        return decode(buf, offset, length, Interner.NONE);
    }

    private static Message decode(byte[] buf, int offset, int length, Interner interner)
            throws MalformedMessageException {
        Objects.checkFromIndexSize(offset, length, buf.length);
        if (length > MAX_DATAGRAM_BYTES) {
            throw new MalformedMessageException(DropReason.OVERSIZED, length + " bytes");
        }
        ByteReader r = new ByteReader(buf, offset, length, interner);
        int version = r.u8();
        if (version != VERSION) {
            throw new MalformedMessageException(DropReason.BAD_VERSION, "version " + version);
        }
        int code = r.u8();
        Type type = Type.ofCode(code);
        if (type == null) {
            throw new MalformedMessageException(DropReason.UNKNOWN_TYPE, "type " + code);
        }
        long txId = r.i64();
        Id sender = r.remoteId();
        Message message = switch (type) {
            case PING -> new Ping(txId, sender, nodeRecord(r));
            case PONG -> new Pong(txId, sender, nodeRecord(r), r.remoteAddress());
            case FIND_NODE -> findNode(txId, sender, r);
            case NODES -> nodes(txId, sender, r);
            case FIND_VALUE -> new FindValue(txId, sender, r.id(), seqOrAny(r, "minSeq"));
            case VALUE -> value(txId, sender, r);
            case STORE -> new Store(txId, sender, token(r), lifetime(r), seqOrAny(r, "expectedSeq"), record(r, false));
            case STORE_RESULT -> new StoreResult(txId, sender, r.u8());
            case GET_NEIGHBOURS -> new GetNeighbours(txId, sender);
            case NEIGHBOURS -> new Neighbours(txId, sender, r.flag("predecessor flag") ? contact(r) : null,
                    contacts(r, Message.MAX_SUCCESSORS));
            case NOTIFY -> new Notify(txId, sender);
            case ERROR -> new Message.Error(txId, sender, r.u8(), errorText(r));
            case ANNOUNCE -> announce(txId, sender, r);
            case ANNOUNCE_RESULT -> new AnnounceResult(txId, sender, r.u8());
            case GET_ANNOUNCEMENTS -> getAnnouncements(txId, sender, r);
            case ANNOUNCEMENTS -> announcements(txId, sender, r);
            case LISTEN -> new Listen(txId, sender, token(r), r.id(), seqOrAny(r, "knownSeq"));
            case LISTENING -> listening(txId, sender, r);
            case UPDATE -> new Update(txId, sender, record(r, false));
        };
        if (isPaddable(type) && length == PADDED_REQUEST_BYTES) {
            r.expectZeros(); // padding
        } else {
            r.expectEnd();
        }
        return message;
    }

    private static NodeRecord nodeRecord(ByteReader r) throws MalformedMessageException {
        byte[] publicKey = r.bytes(NodeRecord.PUBLIC_KEY_BYTES);
        return r.interner().nodeRecord(
                NodeRecord.owning(publicKey, r.remoteAddress(), r.i64(), r.bytes(NodeRecord.SIGNATURE_BYTES)));
    }

    private static FindNode findNode(long txId, Id sender, ByteReader r) throws MalformedMessageException {
        Id target = r.id();
        int mode = r.u8();
        if ((mode & ~(FindNode.RING | WANTS_RECORD | RECORD_FOLLOWS)) != 0) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, "lookup mode " + mode);
        }
        NodeRecord record = (mode & RECORD_FOLLOWS) != 0 ? nodeRecord(r) : null;
        return new FindNode(txId, sender, target, (byte) (mode & FindNode.RING), (mode & WANTS_RECORD) != 0, record);
    }

    private static Nodes nodes(long txId, Id sender, ByteReader r) throws MalformedMessageException {
        Message.Token token = token(r);
        int flags = r.u8();
        if ((flags & ~(1 | NODES_RECORD_FOLLOWS)) != 0) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, "NODES flags " + flags);
        }
        List<WireContact> contacts = contacts(r, Message.MAX_CONTACTS);
        NodeRecord record = (flags & NODES_RECORD_FOLLOWS) != 0 ? nodeRecord(r) : null;
        return new Nodes(txId, sender, token, (flags & 1) != 0, contacts, record);
    }

    private static long seqOrAny(ByteReader r, String what) throws MalformedMessageException {
        long seq = r.i64();
        if (seq < -1) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, what + " " + seq);
        }
        return seq;
    }

    private static Value value(long txId, Id sender, ByteReader r) throws MalformedMessageException {
        Message.Token token = token(r);
        SignedRecord record = record(r, true);
        long lifetime = r.i64();
        if (lifetime < 0 || (record == null && lifetime != 0)) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, "value lifetime " + lifetime);
        }
        return new Value(txId, sender, token, record, lifetime, contacts(r, Message.MAX_CONTACTS));
    }

    private static Announce announce(long txId, Id sender, ByteReader r) throws MalformedMessageException {
        Message.Token token = token(r);
        long lifetime = lifetime(r);
        Id topic = r.id();
        byte[] publicKey = r.bytes(Announcement.PUBLIC_KEY_BYTES);
        long seq = r.i64();
        if (seq < 0) throw new MalformedMessageException(DropReason.BAD_FIELD, "announcement seq " + seq);
        return new Announce(txId, sender, token, lifetime, new Announcement(topic, publicKey, seq, payload(r),
                r.bytes(Announcement.SIGNATURE_BYTES)));
    }

    private static byte[] payload(ByteReader r) throws MalformedMessageException {
        int length = r.u16();
        if (length > Announcement.MAX_PAYLOAD_BYTES) {
            throw new MalformedMessageException(DropReason.BAD_LENGTH, "payload of " + length + " bytes");
        }
        return r.bytes(length);
    }

    private static GetAnnouncements getAnnouncements(long txId, Id sender, ByteReader r)
            throws MalformedMessageException {
        Id topic = r.id();
        int max = r.u8();
        if (max == 0) throw new MalformedMessageException(DropReason.BAD_FIELD, "max 0");
        Id after = r.flag("cursor flag") ? r.id() : null;
        return new GetAnnouncements(txId, sender, topic, max, after);
    }

    private static Announcements announcements(long txId, Id sender, ByteReader r) throws MalformedMessageException {
        Id topic = r.id();
        int held = r.u16();
        boolean more = r.flag("more flag");
        int count = r.u8();
        if (count > Message.MAX_LISTED) {
            throw new MalformedMessageException(DropReason.BAD_COUNT, count + " entries, at most " + Message.MAX_LISTED);
        }
        Listed[] entries = new Listed[count];
        for (int i = 0; i < count; i++) {
            byte[] publicKey = r.bytes(Announcement.PUBLIC_KEY_BYTES);
            long seq = r.i64();
            if (seq < 0) throw new MalformedMessageException(DropReason.BAD_FIELD, "announcement seq " + seq);
            long lifetime = lifetime(r);
            entries[i] = new Listed(new Announcement(topic, publicKey, seq, payload(r),
                    r.bytes(Announcement.SIGNATURE_BYTES)), lifetime);
        }
        return new Announcements(txId, sender, topic, held, more, Arrays.asList(entries));
    }

    private static Listening listening(long txId, Id sender, ByteReader r) throws MalformedMessageException {
        int status = r.u8();
        long lifetime = r.i64();
        if (status == Listening.LISTENING ? lifetime <= 0 : lifetime != 0) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, "listening lifetime " + lifetime);
        }
        return new Listening(txId, sender, status, lifetime, record(r, true));
    }

    private static long lifetime(ByteReader r) throws MalformedMessageException {
        long lifetime = r.i64();
        if (lifetime <= 0) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, "lifetime " + lifetime);
        }
        return lifetime;
    }

    private static Message.Token token(ByteReader r) throws MalformedMessageException {
        int length = r.u8();
        if (length > Message.MAX_TOKEN_BYTES) {
            throw new MalformedMessageException(DropReason.BAD_LENGTH, "token of " + length + " bytes");
        }
        return Message.Token.owning(r.bytes(length));
    }

    private static String errorText(ByteReader r) throws MalformedMessageException {
        int length = r.u8();
        if (length > Message.MAX_ERROR_TEXT_BYTES) {
            throw new MalformedMessageException(DropReason.BAD_LENGTH, "error text of " + length + " bytes");
        }
        return r.utf8(length);
    }

    private static WireContact contact(ByteReader r) throws MalformedMessageException {
        return new WireContact(r.remoteId(), r.remoteAddress());
    }

    private static List<WireContact> contacts(ByteReader r, int max) throws MalformedMessageException {
        int count = r.u8();
        if (count > max) {
            throw new MalformedMessageException(DropReason.BAD_COUNT, count + " contacts, at most " + max);
        }
        WireContact[] contacts = new WireContact[count];
        for (int i = 0; i < count; i++) {
            contacts[i] = contact(r);
        }
        return Arrays.asList(contacts);
    }

    private static SignedRecord record(ByteReader r, boolean optional) throws MalformedMessageException {
        int kind = r.u8();
        if (kind == RECORD_NONE && optional) {
            return null;
        }
        if (kind == RECORD_IMMUTABLE) {
            return r.interner().signedRecord(SignedRecord.immutable(recordValue(r)));
        }
        if (kind != RECORD_MUTABLE && kind != RECORD_DELETED) {
            throw new MalformedMessageException(DropReason.BAD_RECORD, "record kind " + kind);
        }
        byte[] publicKey = r.bytes(SignedRecord.PUBLIC_KEY_BYTES);
        int saltLength = r.u8();
        if (saltLength > SignedRecord.MAX_SALT_BYTES) {
            throw new MalformedMessageException(DropReason.BAD_RECORD, "salt of " + saltLength + " bytes");
        }
        byte[] salt = r.bytes(saltLength);
        long seq = r.i64();
        if (seq < 0) {
            throw new MalformedMessageException(DropReason.BAD_RECORD, "seq " + seq);
        }
        boolean deleted = kind == RECORD_DELETED;
        byte[] value = deleted ? new byte[0] : recordValue(r);
        byte[] signature = r.bytes(SignedRecord.SIGNATURE_BYTES);
        try {
            return r.interner().signedRecord(new SignedRecord(publicKey, salt, seq, value, signature, deleted));
        } catch (IllegalArgumentException e) { // bounds are checked above; this only guards against drift
            throw new MalformedMessageException(DropReason.BAD_RECORD, e.getMessage());
        }
    }

    private static byte[] recordValue(ByteReader r) throws MalformedMessageException {
        int length = r.u16();
        if (length > SignedRecord.MAX_VALUE_BYTES) {
            throw new MalformedMessageException(DropReason.BAD_RECORD, "value of " + length + " bytes");
        }
        return r.bytes(length);
    }
}
