package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.text.TopicArgument;
import io.kadring.routing.Id;

/** A topic: a name (its key is SHA-256 of its UTF-8 bytes) or a key of 64 hex digits. */
final class TopicConverter extends ParsingConverter<Id> {
    @Override
    Id parse(String value) {
        return TopicArgument.parse(value);
    }
}
