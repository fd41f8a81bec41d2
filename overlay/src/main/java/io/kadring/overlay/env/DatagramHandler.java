package io.kadring.overlay.env;

import java.net.InetSocketAddress;

/**
 * What a driver calls when a datagram arrives, on the node's thread. Implementations
 * never throw: anything malformed is dropped and counted.
 */
@FunctionalInterface
public interface DatagramHandler {
    void onDatagram(InetSocketAddress from, byte[] datagram);
}
