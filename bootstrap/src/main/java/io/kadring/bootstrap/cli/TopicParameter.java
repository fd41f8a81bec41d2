package io.kadring.bootstrap.cli;

import io.kadring.routing.Id;
import picocli.CommandLine.Parameters;

/** The TOPIC of the announcement commands (announce, announcements): a name or its key. */
final class TopicParameter {
    @Parameters(index = "0", paramLabel = "TOPIC", converter = TopicConverter.class,
            description = "The topic: a name (its key is the SHA-256 of its UTF-8 bytes), or a key of 64 hex digits.")
    Id key;
}
