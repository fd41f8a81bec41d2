package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * PING: answered with our record and the address it came from; its own record goes to
 * admission. {@code bounded} ({@link Defences#boundedSignatures()}): the record is judged
 * before the answer, and one that fails or cannot be checked now gets none. A client's PING
 * ({@link Message#fromClient()}) is answered and its record ignored.
 */
record PingHandler(Id self, Supplier<NodeRecord> selfRecord, Outbox outbox, Admission admission, boolean bounded)
        implements RequestHandler {

    @Override
    public void answer(InetSocketAddress from, Message request) {
        Message.Ping ping = (Message.Ping) request;
        if (ping.fromClient()) { // answered, as a PONG costs no more than the PING; never admitted
            outbox.send(from, new Message.Pong(ping.txId(), self, selfRecord.get(), from));
            return;
        }
        if (!bounded) {
            outbox.send(from, new Message.Pong(ping.txId(), self, selfRecord.get(), from));
            admission.onRecord(ping.nodeRecord(), ping.sender(), from, false);
            return;
        }
        // the record is judged first: a PING whose record fails (or could not be checked) is
        // not answered, so that bad PINGs buy neither a PONG nor, repeated, another check
        RecordRefusal refusal = admission.onRecord(ping.nodeRecord(), ping.sender(), from, false);
        if (refusal != RecordRefusal.BAD_NODE_RECORD && refusal != RecordRefusal.SIGNATURE_BUDGET) {
            outbox.send(from, new Message.Pong(ping.txId(), self, selfRecord.get(), from));
        }
    }
}
