package org.peerdesk.transport;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Where the peers connected directly to this node say they reach it: the address each would dial it back at. From a
 * peer on another network that is the router's public address with the port the node listens on, which is what to
 * forward to this node by hand (and then give as a public address) where the router forwards nothing by itself.
 */
@ProviderType
public interface SeenAddresses {

    /** The peer {@code by}, known as {@code name}, reaches this node at {@code at}. */
    record Seen(PeerId by, String name, PeerAddress at) {

        public Seen {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What each peer connected directly said when they last exchanged addresses, by name. */
    List<Seen> seen();
}
