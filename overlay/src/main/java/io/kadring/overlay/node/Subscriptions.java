package io.kadring.overlay.node;

import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys this node listens to, for its own callers: routes UPDATEs that arrive to the
 * {@link ListenProcedure}s of their key. Only local calls add to it, so it needs no bound of its own.
 */
final class Subscriptions {
    private final Map<Id, List<ListenProcedure>> byKey = new HashMap<>();

    void add(ListenProcedure listen) {
        byKey.computeIfAbsent(listen.key(), k -> new ArrayList<>(1)).add(listen);
    }

    void remove(ListenProcedure listen) {
        List<ListenProcedure> list = byKey.get(listen.key());
        if (list == null) return;
        list.remove(listen);
        if (list.isEmpty()) byKey.remove(listen.key());
    }

    /** An UPDATE from {@code from}; false when no listener of its key subscribed at that address. */
    boolean onUpdate(InetSocketAddress from, SignedRecord record) {
        List<ListenProcedure> list = byKey.get(record.key());
        if (list == null) return false;
        boolean taken = false;
        for (ListenProcedure listen : List.copyOf(list)) {
            taken |= listen.offer(from, record);
        }
        return taken;
    }

    /** This node's store took a newer version: its own listeners hear it at once. */
    void onLocal(SignedRecord record) {
        List<ListenProcedure> list = byKey.get(record.key());
        if (list == null) return;
        for (ListenProcedure listen : List.copyOf(list)) {
            listen.offerLocal(record);
        }
    }

    /** Listens running. */
    int size() {
        int n = 0;
        for (List<ListenProcedure> list : byKey.values()) n += list.size();
        return n;
    }
}
