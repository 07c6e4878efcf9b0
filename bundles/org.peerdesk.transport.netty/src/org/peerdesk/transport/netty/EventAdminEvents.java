package org.peerdesk.transport.netty;

import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.PeerDisconnected;
import org.peerdesk.transport.event.PeerRenamed;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;

/** Posts the transport's events on EventAdmin, asynchronously, with the typed record as data. */
final class EventAdminEvents implements TransportEvents {

    private final EventAdmin events;

    EventAdminEvents(EventAdmin events) {
        this.events = events;
    }

    @Override
    public void connected(ConnectedPeer peer) {
        post(TransportTopics.PEER_CONNECTED, peer.id(), new PeerConnected(peer));
    }

    @Override
    public void disconnected(PeerId peer, String reason) {
        post(TransportTopics.PEER_DISCONNECTED, peer, new PeerDisconnected(peer, reason));
    }

    @Override
    public void renamed(ConnectedPeer peer) {
        post(TransportTopics.PEER_RENAMED, peer.id(), new PeerRenamed(peer.id(), peer.displayName()));
    }

    @Override
    public void twinSeen(TwinSeen seen) {
        post(TransportTopics.TWIN_SEEN, seen.peer(), seen);
    }

    @Override
    public void twinRefused(TwinRefused refused) {
        post(TransportTopics.TWIN_REFUSED, refused.peer(), refused);
    }

    private void post(String topic, PeerId peer, Object data) {
        events.postEvent(new Event(topic, Map.of(Topics.DATA, data, Topics.PEER, peer.toString())));
    }
}
