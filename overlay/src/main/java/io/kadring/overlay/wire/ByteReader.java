package io.kadring.overlay.wire;

import io.kadring.routing.Id;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads big-endian fields from a slice of a datagram. Every read checks the bytes that remain
 * first, so a hostile length can never index out of bounds or allocate past the datagram.
 */
final class ByteReader {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buf;
    private final int end;
    private final Interner interner;
    private int pos;

    ByteReader(byte[] buf, int offset, int length, Interner interner) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.interner = interner;
    }

    Interner interner() {
        return interner;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n) throws MalformedMessageException {
        if (end - pos < n) {
            throw new MalformedMessageException(DropReason.TRUNCATED,
                    "need " + n + " bytes, " + (end - pos) + " left");
        }
    }

    int u8() throws MalformedMessageException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int u16() throws MalformedMessageException {
        need(2);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long i64() throws MalformedMessageException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (buf[pos++] & 0xFFL);
        }
        return v;
    }

    Id id() throws MalformedMessageException {
        need(Id.BYTES);
        Id id = Id.of(buf, pos);
        pos += Id.BYTES;
        return id;
    }

    /** An id naming a remote node (a sender, a contact), passed through the interner by its words. */
    Id remoteId() throws MalformedMessageException {
        need(Id.BYTES);
        Id id = interner.id(word(pos), word(pos + 8), word(pos + 16), word(pos + 24));
        pos += Id.BYTES;
        return id;
    }

    /**
     * An address of a remote node, passed through the interner: a valid IPv4 one by its
     * number and port, so that a known one costs no objects; anything else as {@link #address()}
     * reads it (and drops it if it is bad).
     */
    InetSocketAddress remoteAddress() throws MalformedMessageException {
        if (end - pos >= WireAddress.IPV4_BYTES && buf[pos] == WireAddress.FAMILY_IPV4) {
            int port = (buf[pos + 5] & 0xFF) << 8 | (buf[pos + 6] & 0xFF);
            if (port != 0) {
                InetSocketAddress address = interner.ipv4((int) INTS.get(buf, pos + 1), port);
                pos += WireAddress.IPV4_BYTES;
                return address;
            }
        }
        return interner.address(address());
    }

    /** The big-endian long at {@code at}: its 8 bytes are the caller's to have checked. */
    private long word(int at) {
        return (long) LONGS.get(buf, at);
    }

    /** A copy of the next {@code n} bytes; {@code n} is checked against what remains before allocating. */
    byte[] bytes(int n) throws MalformedMessageException {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** The next {@code n} bytes as a UTF-8 string; malformed UTF-8 is {@link DropReason#BAD_FIELD}. */
    String utf8(int n) throws MalformedMessageException {
        need(n);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(buf, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, "text is not well-formed UTF-8");
        }
    }

    /** A flag byte that must be 0 or 1. */
    boolean flag(String what) throws MalformedMessageException {
        int v = u8();
        if (v > 1) {
            throw new MalformedMessageException(DropReason.BAD_FIELD, what + " is " + v + ", not 0 or 1");
        }
        return v == 1;
    }

    InetSocketAddress address() throws MalformedMessageException {
        int family = u8();
        int ipBytes = switch (family) {
            case WireAddress.FAMILY_IPV4 -> 4;
            case WireAddress.FAMILY_IPV6 -> 16;
            default -> throw new MalformedMessageException(DropReason.BAD_ADDRESS, "address family " + family);
        };
        need(ipBytes + 2);
        if (ipBytes == 16 && WireAddress.isIpv4Mapped(buf, pos)) {
            throw new MalformedMessageException(DropReason.BAD_ADDRESS, "IPv4-mapped IPv6 address");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(Arrays.copyOfRange(buf, pos, pos + ipBytes));
        } catch (UnknownHostException e) {
            throw new MalformedMessageException(DropReason.BAD_ADDRESS, "address of " + ipBytes + " bytes");
        }
        pos += ipBytes;
        int port = u16();
        if (port == 0) {
            throw new MalformedMessageException(DropReason.BAD_ADDRESS, "port 0");
        }
        return new InetSocketAddress(ip, port);
    }

    /** Reads the rest as padding: fails with {@link DropReason#TRAILING_BYTES} unless every byte is zero. */
    void expectZeros() throws MalformedMessageException {
        for (; pos < end; pos++) {
            if (buf[pos] != 0) {
                throw new MalformedMessageException(DropReason.TRAILING_BYTES, "padding with a byte other than zero");
            }
        }
    }

    /** Fails with {@link DropReason#TRAILING_BYTES} unless every byte was read. */
    void expectEnd() throws MalformedMessageException {
        if (pos != end) {
            throw new MalformedMessageException(DropReason.TRAILING_BYTES, (end - pos) + " bytes after the message");
        }
    }
}
