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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codec on the two messages a lookup is made of: a FIND_NODE request and a full NODES
 * reply (20 IPv4 contacts and a 32-byte write token), each encoded and decoded.
 *
 * <p>Run: {@code bootstrap/benchmark.sh WireCodecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WireCodecBenchmark {
    private Message.FindNode findNode;
    private Message.Nodes nodes;
    private byte[] findNodeBytes;
    private byte[] nodesBytes;

    @Setup
    public void messages() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(1);
        Id sender = Ids.random(random);
        findNode = new Message.FindNode(random.nextLong(), sender, Ids.random(random), Message.FindNode.XOR);
        List<WireContact> contacts = new ArrayList<>();
        for (int i = 0; i < Message.MAX_CONTACTS; i++) {
            byte[] ip = {10, (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))};
            contacts.add(new WireContact(Ids.random(random),
                    new InetSocketAddress(InetAddress.getByAddress(ip), 1024 + random.nextInt(60_000))));
        }
        byte[] token = new byte[Message.MAX_TOKEN_BYTES];
        random.nextBytes(token);
        nodes = new Message.Nodes(random.nextLong(), sender, token, false, contacts);
        findNodeBytes = MessageCodec.encode(findNode);
        nodesBytes = MessageCodec.encode(nodes);
    }

    @Benchmark
    public byte[] findNodeEncode() {
        return MessageCodec.encode(findNode);
    }

    @Benchmark
    public Message findNodeDecode() throws MalformedMessageException {
        return MessageCodec.decode(findNodeBytes);
    }

    @Benchmark
    public byte[] nodesEncode() {
        return MessageCodec.encode(nodes);
    }

    @Benchmark
    public Message nodesDecode() throws MalformedMessageException {
        return MessageCodec.decode(nodesBytes);
    }
}
