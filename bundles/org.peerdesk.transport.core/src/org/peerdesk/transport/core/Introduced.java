package org.peerdesk.transport.core;

import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.transport.event.IntroductionsChanged;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.event.TransportTopics;

/** Tells the node that the user chose to know a peer, or that introductions of one changed. */
final class Introduced {

    private Introduced() {
    }

    /** Tells that the user chose to know {@code peer}, and waits until the node has acted on it. */
    static void send(EventAdmin events, PeerId peer, PeerIntroduced.Way way) {
        events.sendEvent(new Event(TransportTopics.PEER_INTRODUCED,
                Map.of(Topics.DATA, new PeerIntroduced(peer, way), Topics.PEER, peer.toString())));
    }

    /** Tells that an introduction of {@code peer} arrived, or was answered. */
    static void introductionsChanged(EventAdmin events, PeerId peer) {
        events.postEvent(new Event(TransportTopics.INTRODUCTIONS_CHANGED,
                Map.of(Topics.DATA, new IntroductionsChanged(peer), Topics.PEER, peer.toString())));
    }
}
