package io.kadring.overlay.vertx;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * What receive buffer the OS grants a UDP socket that asks for one. Vert.x does not show the
 * option of its own socket, so a scratch socket asks the same and reads it back: the grant
 * depends on the request and the OS's limits only (Linux: {@code net.core.rmem_max}).
 */
final class ReceiveBufferProbe {
    private ReceiveBufferProbe() {}

    /** SO_RCVBUF as read back after asking for {@code asked} bytes; 0 when nothing was asked or it cannot be told. */
    static int granted(int asked) {
        if (asked <= 0) return 0;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_RCVBUF, asked);
            return probe.getOption(StandardSocketOptions.SO_RCVBUF);
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }
}
