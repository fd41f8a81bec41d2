package io.kadring.bootstrap.bench;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RoutingConfig;
import io.kadring.routing.RoutingTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link RoutingTable#closest} (the k = 20 closest to a random target) on a table that has
 * been offered {@code offered} random contacts (private addresses, so the diversity limits do
 * not thin it): what every FIND_NODE answer and lookup step costs. The table's size is printed
 * at setup.
 *
 * <p>Run: {@code bootstrap/benchmark.sh RoutingTableBenchmark}.
 */
@State(Scope.Benchmark)
public class RoutingTableBenchmark extends ShortNanosBenchmark {
    private static final int TARGETS = 1_024;

    @Param({"10000"})
    public int offered;

    private RoutingTable table;
    private Id[] targets;
    private int next;

    @Setup
    public void fill() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(2);
        table = new RoutingTable(Ids.random(random), RoutingConfig.defaults());
        for (int i = 0; i < offered; i++) {
            byte[] ip = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            table.observe(Contact.seen(Ids.random(random), new InetSocketAddress(InetAddress.getByAddress(ip), 7420), i), i);
        }
        targets = Ids.random(random, TARGETS);
        System.out.println("routing table: " + table.size() + " contacts of " + offered + " offered");
    }

    @Benchmark
    public List<Contact> closest20() {
        return table.closest(targets[next++ & (TARGETS - 1)], 20);
    }
}
