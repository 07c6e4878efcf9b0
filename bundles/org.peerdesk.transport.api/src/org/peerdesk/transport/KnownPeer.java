package org.peerdesk.transport;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/** A peer the user chose to know: its ID, the name it goes by, where it was last reached. */
public record KnownPeer(PeerId id, String name, Optional<PeerAddress> address, Instant added, Optional<Instant> lastSeen) {

    public KnownPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
