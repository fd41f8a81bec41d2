package io.kadring.simulator.run;

import io.kadring.overlay.wire.Interner;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One object per remote node for the whole simulation: every node's decoder hands its ids,
 * addresses and node records here, and gets back the first equal one decoded anywhere.
 * Messages are still encoded and decoded in full; only the copies are shared. Grows with the
 * distinct nodes, addresses and records of the run (made-up contacts included), never with
 * traffic: lookup targets and record keys do not come here.
 */
final class Flyweights implements Interner {
    private final Map<Id, Id> ids = new HashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress> addresses = new HashMap<>();
    private final Map<NodeRecord, NodeRecord> records = new HashMap<>();

    @Override
    public Id id(Id id) {
        Id shared = ids.putIfAbsent(id, id);
        return shared == null ? id : shared;
    }

    @Override
    public InetSocketAddress address(InetSocketAddress address) {
        InetSocketAddress shared = addresses.putIfAbsent(address, address);
        return shared == null ? address : shared;
    }

    @Override
    public NodeRecord nodeRecord(NodeRecord record) {
        NodeRecord shared = records.putIfAbsent(record, record);
        return shared == null ? record : shared;
    }
}
