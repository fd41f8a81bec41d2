package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import io.kadring.simulator.SimNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Contacts that exist nowhere: ids with no key pair behind them, at free hosts of the
 * adversaries' /24s (above {@link Adversaries#HOSTS_PER_SUBNET}, where no node listens).
 */
final class MadeUpContacts {
    private final List<SimNetwork.Subnet> subnets;
    private final RandomGenerator random;

    MadeUpContacts(List<SimNetwork.Subnet> subnets, RandomGenerator random) {
        if (subnets.isEmpty()) throw new IllegalArgumentException("made-up contacts need a subnet");
        this.subnets = List.copyOf(subnets);
        this.random = random;
    }

    /**
     * {@code n} contacts for a referral about {@code target}: alternately very close to it
     * (24 to 39 shared leading bits, closer than any real node) and far from it (fewer than
     * 4); random ids when the target is unknown.
     */
    List<WireContact> around(Id target, int n) {
        List<WireContact> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Id id = target == null ? Id.random(random)
                    : i % 2 == 0 ? target.randomInBucket(24 + random.nextInt(16), random)
                    : target.randomInBucket(random.nextInt(4), random);
            out.add(new WireContact(id, address()));
        }
        return out;
    }

    private java.net.InetSocketAddress address() {
        SimNetwork.Subnet s = subnets.get(random.nextInt(subnets.size()));
        return s.address(Adversaries.HOSTS_PER_SUBNET + 1 + random.nextInt(254 - Adversaries.HOSTS_PER_SUBNET));
    }
}
