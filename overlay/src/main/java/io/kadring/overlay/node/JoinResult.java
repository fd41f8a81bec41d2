package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import java.util.Optional;

/**
 * How a start went: whether this node started a new network (no bootstrap given) or
 * joined one, how many contacts it holds afterwards, and its ring successor.
 */
public record JoinResult(boolean newNetwork, int contacts, Optional<Contact> successor) {}
