package org.peerdesk.backup.core;

import java.io.IOException;
import java.util.List;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/** How the backup area reaches peers: the transport in the node, in-memory pipes in tests. */
interface Streams {

    boolean connected(PeerId peer);

    List<PeerId> connectedPeers();

    /** Opens a stream to a connected peer, or says why not. */
    Stream open(PeerId peer, ProtocolId protocol) throws IOException;

    /** Where the peer was last reached ({@code host:port}), or "" when unknown. */
    String addressOf(PeerId peer);

    /** Tries to connect to the peer at the address and waits a little for it; true once connected. */
    boolean connect(PeerId peer, String address);
}
