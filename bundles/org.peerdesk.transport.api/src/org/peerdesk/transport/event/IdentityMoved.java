package org.peerdesk.transport.event;

import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * An identity was met on a newer machine than any before ({@code org.peerdesk.identity.MachineSuccession}): a peer's, as
 * its certificate said, which a take-over from a backup moved to {@code machine}; or this node's own, as a peer that met
 * that machine said when it refused this one. The machines it ran on before are refused from then on.
 */
public record IdentityMoved(PeerId peer, int machine) {

    public IdentityMoved {
        Objects.requireNonNull(peer, "peer");
    }
}
