/**
 * The wire protocol: {@link io.kadring.overlay.wire.Message} types, the signed
 * {@link io.kadring.overlay.wire.NodeRecord}, and {@link io.kadring.overlay.wire.MessageCodec},
 * which turns one into a UDP datagram and back. Core code: it may depend on routing, storage
 * and crypto only; no io.vertx, no clock, no unseeded random, no IO.
 *
 * <h2>Format (version 1)</h2>
 * One message per datagram of at most 1400 bytes, big-endian; FIND_NODE, FIND_VALUE and
 * GET_NEIGHBOURS and GET_ANNOUNCEMENTS may be zero-padded to exactly 467 bytes (anti-amplification). Every count and
 * length is checked against its maximum and then against the bytes left; anything out of
 * bounds, unknown, or left over drops the datagram with a {@link io.kadring.overlay.wire.DropReason}.
 * The encoding is canonical: a datagram that decodes re-encodes to the same bytes.
 *
 * <pre>
 * header        version 1 (=1) | type 1 | txId 8 | sender id 32                 42 B
 * address       family 1 (4|6) | ip 4|16 | port 2 (≠ 0)                    7 | 19 B
 *               (IPv4-mapped IPv6 is not allowed: send it as IPv4)
 * contact       id 32 | address                                            39 | 51 B
 * contacts      count 1 | contact × count
 * token         length 1 (≤ 32) | bytes
 * node record   publicKey 32 | address | seq 8 | signature 64           111 | 123 B
 * signed record kind 1: 0 none (VALUE only), 1 immutable, 2 mutable
 *               immutable: valueLength 2 (≤ 1000) | value                   ≤ 1003 B
 *               mutable:   publicKey 32 | saltLength 1 (≤ 64) | salt | seq 8 (≥ 0)
 *                          | valueLength 2 (≤ 1000) | value | signature 64   ≤ 1172 B
 *               3 tombstone (deleted at seq; its signature covers the flag):
 *                          publicKey 32 | saltLength 1 (≤ 64) | salt | seq 8 (≥ 0)
 *                          | signature 64                                  ≤ 170 B
 *               (a version-1 node without tombstones drops kind 3 as BAD_RECORD)
 *
 * type                  body                                               largest
 *  1 PING               node record                                          165
 *  2 PONG               node record | observed address                       184
 *  3 FIND_NODE          target 32 | mode 1 (bit 0: 0 XOR, 1 RING; bit 1:
 *                       answer with your record; bit 2: my record
 *                       follows) | [node record]                             198
 *  4 NODES              token | flags 1 (bit 0 final; bit 1 record
 *                       follows) | contacts (≤ 20) | [node record]           1220
 *  5 FIND_VALUE         key 32 | minSeq 8 (≥ −1; −1 any)                       82
 *  6 VALUE              token | signed record | lifetime ms 8 (≥ 0; 0 when
 *                       no record) | contacts (≤ 20)                    see below
 *  7 STORE              token | lifetime ms 8 (> 0) | expectedSeq 8 (≥ −1;
 *                       −1 no compare-and-swap) | signed record (not none)   1263
 *  8 STORE_RESULT       status 1                                               43
 *  9 GET_NEIGHBOURS     (empty)                                                42
 * 10 NEIGHBOURS         has predecessor 1 (0|1) | [contact] | contacts (≤ 16)  911
 * 11 NOTIFY             (empty)                                                42
 * 12 ERROR              code 1 | length 1 (≤ 200) | UTF-8 text (well-formed)  244
 * 13 ANNOUNCE           token | lifetime ms 8 (> 0) | topic 32
 *                       | announcement                                       477
 * 14 ANNOUNCE_RESULT    status 1 (0 stored, else a STORE_RESULT reason code)  43
 * 15 GET_ANNOUNCEMENTS  topic 32 | max 1 (1..255) | has cursor 1 (0|1)
 *                       | [cursor: announcer key 32]                          108
 * 16 ANNOUNCEMENTS      topic 32 | held 2 | more 1 (0|1) | count 1 (≤ 11)
 *                       | (announcement | lifetime ms 8 (> 0)... see below) ≤ 1400
 * 17 LISTEN             token | key 32 | knownSeq 8 (≥ −1; −1 none)           115
 * 18 LISTENING          status 1 (0 listening, else a RejectReason code) |
 *                       lifetime ms 8 (> 0 listening, 0 refused) | signed
 *                       record (0 none; the held one if above knownSeq)      1223
 * 19 UPDATE             signed record (not none); one-way, not answered      1214
 * </pre>
 * Codes 13–16 and 20–21 are reserved for other features.
 *
 * <p>An announcement (after its topic): {@code publicKey 32 | seq 8 (≥ 0) | payloadLength 2
 * (≤ 256) | payload | signature 64}, ≤ 362 B; the signature is Ed25519 over
 * {@code "kadring announcement v1\0" ‖ topic ‖ seq ‖ payload}
 * ({@link io.kadring.storage.Announcement}). In ANNOUNCEMENTS each entry is {@code publicKey 32 |
 * seq 8 | lifetime ms 8 | payloadLength 2 | payload | signature 64} (114 B + payload), listed
 * in the order of the announcer keys (unsigned), each after the GET_ANNOUNCEMENTS cursor; the
 * holder lists as many as fit 1400 bytes (11 with payloads of up to 6 bytes, 3 of the longest),
 * {@code held} is how many it holds under the topic (at most 65535 said) and {@code more} that
 * entries follow the last one listed: the next page's cursor is its key.
 * <h2>The client flag</h2>
 * A node in client mode sends every datagram with the sender id all zeros
 * ({@link io.kadring.overlay.wire.Message#CLIENT}; {@link io.kadring.overlay.wire.MessageCodec#asClient}
 * writes it over the encoded header): no node has that id, so it marks a client, whose sender is
 * never admitted to a table or ring. No byte is added and no field changes: the format above
 * holds as it is, and a reader that does not know the flag decodes such a message as any other.
 *
 * <h2>Byte budget</h2>
 * Every type fits 1400 bytes at its maxima except VALUE: with a 32-byte token and no record
 * it is at most 1105 bytes (20 IPv6 contacts), but the largest record (1172 B) leaves
 * {@code 1400 − 42 − 33 − 1172 − 8 − 1 = 144} bytes for contacts: 2 IPv6 or 3 IPv4 always fit.
 * {@link io.kadring.overlay.wire.MessageCodec#encode} refuses anything larger; a node
 * trims contacts using {@link io.kadring.overlay.wire.MessageCodec#encodedSize}.
 */
package io.kadring.overlay.wire;
