package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node re-signs its record (seq + 1) only when peers agree it is seen at a new address. */
final class SelfRecordTest {
    private final TestNetwork net = new TestNetwork(3, 5);
    private final Identity identity = net.identity();
    private final InetSocketAddress bound = TestNetwork.address("10.1.0.1", 4000);
    private final InetSocketAddress external = TestNetwork.address("198.51.100.7", 61000);
    private final InetSocketAddress reporter1 = TestNetwork.address(1);
    private final InetSocketAddress reporter2 = TestNetwork.address(2);

    @Test
    void record_isSignedOnceWithSeqOne() {
        SelfRecord self = new SelfRecord(identity, bound, false);
        assertEquals(1, self.record().seq());
        assertEquals(bound, self.address());
        assertTrue(self.record().verify());
    }

    @Test
    void twoDistinctReporters_ofANewAddress_makeTheNodeResignWithSeqPlusOne() {
        SelfRecord self = new SelfRecord(identity, bound, false);

        assertFalse(self.observed(external, reporter1));
        assertFalse(self.observed(external, reporter1), "the same reporter twice is one vote");
        assertEquals(bound, self.address());
        assertEquals(1, self.record().seq());

        assertTrue(self.observed(external, reporter2));
        assertEquals(external, self.address());
        assertEquals(2, self.record().seq());
        assertTrue(self.record().verify());
        assertEquals(Id.fromPublicKey(identity.publicKey()), self.record().id());
    }

    @Test
    void reportsOfTheAdvertisedAddress_changeNothing() {
        SelfRecord self = new SelfRecord(identity, bound, false);
        assertFalse(self.observed(bound, reporter1));
        assertFalse(self.observed(bound, reporter2));
        assertEquals(1, self.record().seq());
    }

    @Test
    void reportsForDifferentAddresses_doNotAddUp() {
        SelfRecord self = new SelfRecord(identity, bound, false);
        assertFalse(self.observed(external, reporter1));
        assertFalse(self.observed(TestNetwork.address("198.51.100.8", 61000), reporter2));
        assertEquals(bound, self.address());
    }

    @Test
    void oneReporter_suffices_whenTheAdvertisedAddressIsAWildcard_withoutTheAddressQuorum() {
        SelfRecord self = new SelfRecord(identity, TestNetwork.address("0.0.0.0", 4000), false, false, true, 1);
        assertTrue(self.observed(external, reporter1));
        assertEquals(external, self.address());
        assertEquals(2, self.record().seq());
        assertTrue(self.record().verify());
    }

    @Test
    void withTheAddressQuorum_aWildcardNodeNeedsTwoPrefixes_orTheBootstrapItContacted() {
        InetSocketAddress wildcard = TestNetwork.address("0.0.0.0", 4000);
        SelfRecord self = new SelfRecord(identity, wildcard, false, true, true, 1);
        assertFalse(self.observed(external, TestNetwork.address("44.1.2.3", 4000)), "one stranger's word");
        assertFalse(self.observed(external, TestNetwork.address("44.1.2.4", 4000)), "another host of the same /24");
        assertTrue(self.observed(external, TestNetwork.address("44.1.3.4", 4000)), "a second /24");
        assertEquals(external, self.address());

        SelfRecord joining = new SelfRecord(identity, wildcard, false, true, true, 1);
        InetSocketAddress bootstrap = TestNetwork.address("44.9.9.9", 4000);
        joining.trust(List.of(bootstrap));
        assertTrue(joining.observed(external, bootstrap), "the bootstrap this node chose is believed alone");
    }

    @Test
    void aRestartedNode_signsANewerSeqThanBefore_fromTheWallClock() {
        // before the restart: an address learned, seq raised
        SelfRecord before = new SelfRecord(identity, TestNetwork.address("0.0.0.0", 4000), false, true, true,
                1_700_000_000_000L);
        InetSocketAddress bootstrap = TestNetwork.address("44.9.9.9", 4000);
        before.trust(List.of(bootstrap));
        assertTrue(before.observed(external, bootstrap));
        // a second later, the same identity starts again at a wildcard: peers that remember the
        // learned record must not see this one as a replay of an older one
        SelfRecord after = new SelfRecord(identity, TestNetwork.address("0.0.0.0", 4000), false, true, true,
                1_700_000_001_000L);
        assertTrue(after.record().seq() > before.record().seq(), after.record() + " vs " + before.record());
        assertThrows(IllegalArgumentException.class,
                () -> new SelfRecord(identity, TestNetwork.address("0.0.0.0", 4000), false, true, true, 0));
    }

    @Test
    void wildcardOrPortlessObservations_areIgnored() {
        SelfRecord self = new SelfRecord(identity, TestNetwork.address("0.0.0.0", 4000), false);
        assertFalse(self.observed(TestNetwork.address("0.0.0.0", 5000), reporter1));
        assertFalse(self.observed(null, reporter1));
        assertEquals(1, self.record().seq());
    }

    @Test
    void node_thatAdvertisesAWildcard_learnsItsAddressFromTheFirstPong_withoutTheAddressQuorum() {
        NodeConfig config = NodeConfig.builder()
                .defences(DefencesTest.defences(DefencesTest.Flag.ADDRESS_QUORUM, false)).build();
        TestNetwork.Member b = net.node(config, reporter1);
        InetSocketAddress where = TestNetwork.address(5);
        TestNetwork.Member a = net.node(config, where, TestNetwork.address("0.0.0.0", 4000));

        net.await(a.node().ping(b.address()), 1_000, "the ping");

        assertEquals(where, a.node().selfRecord().address());
        assertEquals(2, a.node().selfRecord().seq());
        assertEquals(1, a.registry().find("kadring.self.address.changes").counter().count());
        // and b, which could not admit a (its record named 0.0.0.0), admits it on a's next PING
        assertEquals(List.of(), b.node().contacts());
        net.await(a.node().ping(b.address()), 1_000, "the second ping");
        assertEquals(List.of(a.node().id()), b.node().contacts().stream().map(c -> c.id()).toList());
    }

    @Test
    void node_adoptsAnExternalAddress_onlyAfterTwoDifferentPeersReportIt() {
        InetSocketAddress where = TestNetwork.address(5);
        TestNetwork.Member a = net.node(NodeConfig.defaults(), where, bound);
        List<InetSocketAddress> reporters = List.of(reporter1, reporter2);
        for (InetSocketAddress reporter : reporters) {
            Identity id = net.identity();
            net.attach(reporter, (from, bytes) -> {
                try {
                    Message m = MessageCodec.decode(bytes);
                    if (m instanceof Message.Ping p) {
                        net.send(reporter, from, MessageCodec.encode(new Message.Pong(p.txId(),
                                Id.fromPublicKey(id.publicKey()), NodeRecord.sign(id, reporter, 1), external)));
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }

        net.await(a.node().ping(reporter1), 1_000, "the first ping");
        assertEquals(bound, a.node().selfRecord().address(), "one peer's word is not enough");
        net.await(a.node().ping(reporter2), 1_000, "the second ping");
        assertEquals(external, a.node().selfRecord().address());
        assertEquals(2, a.node().selfRecord().seq());
    }
}
