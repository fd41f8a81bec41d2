package io.kadring.bootstrap.cli;

import io.kadring.routing.Id;
import picocli.CommandLine.Parameters;

/** The KEY of the commands that read a record (get, listen, replicas): the key `kadring put` prints. */
final class RecordKeyParameter {
    @Parameters(index = "0", paramLabel = "KEY", converter = KeyConverter.class,
            description = "The record's key: 64 hex digits, as `kadring put` prints it.")
    Id key;
}
