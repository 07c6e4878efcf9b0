package org.peerdesk.permissions.event;

import org.peerdesk.permissions.AccessRequest;

/** A request came in, went out, or was decided; the record is its new state. */
public record RequestChanged(AccessRequest request) {
}
