package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Id;
import java.util.function.LongFunction;

/**
 * What a lookup asks each node, built per transaction id. A FIND_NODE can also carry our record
 * and ask for the answerer's, so that a lookup proves a stranger (verifiedContacts) with the
 * query it sends anyway, and the stranger learns us from it, instead of a PING each way.
 */
interface LookupRequest {
    /** The request; with {@code ours} (only when {@link #carriesProof}) it carries our record and asks for theirs. */
    Message request(long txId, NodeRecord ours);

    /** Whether the answer to this request can bring the answerer's record. */
    boolean carriesProof();

    /** FIND_NODE of {@code target} in {@code mode}, from {@code self}. */
    static LookupRequest findNode(Id self, Id target, byte mode) {
        return new LookupRequest() {
            @Override
            public Message request(long txId, NodeRecord ours) {
                Message.FindNode plain = new Message.FindNode(txId, self, target, mode);
                return ours == null ? plain : plain.proving(ours);
            }

            @Override
            public boolean carriesProof() {
                return true;
            }
        };
    }

    /** A request whose answer carries no record (the sender proves itself by a PING). */
    static LookupRequest plain(LongFunction<Message> message) {
        return new LookupRequest() {
            @Override
            public Message request(long txId, NodeRecord ours) {
                return message.apply(txId);
            }

            @Override
            public boolean carriesProof() {
                return false;
            }
        };
    }
}
