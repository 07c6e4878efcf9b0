package org.peerdesk.backup.core;

import java.util.List;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerStreams;

/**
 * How the backup area reaches peers: the transport's streams, and, for finding holders again after
 * a recovery, where a peer was last reached, the peers heard on the local network, connecting to a
 * peer at an address and keeping a holder found so as a known peer.
 */
interface Streams extends PeerStreams {

    /** A peer heard announcing itself on the local network that this node does not know, and where it takes connections. */
    record Heard(PeerId peer, List<String> addresses) {

        public Heard {
            addresses = List.copyOf(addresses);
        }
    }

    /** Where the peer was last reached ({@code host:port}), or "" when unknown. */
    String addressOf(PeerId peer);

    /** Where the peer was last reached, then the addresses it said reach it from other networks; none when unknown. */
    List<String> addressesOf(PeerId peer);

    /** Tries to connect to the peer at the address and waits a little for it; true once connected. */
    boolean connect(PeerId peer, String address);

    /** The strangers heard on the local network lately; empty where LAN discovery is off. */
    List<Heard> heardNearby();

    /**
     * Makes a connected peer a known one, by the name it gives and where it was reached, unless it is known already:
     * a holder that a recovery found, which the lost machine knew.
     */
    void keep(PeerId peer);

    /** Closes the connection with a peer that was dialed only to be asked something, unless it is a known peer. */
    void release(PeerId peer);
}
