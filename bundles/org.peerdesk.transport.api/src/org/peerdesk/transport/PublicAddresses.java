package org.peerdesk.transport;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Addresses that reach this node from outside its own network, which it cannot see itself: a router's
 * port forward to it, or a host name that follows a changing public address. The user gives them; invites
 * name them before the addresses the node listens on, so that a peer elsewhere can connect. Methods block
 * on the database.
 */
@ProviderType
public interface PublicAddresses {

    /** At most this many: an invite holds eight addresses, and the node's own should fit beside them. */
    int MAX = 4;

    /** The addresses, in the order invites give them. */
    List<PeerAddress> addresses() throws TransportException;

    /**
     * Replaces the addresses with {@code addresses} (none: the node is reached only where it listens).
     * Throws, changing nothing, for more than {@link #MAX} or for the same address twice.
     */
    void setAddresses(List<PeerAddress> addresses) throws TransportException;
}
