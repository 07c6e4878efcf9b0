package org.peerdesk.permissions.event;

import java.util.List;
import java.util.Objects;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.GrantTerms;

/**
 * A peer told this node that what it grants this node changed: {@code added} holds the rights on a resource it did
 * not give before, {@code ended} what it no longer gives.
 */
public record GivenChanged(PeerId owner, List<GrantTerms> added, List<GrantTerms> ended) {

    public GivenChanged {
        Objects.requireNonNull(owner, "owner");
        added = List.copyOf(added);
        ended = List.copyOf(ended);
    }
}
