package io.kadring.overlay.wire;

import io.kadring.overlay.wire.Message.FindNode;
import io.kadring.overlay.wire.Message.Type;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.SignedRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random, valid messages for round-trip and fuzz tests, from a seed. Node records and signed
 * records carry random bytes for keys and signatures: the codec does not verify them.
 */
final class RandomMessages {
    private final SplittableRandom random;

    RandomMessages(long seed) {
        random = new SplittableRandom(seed);
    }

    /** A message of a random type; sizes random, or at their maxima when {@code max}. */
    Message any(boolean max) {
        Type[] types = Type.values();
        return of(types[random.nextInt(types.length)], max);
    }

    Message of(Type type, boolean max) {
        long tx = random.nextLong();
        Id sender = id();
        return switch (type) {
            case PING -> new Message.Ping(tx, sender, nodeRecord(max));
            case PONG -> new Message.Pong(tx, sender, nodeRecord(max), address(max));
            case FIND_NODE -> new FindNode(tx, sender, id(), random.nextBoolean() ? FindNode.XOR : FindNode.RING,
                    max || random.nextBoolean(), max || random.nextBoolean() ? nodeRecord(max) : null);
            case NODES -> new Message.Nodes(tx, sender, Message.Token.copyOf(token(max)), random.nextBoolean(),
                    contacts(max ? Message.MAX_CONTACTS : random.nextInt(Message.MAX_CONTACTS + 1), max),
                    max || random.nextBoolean() ? nodeRecord(max) : null);
            case FIND_VALUE -> new Message.FindValue(tx, sender, id(), random.nextLong(-1, Long.MAX_VALUE));
            case VALUE -> value(tx, sender, max);
            case STORE -> new Message.Store(tx, sender, token(max), random.nextLong(1, Long.MAX_VALUE),
                    random.nextLong(-1, Long.MAX_VALUE), record(max));
            case STORE_RESULT -> new Message.StoreResult(tx, sender, random.nextInt(256));
            case GET_NEIGHBOURS -> new Message.GetNeighbours(tx, sender);
            case NEIGHBOURS -> new Message.Neighbours(tx, sender,
                    max || random.nextBoolean() ? contact(max) : null,
                    contacts(max ? Message.MAX_SUCCESSORS : random.nextInt(Message.MAX_SUCCESSORS + 1), max));
            case NOTIFY -> new Message.Notify(tx, sender);
            case ERROR -> new Message.Error(tx, sender, random.nextInt(256), text(max));
            case ANNOUNCE -> new Message.Announce(tx, sender, token(max), random.nextLong(1, Long.MAX_VALUE),
                    announcement(id(), max ? Announcement.MAX_PAYLOAD_BYTES : random.nextInt(Announcement.MAX_PAYLOAD_BYTES + 1)));
            case ANNOUNCE_RESULT -> new Message.AnnounceResult(tx, sender, random.nextInt(256));
            case GET_ANNOUNCEMENTS -> new Message.GetAnnouncements(tx, sender, id(), random.nextInt(1, 256),
                    max || random.nextBoolean() ? id() : null);
            case ANNOUNCEMENTS -> announcements(tx, sender, max);
            case LISTEN -> new Message.Listen(tx, sender, token(max), id(), random.nextLong(-1, Long.MAX_VALUE));
            case LISTENING -> random.nextBoolean() && !max
                    ? new Message.Listening(tx, sender, random.nextInt(1, 256), 0, null)
                    : new Message.Listening(tx, sender, Message.Listening.LISTENING, random.nextLong(1, Long.MAX_VALUE),
                            max || random.nextBoolean() ? record(max) : null);
            case UPDATE -> new Message.Update(tx, sender, record(max));
        };
    }

    /** An announcement under {@code topic} with random key, seq and signature bytes. */
    Announcement announcement(Id topic, int payloadBytes) {
        return new Announcement(topic, bytes(32), random.nextLong(0, Long.MAX_VALUE), bytes(payloadBytes), bytes(64));
    }

    /** A page: when {@code max}, the most entries with the longest payloads that still fit (11 of 6 bytes). */
    private Message announcements(long tx, Id sender, boolean max) {
        Id topic = id();
        int count = max ? Message.MAX_LISTED : random.nextInt(Message.MAX_LISTED + 1);
        List<Message.Listed> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Message.Listed(announcement(topic, max ? 6 : random.nextInt(7)), random.nextLong(1, Long.MAX_VALUE)));
        }
        return new Message.Announcements(tx, sender, topic, max ? 65_535 : random.nextInt(65_536), random.nextBoolean(), entries);
    }

    /** A VALUE with or without a record, and as many contacts as still fit the datagram. */
    private Message value(long tx, Id sender, boolean max) {
        byte[] token = token(max);
        SignedRecord record = max || random.nextBoolean() ? record(max) : null;
        List<WireContact> contacts = new ArrayList<>(contacts(random.nextInt(Message.MAX_CONTACTS + 1), max));
        long lifetime = record == null ? 0 : (max ? Long.MAX_VALUE : random.nextLong(0, Long.MAX_VALUE));
        Message m = new Message.Value(tx, sender, token, record, lifetime, contacts);
        while (MessageCodec.encodedSize(m) > MessageCodec.MAX_DATAGRAM_BYTES) {
            contacts.remove(contacts.size() - 1);
            m = new Message.Value(tx, sender, token, record, lifetime, contacts);
        }
        return m;
    }

    Id id() {
        return Id.random(random);
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt();
        }
        return b;
    }

    byte[] token(boolean max) {
        return bytes(max ? Message.MAX_TOKEN_BYTES : random.nextInt(Message.MAX_TOKEN_BYTES + 1));
    }

    /** IPv4 or IPv6 (always IPv6 when {@code max}), never IPv4-mapped, port 1..65535. */
    InetSocketAddress address(boolean max) {
        byte[] ip = bytes(max || random.nextBoolean() ? 16 : 4);
        if (ip.length == 16) {
            ip[0] = (byte) 0x20; // a global unicast prefix: never ::ffff:a.b.c.d
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), random.nextInt(1, 65536));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    WireContact contact(boolean max) {
        return new WireContact(id(), address(max));
    }

    List<WireContact> contacts(int n, boolean max) {
        List<WireContact> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(contact(max));
        }
        return list;
    }

    NodeRecord nodeRecord(boolean max) {
        return NodeRecord.of(bytes(32), address(max), random.nextLong(), bytes(64));
    }

    /** A mutable record (always, and at the largest size, when {@code max}) or an immutable one. */
    SignedRecord record(boolean max) {
        if (max) {
            return new SignedRecord(bytes(32), bytes(SignedRecord.MAX_SALT_BYTES), random.nextLong(0, Long.MAX_VALUE),
                    bytes(SignedRecord.MAX_VALUE_BYTES), bytes(64));
        }
        byte[] value = bytes(random.nextInt(SignedRecord.MAX_VALUE_BYTES + 1));
        if (random.nextBoolean()) {
            return SignedRecord.immutable(value);
        }
        if (random.nextInt(4) == 0) {
            return new SignedRecord(bytes(32), bytes(random.nextInt(SignedRecord.MAX_SALT_BYTES + 1)),
                    random.nextLong(0, Long.MAX_VALUE), new byte[0], bytes(64), true);
        }
        return new SignedRecord(bytes(32), bytes(random.nextInt(SignedRecord.MAX_SALT_BYTES + 1)),
                random.nextLong(0, Long.MAX_VALUE), value, bytes(64));
    }

    /** Well-formed text of 1- to 4-byte UTF-8 characters, up to the limit (exactly 200 bytes when {@code max}). */
    String text(boolean max) {
        int budget = max ? Message.MAX_ERROR_TEXT_BYTES : random.nextInt(Message.MAX_ERROR_TEXT_BYTES + 1);
        StringBuilder sb = new StringBuilder();
        while (budget > 0) {
            int width = 1 + random.nextInt(Math.min(4, budget));
            int codePoint = switch (width) {
                case 1 -> random.nextInt(0x80);
                case 2 -> random.nextInt(0x80, 0x800);
                case 3 -> random.nextBoolean() ? random.nextInt(0x800, 0xD800) : random.nextInt(0xE000, 0x10000);
                default -> random.nextInt(0x10000, 0x110000);
            };
            sb.appendCodePoint(codePoint);
            budget -= width;
        }
        return sb.toString();
    }
}
