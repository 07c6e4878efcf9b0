package org.peerdesk.transport;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * The peers this node knows, kept in its database. A peer becomes known when the user adds it (by
 * address or invite); strangers are not in it. Methods block on the database.
 */
@ProviderType
public interface PeerDirectory {

    List<KnownPeer> peers() throws TransportException;

    Optional<KnownPeer> find(PeerId id) throws TransportException;

    /** The name this node knows the peer by; the short form of its ID if unknown, or if the directory cannot be read. */
    default String nameOf(PeerId id) {
        try {
            return find(id).map(KnownPeer::name).orElse(id.shortForm());
        } catch (TransportException e) {
            return id.shortForm();
        }
    }

    /**
     * The name this node knows the peer by; empty for a peer it does not know. Where the directory cannot be read, the
     * short form of its ID, so that a known peer is not taken for a stranger.
     */
    default Optional<String> knownName(PeerId id) {
        try {
            return find(id).map(KnownPeer::name);
        } catch (TransportException e) {
            return Optional.of(id.shortForm());
        }
    }

    /** Adds the peer, or updates the name and address of a known one. */
    KnownPeer remember(PeerId id, String name, Optional<PeerAddress> address) throws TransportException;

    /** Records that the peer was reached at {@code address} at {@code when}. */
    void seen(PeerId id, PeerAddress address, Instant when) throws TransportException;

    /**
     * Records the addresses a known peer said reach it from other networks, in its order; none when it gave none
     * (or no longer does). Changes nothing for a peer not known.
     */
    void setPublicAddresses(PeerId id, List<PeerAddress> addresses) throws TransportException;

    /** Forgets the peer; returns false if it was not known. */
    boolean forget(PeerId id) throws TransportException;
}
