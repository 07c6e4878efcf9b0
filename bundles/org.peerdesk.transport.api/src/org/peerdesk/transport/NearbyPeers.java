package org.peerdesk.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Peers heard announcing themselves on the local networks that this node does not know yet: the ones a user
 * may want to add without typing an address. Being heard grants nothing; adding one is connecting to it.
 */
@ProviderType
public interface NearbyPeers {

    /** A peer heard nearby: the name it gives itself (unverified), where it takes connections, when it was last heard. */
    record Nearby(PeerId id, String name, List<PeerAddress> addresses, Instant lastHeard) {

        public Nearby {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(lastHeard, "lastHeard");
        }
    }

    /** The strangers heard lately, the most recently heard first; empty when LAN discovery is off. */
    List<Nearby> nearby();

    /** Whether this node listens for announcements at all: LAN discovery can be switched off. */
    boolean listening();
}
