package io.kadring.bootstrap.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What every client command shares: where the peer's admin API is ({@code --admin}), how long
 * to wait for it ({@code --timeout}), its bearer token ({@code --admin-token-file}) and whether
 * to answer, and fail, in JSON ({@code --json}).
 */
final class ClientOptions {
    /** The flag that turns answers and failures into JSON on stdout. */
    static final String JSON = "--json";
    /** How the admin token file says it cannot be used. */
    static final String TOKEN_FILE = "token_file";

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7421",
            converter = AddressConverter.class,
            description = "The peer's admin API (its --admin-port; default ${DEFAULT-VALUE}).")
    InetSocketAddress address;

    @Option(names = JSON, description = "Print the answer as JSON on stdout; a failure too, as one object "
            + "{\"error\": MESSAGE, \"reason\": CODE} on stdout (exit code 1, or 2 for bad usage). Codes: "
            + "unreachable, timeout, unauthorized, not_joined, not_found, bad_answer, usage, or the peer's own.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", converter = SecondsConverter.class,
            description = "Give up when the peer has not answered within SECONDS, connecting included "
                    + "(default ${DEFAULT-VALUE}; decimals allowed).")
    Duration timeout;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "Send the bearer token in FILE: the peer's --admin-token-file, needed when its admin API "
                    + "listens on another address than the loopback.")
    Path tokenFile;

    /** A client for one command: its {@code --timeout} bounds all the requests it makes together. */
    AdminClient client() {
        return new AdminClient(address, timeout, tokenFile, token());
    }

    private String token() {
        if (tokenFile == null) return null;
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CommandFailure("cannot read the admin token from " + tokenFile + ": "
                    + CommandFailure.describe(e, tokenFile.toString()), TOKEN_FILE, e);
        }
        if (token.isEmpty()) throw new CommandFailure("the admin token file " + tokenFile + " is empty", TOKEN_FILE);
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new CommandFailure("the admin token file " + tokenFile + " holds more than one printable word; "
                    + "expected the token alone", TOKEN_FILE);
        }
        return token;
    }
}
