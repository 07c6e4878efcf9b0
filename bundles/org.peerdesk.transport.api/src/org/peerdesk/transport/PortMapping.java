package org.peerdesk.transport;

import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Asks the router in front of this node to forward a port to it (UPnP or NAT-PMP), so that peers on other networks can dial it
 * without anyone setting up the router by hand. On until its user turns it off. The address the router forwards
 * from goes into invites after the public addresses the user gave ({@link PublicAddresses}). The setting's methods
 * block on the database.
 */
@ProviderType
public interface PortMapping {

    boolean enabled() throws TransportException;

    /** On: the router is asked at once; off: the forward it made is removed. */
    void setEnabled(boolean enabled) throws TransportException;

    /** Where it stands now. */
    Status status();

    enum State {
        /** Turned off by the user. */
        OFF,
        /** The node listens on no address a router forwards to (loopback or public ones only). */
        NOT_NEEDED,
        /** Searching for a router, or asking it. */
        LOOKING,
        /** No router on the network answered; asked again later. */
        NO_ROUTER,
        /** A router answered but forwards nothing (refused, or made no sense); asked again later. */
        FAILED,
        /** The router forwards {@link Status#address()} to this node. */
        FORWARDED,
        /** The router forwards a port, but its own address is private: another router or the provider's NAT is in front of it. */
        BEHIND_ANOTHER_NAT
    }

    /** {@code address}: where peers elsewhere dial, when the router forwards from one; {@code said}: a sentence for the user. */
    record Status(State state, Optional<PeerAddress> address, String said) {

        public Status {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(said, "said");
        }
    }
}
