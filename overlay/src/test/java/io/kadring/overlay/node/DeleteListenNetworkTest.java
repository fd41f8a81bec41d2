package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.env.Cancellable;
import io.kadring.routing.Id;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delete and listen over 30 nodes on public-looking addresses, in virtual time. */
final class DeleteListenNetworkTest {
    private static final NodeConfig CONFIG = NodeConfig.defaults();
    private static final int NODES = 30;
    private final TestNetwork net = new TestNetwork(20261203, 20);
    private final List<TestNetwork.Member> nodes = new ArrayList<>();
    private final Identity owner = net.identity();
    private final byte[] salt = "feed".getBytes(StandardCharsets.UTF_8);
    private final Id key = SignedRecord.mutableKey(owner.publicKey(), salt);

    @BeforeEach
    void join() {
        for (int i = 0; i < NODES; i++) {
            TestNetwork.Member m = net.node(CONFIG, TestNetwork.address("45." + (i + 1) + ".0.1", 4000));
            net.await(m.node().start(i == 0 ? List.of() : List.of(nodes.get(0).address())), 120_000, "join " + i);
            nodes.add(m);
        }
        net.runFor(60_000);
    }

    private Node node(int i) {
        return nodes.get(i).node();
    }

    private PutResult publish(String value) {
        return net.await(node(1).publish(owner, salt, value.getBytes(StandardCharsets.UTF_8), -1), 60_000, "publish");
    }

    @Test
    void aListenerHearsEachNewSeqWithinSeconds_andTheTombstone_eachOnce() {
        publish("one");
        List<SignedRecord> heard = new ArrayList<>();
        Cancellable listening = node(7).listen(key, heard::add);
        net.runFor(5_000);
        assertEquals(List.of(1L), heard.stream().map(SignedRecord::seq).toList(), "the value held now, once");

        publish("two");
        net.runFor(2_000);
        assertEquals(List.of(1L, 2L), heard.stream().map(SignedRecord::seq).toList());

        net.await(node(2).delete(owner, salt), 60_000, "delete");
        net.runFor(2_000);
        assertEquals(3, heard.size());
        assertTrue(heard.get(2).isDeleted());
        assertEquals(3, heard.get(2).seq());

        listening.cancel();
        publish("four");
        net.runFor(ListenProcedure.RENEW_MILLIS * 2);
        assertEquals(3, heard.size(), "nothing after cancel");
    }

    @Test
    void aListenerFollowsRenewals_andHearsAnUpdateAfterTheHoldersSubscriptionsWouldHaveExpired() {
        List<SignedRecord> heard = new ArrayList<>();
        node(9).listen(key, heard::add);
        net.runFor(ListenerTable.LIFETIME_MILLIS + 60_000);
        publish("late");
        net.runFor(2_000);
        assertEquals(List.of(1L), heard.stream().map(SignedRecord::seq).toList());
    }

    @Test
    void aDeletedKeyReadsAsItsTombstoneEverywhere_andAnOlderSeqIsRefusedAsDeleted() {
        PutResult one = publish("one");
        SignedRecord old = SignedRecord.sign(owner, salt, one.seq(), "one".getBytes(StandardCharsets.UTF_8));
        PutResult deleted = net.await(node(3).delete(owner, salt), 60_000, "delete");
        assertTrue(deleted.succeeded());
        assertEquals(one.seq() + 1, deleted.seq());

        for (int i = 0; i < NODES; i += 7) {
            GetResult got = net.await(node(i).get(key), 60_000, "get");
            assertTrue(got.record().orElseThrow().isDeleted(), "node " + i);
            assertEquals(deleted.seq(), got.record().get().seq());
        }
        PutResult replay = net.await(node(4).put(old), 60_000, "replay");
        assertEquals(0, replay.stored());
        assertTrue(replay.rejections().getOrDefault(RejectReason.DELETED, 0) > 0, replay.rejections().toString());
    }
}
