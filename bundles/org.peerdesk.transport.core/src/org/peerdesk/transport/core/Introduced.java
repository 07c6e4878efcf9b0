package org.peerdesk.transport.core;

import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.event.TransportTopics;

/** Tells the node that the user chose to know a peer. */
final class Introduced {

    private Introduced() {
    }

    static void post(EventAdmin events, PeerId peer, boolean byInvite) {
        events.postEvent(new Event(TransportTopics.PEER_INTRODUCED,
                Map.of(Topics.DATA, new PeerIntroduced(peer, byInvite), Topics.PEER, peer.toString())));
    }
}
