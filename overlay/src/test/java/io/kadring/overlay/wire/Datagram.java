package io.kadring.overlay.wire;

import io.kadring.routing.Id;
import java.io.ByteArrayOutputStream;

/** Hand-written datagrams for tests: the layout spelled out field by field, independent of the codec. */
final class Datagram {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A header: version 1, {@code type}, txId 7, sender 0x11…11. */
    static Datagram header(int type) {
        return header(1, type);
    }

    /** A header with any version byte. */
    static Datagram header(int version, int type) {
        return new Datagram().u8(version).u8(type).i64(7).fill(32, 0x11);
    }

    Datagram u8(int v) {
        out.write(v);
        return this;
    }

    Datagram u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Datagram i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    Datagram bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Datagram id(Id id) {
        return bytes(id.toBytes());
    }

    /** {@code n} bytes of value {@code v}. */
    Datagram fill(int n, int v) {
        for (int i = 0; i < n; i++) {
            out.write(v);
        }
        return this;
    }

    /** An IPv4 address 10.0.0.{@code last} with {@code port}. */
    Datagram ipv4(int last, int port) {
        return u8(4).u8(10).u8(0).u8(0).u8(last).u16(port);
    }

    /** A contact of id {@code idByte}… at 10.0.0.{@code last}:4000. */
    Datagram contact(int idByte, int last) {
        return fill(32, idByte).ipv4(last, 4000);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
