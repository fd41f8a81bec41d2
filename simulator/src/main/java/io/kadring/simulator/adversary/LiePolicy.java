package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;

/**
 * Lies in every referral: NODES and VALUE name made-up contacts close to and far from the
 * target, NEIGHBOURS a made-up predecessor and successors; a VALUE's record comes back with
 * its value altered under the original signature. PONG and STORE_RESULT stay true, so the
 * liar keeps its place in routing tables.
 */
record LiePolicy(MadeUpContacts madeUp) implements ReferralPolicy {
    @Override
    public Message nodes(Message request, Id target, Message.Nodes n) {
        int count = Math.max(1, n.contacts().size());
        return new Message.Nodes(n.txId(), n.sender(), n.writeToken(), n.isFinal(), madeUp.around(target, count));
    }

    @Override
    public Message value(Id target, Message.Value v) {
        int count = Math.max(1, v.contacts().size());
        SignedRecord r = v.record();
        return new Message.Value(v.txId(), v.sender(), v.writeToken(), r == null ? null : altered(r),
                v.lifetimeMillis(), madeUp.around(target, count));
    }

    @Override
    public Message neighbours(Message.Neighbours n) {
        int count = Math.max(1, n.successors().size());
        return new Message.Neighbours(n.txId(), n.sender(), madeUp.around(n.sender(), 1).get(0),
                madeUp.around(n.sender(), count));
    }

    /** The same record with one byte of its value flipped: its signature no longer verifies. */
    private static SignedRecord altered(SignedRecord r) {
        byte[] value = r.value();
        if (value.length == 0) return r;
        value[0] ^= 1;
        return new SignedRecord(r.publicKey(), r.salt(), r.seq(), value, r.signature());
    }
}
