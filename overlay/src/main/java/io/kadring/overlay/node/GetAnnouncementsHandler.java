package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.storage.AnnouncementStore;
import io.kadring.storage.HeldAnnouncement;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * GET_ANNOUNCEMENTS: a page of the entries held under the topic after the cursor, as many as
 * were asked for and fit one datagram, with how many are held and whether more follow.
 */
record GetAnnouncementsHandler(LocalNode local, Outbox outbox, AnnouncementStore store)
        implements RequestHandler.Of<Message.GetAnnouncements> {

    @Override
    public void handle(InetSocketAddress from, Message.GetAnnouncements get) {
        long now = local.now();
        int want = Math.min(get.max(), Message.MAX_LISTED);
        // one more than fits, to know whether more follow
        List<HeldAnnouncement> page = store.page(get.topic(), get.after() == null ? null : get.after().toBytes(),
                want + 1, now);
        List<Message.Listed> entries = new ArrayList<>(want);
        for (HeldAnnouncement h : page.subList(0, Math.min(want, page.size()))) {
            entries.add(new Message.Listed(h.announcement(), h.remainingLifetime(now)));
        }
        boolean more = page.size() > want;
        int held = Math.min(store.count(get.topic()), 65_535);
        Message.Announcements answer = new Message.Announcements(get.txId(), local.id(), get.topic(), held, more, entries);
        while (MessageCodec.encodedSize(answer) > MessageCodec.MAX_DATAGRAM_BYTES) {
            entries.remove(entries.size() - 1);
            answer = new Message.Announcements(get.txId(), local.id(), get.topic(), held, true, entries);
        }
        outbox.send(from, answer);
    }
}
