package io.kadring.overlay.wire;

import java.net.InetSocketAddress;

/**
 * One node's interner ({@link Interner#bounded}): the sources of its datagrams in a fixed
 * number of direct-mapped slots, each address's slot chosen by its hash, the newest source
 * taking the slot. A source or decoded address equal to the one in its slot gets that one back,
 * so a remote that keeps talking to the node is one address in its contacts, its record, and the
 * RTT and reply tables, rather than one per datagram it came in. A flood of distinct sources
 * costs only evictions: the slots never grow, and an address that lost its slot is the
 * decoder's own again, as with {@link Interner#NONE}.
 *
 * <p>Decoded addresses are looked up but never take a slot, and ids and records pass through:
 * a node decodes far more of them than it keeps (contacts of other nodes' lookups), so slots
 * for them would hold mostly what nobody else holds. Measured with 200 real nodes (NodeHeapBenchmark):
 * 190 addresses per node, 74 of them distinct; 128 with 128 slots for sources; 153 with 256
 * slots every decoded address could take. A node's records were all distinct already.
 *
 * <p>Not thread-safe: for one node, on its thread.
 */
final class BoundedInterner implements Interner {
    private final InetSocketAddress[] sources;

    BoundedInterner(int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, got " + slots);
        }
        sources = new InetSocketAddress[slots];
    }

    @Override
    public InetSocketAddress source(InetSocketAddress from) {
        int slot = slotOf(from);
        InetSocketAddress held = sources[slot];
        if (from.equals(held)) return held;
        sources[slot] = from;
        return from;
    }

    @Override
    public InetSocketAddress address(InetSocketAddress address) {
        InetSocketAddress held = sources[slotOf(address)];
        return address.equals(held) ? held : address;
    }

    /** Sources held (for tests): at most the slots. */
    int held() {
        int n = 0;
        for (InetSocketAddress a : sources) {
            if (a != null) n++;
        }
        return n;
    }

    int slots() {
        return sources.length;
    }

    private int slotOf(InetSocketAddress address) {
        int h = address.hashCode() * 0x9E3779B9; // addresses on one host differ in the port alone: spread them
        return (h ^ (h >>> 16)) & (sources.length - 1);
    }
}
