package io.kadring.overlay.wire;

import io.kadring.routing.Id;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Writes big-endian fields into an array allocated once at the exact encoded size (or, for a
 * padded request, at the padded length, the zero bytes after the fields left as they are).
 */
final class ByteWriter {
    private final byte[] buf;
    /** Where the fields end. */
    private final int end;
    private int pos;

    ByteWriter(int size) {
        this(size, size);
    }

    /** {@code size} bytes of fields in an array of {@code length} (at least {@code size}). */
    ByteWriter(int size, int length) {
        buf = new byte[Math.max(size, length)];
        end = size;
    }

    void u8(int v) {
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    void id(Id id) {
        id.writeTo(buf, pos);
        pos += Id.BYTES;
    }

    void bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** An address already accepted by {@link WireAddress#check}. */
    void address(InetSocketAddress address) {
        u8(address.getAddress() instanceof Inet4Address ? WireAddress.FAMILY_IPV4 : WireAddress.FAMILY_IPV6);
        bytes(address.getAddress().getAddress());
        u16(address.getPort());
    }

    /** The array, whose fields must be exactly written: a mismatch is a bug in a size computation. */
    byte[] finish() {
        if (pos != end) {
            throw new IllegalStateException("wrote " + pos + " bytes of " + end);
        }
        return buf;
    }
}
