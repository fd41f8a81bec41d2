package io.kadring.overlay.wire;

import io.kadring.routing.Id;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/** Writes big-endian fields into an array allocated once at the exact encoded size. */
final class ByteWriter {
    private final byte[] buf;
    private int pos;

    ByteWriter(int size) {
        buf = new byte[size];
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

    /** The array, which must be exactly full: a mismatch is a bug in a size computation. */
    byte[] finish() {
        if (pos != buf.length) {
            throw new IllegalStateException("wrote " + pos + " bytes into " + buf.length);
        }
        return buf;
    }
}
