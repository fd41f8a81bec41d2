package io.kadring.bootstrap.bench;

import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The wire codec on the two messages a lookup is made of: a FIND_NODE request and a full NODES
 * reply (20 IPv4 contacts and a 32-byte write token), each encoded and decoded ({@code kind}).
 *
 * <p>Run: {@code bootstrap/benchmark.sh WireCodecBenchmark}.
 */
@State(Scope.Benchmark)
public class WireCodecBenchmark extends ShortNanosBenchmark {
    /** FIND_NODE, or a full NODES reply. */
    @Param({"FIND_NODE", "NODES"})
    public String kind;

    private Message message;
    private byte[] bytes;

    @Setup
    public void messages() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(1);
        Id sender = Ids.random(random);
        Message.FindNode findNode = new Message.FindNode(random.nextLong(), sender, Ids.random(random), Message.FindNode.XOR);
        List<WireContact> contacts = new ArrayList<>();
        for (int i = 0; i < Message.MAX_CONTACTS; i++) {
            byte[] ip = {10, (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))};
            contacts.add(new WireContact(Ids.random(random),
                    new InetSocketAddress(InetAddress.getByAddress(ip), 1024 + random.nextInt(60_000))));
        }
        byte[] token = new byte[Message.MAX_TOKEN_BYTES];
        random.nextBytes(token);
        Message.Nodes nodes = new Message.Nodes(random.nextLong(), sender, token, false, contacts);
        message = kind.equals("NODES") ? nodes : findNode;
        bytes = MessageCodec.encode(message);
    }

    @Benchmark
    public byte[] encode() {
        return MessageCodec.encode(message);
    }

    @Benchmark
    public Message decode() throws MalformedMessageException {
        return MessageCodec.decode(bytes);
    }
}
