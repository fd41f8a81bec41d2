package io.kadring.bootstrap.bench;

import io.kadring.bootstrap.state.RecordsFile;
import io.kadring.bootstrap.state.SavedRecords;
import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an acknowledged write costs: {@link SavedRecords#saveDurably} (commit and fsync) of a
 * 1 KB-value record into a store in the working directory's file system (run it where the data
 * directory would live). {@code oneWriter}: the latency distribution of a single writer, each
 * write waiting for its fsync (p50/p99 in the JMH report). {@code sixteenWriters}: records per
 * second with 16 writers waiting at once, sharing commits (group commit).
 *
 * <p>Run: {@code bootstrap/benchmark.sh SavedRecordsBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
public class SavedRecordsBenchmark {
    private static final int DISTINCT = 4_096;

    private Path dir;
    private SavedRecords store;
    private RecordsFile.Saved[] records;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory(Path.of("").toAbsolutePath(), "bench-records-");
        store = SavedRecords.open(dir.resolve("records.mv"));
        Identity owner = Identity.fromSeed(new byte[32]);
        byte[] value = "x".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        records = new RecordsFile.Saved[DISTINCT];
        long expires = System.currentTimeMillis() + TimeUnit.DAYS.toMillis(1);
        for (int i = 0; i < DISTINCT; i++) {
            records[i] = new RecordsFile.Saved(SignedRecord.sign(owner, ("k" + i).getBytes(StandardCharsets.UTF_8), 1,
                    value), expires);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private RecordsFile.Saved nextRecord() {
        return records[Math.floorMod(next.getAndIncrement(), DISTINCT)];
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public void oneWriter() {
        store.saveDurably(nextRecord()).join();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(16)
    public void sixteenWriters() {
        store.saveDurably(nextRecord()).join();
    }
}
