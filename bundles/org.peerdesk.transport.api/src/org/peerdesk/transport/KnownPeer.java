package org.peerdesk.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.peerdesk.core.PeerId;

/**
 * A peer the user chose to know: its ID, the name it goes by, where it was last reached, and the addresses it
 * said reach it from other networks (a public address its user gave, the one its router forwards).
 */
public record KnownPeer(PeerId id, String name, Optional<PeerAddress> address, Instant added, Optional<Instant> lastSeen,
        List<PeerAddress> publicAddresses) {

    public KnownPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(lastSeen, "lastSeen");
        publicAddresses = List.copyOf(publicAddresses);
    }

    /** Where to dial the peer: where it was last reached, then where it said it can be; each once. */
    public List<PeerAddress> dialAddresses() {
        return Stream.concat(address.stream(), publicAddresses.stream()).distinct().toList();
    }
}
