package io.kadring.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Raw standard output for a run whose output is a {@link PrintWriter} (tests): bytes written
 * are decoded as UTF-8 into the writer at each flush, so text comes through unchanged (other
 * bytes become U+FFFD). Real runs hand commands the process's own byte stream instead.
 */
final class WriterOutputStream extends ByteArrayOutputStream {
    private final PrintWriter writer;

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public synchronized void flush() {
        writer.write(toString(StandardCharsets.UTF_8));
        writer.flush();
        reset();
    }

    @Override
    public void close() {
        flush();
    }
}
