package io.kadring.overlay.vertx;

import io.netty.channel.Channel;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.vertx.core.datagram.DatagramSocket;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The buffer each datagram is read into. A Vert.x socket asked for a receive buffer (SO_RCVBUF)
 * also reads every datagram into a new buffer of that size: with the peer's 4 MiB, each datagram
 * cost a fresh 4 MiB direct buffer, zeroed and freed (a fifth of the CPU of 100 nodes forming a
 * network on loopback, and more than half of their time). This puts back a read buffer of
 * {@value #BYTES} bytes: more than the longest datagram a node accepts, so a longer one still
 * arrives too long and is dropped as such, never cut to a size that passes.
 *
 * <p>Vert.x does not show its socket's Netty channel; it is found by reflection. Where that fails
 * (another Vert.x, or a module path that forbids it) the socket keeps Vert.x's reads, which work,
 * only dearer, and that is logged once.
 */
final class DatagramReadBuffer {
    /** Netty's own default for datagrams; above the wire's limit of 1400 (a test holds it there). */
    static final int BYTES = 2048;
    private static final System.Logger LOG = System.getLogger(DatagramReadBuffer.class.getName());
    private static final AtomicBoolean FAILURE_LOGGED = new AtomicBoolean();

    private DatagramReadBuffer() {}

    /**
     * Makes {@code socket} read each datagram into {@value #BYTES} bytes, as many datagrams per
     * read as Vert.x set. Returns whether it could.
     */
    static boolean apply(DatagramSocket socket) {
        Channel channel = channelOf(socket);
        if (channel == null) return false;
        RecvByteBufAllocator before = channel.config().getRecvByteBufAllocator();
        FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(BYTES);
        if (before instanceof MaxMessagesRecvByteBufAllocator m) reads.maxMessagesPerRead(m.maxMessagesPerRead());
        channel.config().setRecvByteBufAllocator(reads);
        return true;
    }

    /** The size of the buffer {@code socket} reads a datagram into now; -1 when it cannot be told. */
    static int readBytes(DatagramSocket socket) {
        Channel channel = channelOf(socket);
        if (channel == null) return -1;
        return channel.config().getRecvByteBufAllocator().newHandle().guess();
    }

    private static Channel channelOf(DatagramSocket socket) {
        try {
            Field field = socket.getClass().getDeclaredField("channel");
            field.setAccessible(true);
            if (field.get(socket) instanceof Channel channel) return channel;
            failed("its channel field holds no Netty channel", null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            failed("cannot reach its Netty channel", e);
        }
        return null;
    }

    private static void failed(String why, Exception cause) {
        if (FAILURE_LOGGED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "UDP socket: " + why + "; each datagram is read into a buffer the size "
                    + "of the receive buffer (slower, not wrong)", cause);
        }
    }
}
