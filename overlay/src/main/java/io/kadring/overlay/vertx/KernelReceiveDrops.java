package io.kadring.overlay.vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Datagrams the kernel dropped before the node could read them (the socket's receive buffer was
 * full), where the OS says so. Linux: the {@code drops} column of {@code /proc/net/udp} and
 * {@code /proc/net/udp6} for the socket's local port, or as a machine-wide fallback the UDP
 * {@code RcvbufErrors} of {@code /proc/net/snmp}. Elsewhere nothing is known (empty).
 */
public final class KernelReceiveDrops {
    private static final Path UDP = Path.of("/proc/net/udp");
    private static final Path UDP6 = Path.of("/proc/net/udp6");
    private static final Path SNMP = Path.of("/proc/net/snmp");

    private KernelReceiveDrops() {}

    /** Drops of the UDP sockets bound to {@code port} (IPv4 and IPv6); empty where the OS does not list them. */
    public static OptionalLong ofPort(int port) {
        OptionalLong v4 = ofPort(read(UDP), port);
        OptionalLong v6 = ofPort(read(UDP6), port);
        if (v4.isEmpty()) return v6;
        return v6.isEmpty() ? v4 : OptionalLong.of(v4.getAsLong() + v6.getAsLong());
    }

    /** The socket's drops when listed, else the machine-wide count; empty where neither is known. */
    public static OptionalLong ofPortOrMachine(int port) {
        OptionalLong socket = ofPort(port);
        return socket.isPresent() ? socket : machineWide();
    }

    /** UDP receive-buffer errors of the whole machine (network namespace); empty where not known. */
    public static OptionalLong machineWide() {
        return fromSnmp(read(SNMP));
    }

    /**
     * The sum of the {@code drops} column (the last) over the rows of a {@code /proc/net/udp}
     * table whose local address has port {@code port}; empty when no row has it.
     */
    static OptionalLong ofPort(String table, int port) {
        long sum = 0;
        boolean found = false;
        for (String line : table.lines().skip(1).toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 13) continue;
            String local = columns[1];
            int colon = local.lastIndexOf(':');
            try {
                if (colon < 0 || Integer.parseInt(local.substring(colon + 1), 16) != port) continue;
                sum += Long.parseLong(columns[columns.length - 1]);
                found = true;
            } catch (NumberFormatException e) {
                // not a socket row
            }
        }
        return found ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /** {@code RcvbufErrors} of the {@code Udp:} rows of a {@code /proc/net/snmp} text (a names row, then a values row). */
    static OptionalLong fromSnmp(String snmp) {
        List<String> udp = snmp.lines().filter(l -> l.startsWith("Udp:")).toList();
        if (udp.size() < 2) return OptionalLong.empty();
        String[] names = udp.get(0).trim().split("\\s+");
        String[] values = udp.get(1).trim().split("\\s+");
        for (int i = 1; i < names.length && i < values.length; i++) {
            if (names[i].equals("RcvbufErrors")) {
                try {
                    return OptionalLong.of(Long.parseLong(values[i]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return ""; // not Linux, or not readable: nothing known
        }
    }
}
