package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.text.KeyArgument;
import io.kadring.routing.Id;

/** A 256-bit key as 64 hex digits. */
final class KeyConverter extends ParsingConverter<Id> {
    @Override
    Id parse(String value) {
        return KeyArgument.parse(value);
    }
}
