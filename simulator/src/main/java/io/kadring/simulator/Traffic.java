package io.kadring.simulator;

/** Datagram counts and their payload bytes, for one host or for the whole network. */
public record Traffic(long messagesSent, long bytesSent, long messagesReceived, long bytesReceived) {
}
