package io.kadring.bootstrap.state;

import io.kadring.bootstrap.state.RecordsFile.Loaded;
import io.kadring.bootstrap.state.RecordsFile.Saved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a peer keeps on disk: an H2 MVStore file (append-only chunks, so a crash at any
 * moment leaves the last complete commit readable), one entry per key holding the record and
 * its wall-clock expiry as one line of {@link RecordsFile}'s format.
 *
 * <p>Two ways in. {@link #saveDurably} is for what a user was told is stored: it completes once
 * the record is committed and the file forced to the device (fsync), several waiting writes
 * sharing one commit and one fsync. {@link #saveLater} is for the records held for others: in
 * the file within {@link #COMMIT_DELAY_MILLIS} (MVStore's background commit), no fsync of its
 * own. Entries leave when they expire ({@link #load}, {@link #purgeExpired}) or a newer version
 * of the same key replaces them; an older seq never replaces a newer one.
 *
 * <p>Thread-safe: MVStore is, and the durable writes go through one writer thread.
 */
public final class SavedRecords implements AutoCloseable {
    /** The most a {@link #saveLater} waits for MVStore's background commit. */
    public static final int COMMIT_DELAY_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(SavedRecords.class);
    private static final String MAP = "records";
    private static final int BATCH = 256;

    private record Write(Saved saved, CompletableFuture<Void> done) {}

    private final Path path;
    private final MVStore store;
    private final MVMap<String, String> map;
    private final BlockingQueue<Write> durable = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private SavedRecords(Path path, MVStore store) {
        this.path = path;
        this.store = store;
        this.map = store.openMap(MAP);
        this.writer = new Thread(this::writeLoop, "kadring-records-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the store at {@code path}. A file MVStore cannot open at all is set
     * aside as {@code <name>.corrupt-<n>} with a warning, and a new one started.
     */
    public static SavedRecords open(Path path) throws IOException {
        try {
            return new SavedRecords(path, openStore(path));
        } catch (RuntimeException damaged) { // MVStoreException and what MVStore throws on garbage
            if (!Files.exists(path)) throw new IOException("cannot create the records store " + path + ": "
                    + damaged.getMessage(), damaged);
            Path aside = StateFile.setAside(path);
            LOG.warn("records store {} cannot be opened ({}); set it aside as {} and starting with no saved records",
                    path, damaged.getMessage(), aside.getFileName());
            return new SavedRecords(path, openStore(path));
        }
    }

    private static MVStore openStore(Path path) {
        return new MVStore.Builder()
                .fileName(path.toString())
                .autoCommitBufferSize(256) // KB of changes that make the background thread commit early
                .open();
    }

    public Path path() {
        return path;
    }

    /**
     * The saved records still valid and alive at {@code nowEpochMillis}, in key order; the
     * expired and the invalid ones are counted and removed from the file.
     */
    public Loaded load(long nowEpochMillis) {
        List<Saved> records = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        int expired = 0;
        int invalid = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            Saved saved;
            try {
                saved = RecordsFile.parse(e.getValue());
            } catch (IllegalArgumentException bad) {
                LOG.warn("records store {}: dropping the entry under {}: {}", path, e.getKey(), bad.getMessage());
                invalid++;
                drop.add(e.getKey());
                continue;
            }
            if (!saved.record().key().toHex().equals(e.getKey())) {
                LOG.warn("records store {}: dropping the entry under {}: it holds the record of another key", path,
                        e.getKey());
                invalid++;
                drop.add(e.getKey());
            } else if (saved.remainingMillis(nowEpochMillis) <= 0) {
                expired++;
                drop.add(e.getKey());
            } else {
                records.add(saved);
            }
        }
        drop.forEach(map::remove);
        if (!drop.isEmpty()) store.commit();
        return new Loaded(records, expired, invalid);
    }

    /**
     * Saves {@code saved} and completes once it is committed and forced to the device. Fails
     * (never throws) when the store is closed or the disk refuses.
     */
    public CompletableFuture<Void> saveDurably(Saved saved) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IOException("the records store " + path + " is closed"));
        } else {
            durable.add(new Write(saved, done));
        }
        return done;
    }

    /** Saves {@code saved}; it is in the file within {@link #COMMIT_DELAY_MILLIS}. */
    public void saveLater(Saved saved) {
        if (closed) return;
        put(saved);
    }

    /** Removes the entries expired at {@code nowEpochMillis}; returns how many. */
    public int purgeExpired(long nowEpochMillis) {
        List<String> drop = new ArrayList<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            try {
                if (RecordsFile.seqAndExpiry(e.getValue())[1] <= nowEpochMillis) drop.add(e.getKey());
            } catch (IllegalArgumentException bad) {
                drop.add(e.getKey());
            }
        }
        drop.forEach(map::remove);
        return drop.size();
    }

    /** Entries in the store. */
    public int size() {
        return map.size();
    }

    /**
     * Saves {@code saved} unless the store holds a newer seq of its key (a replica saved later
     * must not undo an acknowledged newer write); the same seq keeps the later expiry.
     */
    private synchronized void put(Saved saved) {
        String key = saved.record().key().toHex();
        String held = map.get(key);
        if (held != null) {
            try {
                long[] old = RecordsFile.seqAndExpiry(held); // no signature check: it was valid when saved
                long seq = saved.record().seq();
                if (old[0] > seq || old[0] == seq && old[1] >= saved.expiresAtEpochMillis()) return;
            } catch (IllegalArgumentException damaged) {
                // replaced below
            }
        }
        map.put(key, RecordsFile.line(saved));
    }

    /** Group commit: whatever waits when a commit starts shares it. */
    private void writeLoop() {
        List<Write> batch = new ArrayList<>(BATCH);
        while (true) {
            Write first;
            try {
                first = durable.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closed && durable.isEmpty()) return;
                continue;
            }
            batch.add(first);
            durable.drainTo(batch, BATCH - 1);
            try {
                for (Write w : batch) put(w.saved());
                store.commit();
                store.sync();
                for (Write w : batch) w.done().complete(null);
            } catch (RuntimeException e) {
                IOException failure = new IOException("could not save to the records store " + path + ": "
                        + e.getMessage(), e);
                for (Write w : batch) w.done().completeExceptionally(failure);
            }
            batch.clear();
        }
    }

    /** Finishes the durable writes waiting, commits everything and closes the file. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Write w; (w = durable.poll()) != null; ) {
            w.done().completeExceptionally(new IOException("the records store " + path + " closed"));
        }
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.warn("could not close the records store {} cleanly: {}", path, e.getMessage());
        }
    }
}
