package io.kadring.simulator.run;

import io.kadring.overlay.wire.Interner;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.lang.ref.WeakReference;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One object per remote node for the whole simulation: every node's decoder hands its ids,
 * addresses and node records here, and the signed records it decodes, and gets back the first
 * equal one decoded anywhere.
 * Messages are still encoded and decoded in full; only the copies are shared. Grows with the
 * distinct nodes, addresses and records (node records, and versions of signed records) of the run
 * (made-up contacts included), never with
 * traffic: lookup targets and record keys do not come here.
 *
 * <p>Every contact of every datagram comes through here, so ids and IPv4 addresses are found
 * by their raw words in open-addressed arrays (one probe, usually, and no object made for one
 * seen before) rather than in hash maps of objects.
 */
final class Flyweights implements Interner {
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    /** Four words per slot, most significant first; a slot is empty while its id is null. */
    private long[] idWords = new long[4 * 1024];
    private Id[] ids = new Id[1024];
    private int idCount;

    /** An IPv4 address and port packed by {@link #ipv4Key}; 0 marks an empty slot. */
    private long[] ipv4Keys = new long[1024];
    private InetSocketAddress[] ipv4s = new InetSocketAddress[1024];
    private int ipv4Count;

    private final Map<InetSocketAddress, InetSocketAddress> otherAddresses = new HashMap<>();
    private final Map<NodeRecord, NodeRecord> records = new HashMap<>();
    /**
     * The versions of records some node still holds (a holder of a key keeps its record), weakly:
     * a version no node keeps any more, or a forged one dropped on validation, is let go.
     */
    private final Map<SignedRecord, WeakReference<SignedRecord>> signedRecords = new WeakHashMap<>();

    @Override
    public Id id(Id id) {
        ByteBuffer words = ByteBuffer.wrap(id.toBytes());
        return intern(words.getLong(0), words.getLong(8), words.getLong(16), words.getLong(24), id);
    }

    @Override
    public Id id(long w0, long w1, long w2, long w3) {
        return intern(w0, w1, w2, w3, null);
    }

    @Override
    public InetSocketAddress address(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet4Address ip && address.getPort() != 0) {
            return intern(ipv4Key(ByteBuffer.wrap(ip.getAddress()).getInt(), address.getPort()), address);
        }
        InetSocketAddress shared = otherAddresses.putIfAbsent(address, address);
        return shared == null ? address : shared;
    }

    @Override
    public InetSocketAddress ipv4(int ip, int port) {
        return intern(ipv4Key(ip, port), null);
    }

    @Override
    public NodeRecord nodeRecord(NodeRecord record) {
        NodeRecord shared = records.putIfAbsent(record, record);
        return shared == null ? record : shared;
    }

    @Override
    public SignedRecord signedRecord(SignedRecord record) {
        WeakReference<SignedRecord> held = signedRecords.get(record);
        SignedRecord shared = held == null ? null : held.get();
        if (shared != null) return shared;
        signedRecords.put(record, new WeakReference<>(record));
        return record;
    }

    /** The id held for these words; else {@code fresh} (or a new id when null), held from now on. */
    private Id intern(long w0, long w1, long w2, long w3, Id fresh) {
        int mask = ids.length - 1;
        int slot = (int) ((w0 ^ w3) * SPREAD >>> 32) & mask;
        for (; ids[slot] != null; slot = (slot + 1) & mask) {
            int at = 4 * slot;
            if (idWords[at] == w0 && idWords[at + 1] == w1 && idWords[at + 2] == w2 && idWords[at + 3] == w3) {
                return ids[slot];
            }
        }
        Id id = fresh != null ? fresh : Id.ofWords(w0, w1, w2, w3);
        ids[slot] = id;
        int at = 4 * slot;
        idWords[at] = w0;
        idWords[at + 1] = w1;
        idWords[at + 2] = w2;
        idWords[at + 3] = w3;
        if (++idCount * 2 > ids.length) growIds();
        return id;
    }

    /** Twice the slots; each id held finds its slot again (a copy of its bytes each: growing is rare). */
    private void growIds() {
        Id[] held = ids;
        ids = new Id[2 * held.length];
        idWords = new long[4 * ids.length];
        idCount = 0;
        for (Id id : held) {
            if (id != null) id(id);
        }
    }

    private static long ipv4Key(int ip, int port) {
        return 1L << 48 | (ip & 0xFFFF_FFFFL) << 16 | port;
    }

    /** The address held for {@code key}; else {@code fresh} (or a new address when null), held from now on. */
    private InetSocketAddress intern(long key, InetSocketAddress fresh) {
        int mask = ipv4Keys.length - 1;
        int slot = (int) (key * SPREAD >>> 32) & mask;
        for (; ipv4Keys[slot] != 0; slot = (slot + 1) & mask) {
            if (ipv4Keys[slot] == key) return ipv4s[slot];
        }
        InetSocketAddress address = fresh != null ? fresh : Interner.NONE.ipv4((int) (key >>> 16), (int) key & 0xFFFF);
        ipv4Keys[slot] = key;
        ipv4s[slot] = address;
        if (++ipv4Count * 2 > ipv4Keys.length) growIpv4s();
        return address;
    }

    private void growIpv4s() {
        long[] oldKeys = ipv4Keys;
        InetSocketAddress[] oldAddresses = ipv4s;
        ipv4Keys = new long[2 * oldKeys.length];
        ipv4s = new InetSocketAddress[2 * oldAddresses.length];
        ipv4Count = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) intern(oldKeys[i], oldAddresses[i]);
        }
    }
}
