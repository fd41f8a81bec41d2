package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.StoreOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A put or an announce: a FIND_NODE lookup that collects each answering node's write token in
 * {@link #tokens}, then {@link HolderWrites} to the holders it found, each with its token, and
 * once every holder has its outcome the {@link PutResult} under the lookup's key.
 */
abstract class HolderWriting extends AfterLookup<PutResult> {
    /** The write request to one holder, given its token. */
    interface Write {
        Message message(long txId, Id self, byte[] token);
    }

    /** The tokens the lookup collected, by node id; the lookup fills it. */
    final Map<Id, byte[]> tokens = new HashMap<>();
    final LocalNode local;
    private HolderWrites writes;

    HolderWriting(LocalNode local) {
        this.local = local;
    }

    /** The seq of what is written, for the result; −1 when nothing is. */
    abstract long seq();

    /** Writes to {@code holders}: this node's share at once with {@code own}, each other's by {@code write}. */
    final List<Request> writeTo(List<Contact> holders, Supplier<StoreOutcome> own, Write write, long now) {
        writes = new HolderWrites(holders);
        Id self = local.id();
        List<Request> out = writes.start(self, own, holder -> {
            byte[] token = tokens.getOrDefault(holder.id(), new byte[0]);
            return Request.to(holder, tx -> write.message(tx, self, token), this);
        });
        if (writes.isDone()) done(now);
        return out;
    }

    @Override
    public final void onReply(Request request, Message reply, long now) {
        if (writes != null && writes.onReply(request, reply) && writes.isDone()) done(now);
    }

    @Override
    public final void onFailure(Request request, long now) {
        if (writes != null && writes.onFailure(request) && writes.isDone()) done(now);
    }

    private void done(long now) {
        finish(writes.result(lookup.target(), seq(), local, now - lookup.start(), lookup.result().messages()));
        lookup = null; // a finished put that is kept (an owner refresh) holds little
        tokens.clear();
    }
}
