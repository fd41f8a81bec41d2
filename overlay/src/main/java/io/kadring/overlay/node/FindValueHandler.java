package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FIND_VALUE: the record held under the key (when its seq is at least the one asked for) with
 * what remains of its lifetime, and the closest contacts we know that still fit the datagram;
 * a write token for the asker either way.
 */
record FindValueHandler(LocalNode local, Outbox outbox, TokenIssuer tokens, RecordStore store, KnownContacts known)
        implements RequestHandler.Of<Message.FindValue> {

    @Override
    public void handle(InetSocketAddress from, Message.FindValue find) {
        long now = local.now();
        byte[] token = tokens.issue(from, now);
        Optional<StoredRecord> held = store.get(find.key(), now);
        List<Contact> closest = known.closest(find.key(), local.config().k());
        Message.Value answer;
        if (held.isPresent() && held.get().record().seq() >= find.minSeq()) {
            StoredRecord s = held.get();
            answer = fitted(find.txId(), token, s.record(), s.remainingLifetime(now), closest);
        } else {
            answer = new Message.Value(find.txId(), local.id(), token, null, 0, WireContacts.wire(closest));
        }
        outbox.send(from, answer);
    }

    /** A VALUE with the record and as many contacts as still fit one datagram. */
    private Message.Value fitted(long txId, byte[] token, SignedRecord record, long lifetime, List<Contact> closest) {
        List<WireContact> contacts = new ArrayList<>(WireContacts.wire(closest));
        Message.Value v = new Message.Value(txId, local.id(), token, record, lifetime, contacts);
        while (MessageCodec.encodedSize(v) > MessageCodec.MAX_DATAGRAM_BYTES && !contacts.isEmpty()) {
            contacts.remove(contacts.size() - 1);
            v = new Message.Value(txId, local.id(), token, record, lifetime, contacts);
        }
        return v;
    }
}
