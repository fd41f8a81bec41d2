package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/** PING: answered with our record and the address it came from; its own record goes to admission. */
record PingHandler(Id self, Supplier<NodeRecord> selfRecord, Outbox outbox, Admission admission)
        implements RequestHandler {

    @Override
    public void answer(InetSocketAddress from, Message request) {
        Message.Ping ping = (Message.Ping) request;
        outbox.send(from, new Message.Pong(ping.txId(), self, selfRecord.get(), from));
        admission.onRecord(ping.nodeRecord(), ping.sender(), from, false);
    }
}
