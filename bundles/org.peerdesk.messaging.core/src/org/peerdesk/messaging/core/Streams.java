package org.peerdesk.messaging.core;

import java.io.IOException;
import java.util.List;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/** The part of the transport that delivery needs: who is connected, and opening a stream to one of them. */
interface Streams {

    boolean connected(PeerId peer);

    List<PeerId> connectedPeers();

    /** Opens a stream, waiting for the peer's answer; a refusal or a timeout is an IOException that says why. */
    Stream open(PeerId peer, ProtocolId protocol) throws IOException;
}
