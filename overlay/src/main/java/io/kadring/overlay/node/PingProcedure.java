package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * One PING and its PONG, whose record admission judges on the way in. To a known contact
 * (check-predecessor, liveness of a quiet contact) an answer that is no PONG counts as its
 * failure, as silence or another node at its address does; to an address (a stranger to
 * verify, the embedder's ping) anyone may answer.
 */
final class PingProcedure extends AbstractProcedure<Message> {
    private final Request request;
    private final Vouching vouching;
    private boolean sent;

    private PingProcedure(InetSocketAddress address, Id expected, Id self, Supplier<NodeRecord> selfRecord,
                          Vouching vouching) {
        this.vouching = vouching;
        this.request = expected == null
                ? Request.toAddress(address, tx -> new Message.Ping(tx, self, selfRecord.get()), this)
                : Request.to(Contact.seen(expected, address, 0), tx -> new Message.Ping(tx, self, selfRecord.get()),
                this);
    }

    /** Pings whoever is at {@code address}. */
    static PingProcedure address(InetSocketAddress address, Id self, Supplier<NodeRecord> selfRecord) {
        return new PingProcedure(address, null, self, selfRecord, null);
    }

    /** Pings {@code contact}: is it still there? */
    static PingProcedure contact(Contact contact, Id self, Supplier<NodeRecord> selfRecord, Vouching vouching) {
        return new PingProcedure(contact.address(), contact.id(), self, selfRecord, vouching);
    }

    @Override
    public List<Request> poll(long now) {
        if (sent) return List.of();
        sent = true;
        return List.of(request);
    }

    @Override
    public void onReply(Request r, Message reply, long now) {
        finish(reply); // a PONG, or an ERROR in its place; null when none came
        if (vouching != null && !(reply instanceof Message.Pong)) vouching.failed(r.expected(), r.to());
    }

    @Override
    public void onFailure(Request r, long now) {
        finish(null);
    }
}
