package io.kadring.overlay.node;

import io.kadring.routing.Id;
import java.net.InetSocketAddress;

/** What procedures may ask of admission: who is vouched for, verify a stranger, a contact failed. */
interface Vouching {
    /** Whether {@code id} at {@code address} has proven itself already. */
    boolean isVouchedFor(Id id, InetSocketAddress address);

    /** Ask whoever is at {@code address} for its record (a PING), so that it can be admitted. */
    void verify(InetSocketAddress address);

    /** A request to {@code id} at {@code address} failed, or was answered with an error. */
    void failed(Id id, InetSocketAddress address);
}
