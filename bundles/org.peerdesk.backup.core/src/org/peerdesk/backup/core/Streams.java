package org.peerdesk.backup.core;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerStreams;

/**
 * How the backup area reaches peers: the transport's streams, and, for finding holders again after
 * a recovery, where a peer was last reached and connecting to it there.
 */
interface Streams extends PeerStreams {

    /** Where the peer was last reached ({@code host:port}), or "" when unknown. */
    String addressOf(PeerId peer);

    /** Tries to connect to the peer at the address and waits a little for it; true once connected. */
    boolean connect(PeerId peer, String address);
}
