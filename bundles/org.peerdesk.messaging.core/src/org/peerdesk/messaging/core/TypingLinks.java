package org.peerdesk.messaging.core;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.transport.PeerStreams;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;

/**
 * Carries this node's typing notices: one stream per connected peer, opened with the first notice
 * and again after it breaks. A peer that refuses the stream (it has not let this node message it, or
 * its version knows no typing) is not asked again until it connects anew.
 */
final class TypingLinks implements Typing.Notices, AutoCloseable {

    private static final Logger LOG = System.getLogger(TypingLinks.class.getName());
    private static final ProtocolId TYPING = ProtocolId.of(TypingWire.PROTOCOL);

    private final PeerStreams streams;
    private final Map<PeerId, Stream> open = new ConcurrentHashMap<>();
    private final Map<PeerId, Object> locks = new ConcurrentHashMap<>();
    private final Set<PeerId> refused = ConcurrentHashMap.newKeySet();

    TypingLinks(PeerStreams streams) {
        this.streams = streams;
    }

    @Override
    public void tell(PeerId peer, ConversationId conversation) {
        if (refused.contains(peer) || !streams.connected(peer)) {
            return;
        }
        synchronized (locks.computeIfAbsent(peer, key -> new Object())) {
            try {
                Stream stream = open.get(peer);
                if (stream == null) {
                    stream = streams.open(peer, TYPING);
                    open.put(peer, stream);
                }
                TypingWire.write(stream.output(), conversation);
            } catch (IOException e) {
                drop(peer);
                if (refusal(e)) {
                    refused.add(peer);
                }
                LOG.log(Level.DEBUG, "No typing notice to {0}: {1}", peer.shortForm(), e.getMessage());
            }
        }
    }

    /** The peer connected or went: its stream, if any, is gone, and it is asked again. */
    void reset(PeerId peer) {
        refused.remove(peer);
        drop(peer);
    }

    private void drop(PeerId peer) {
        Stream stream = open.remove(peer);
        if (stream != null) {
            stream.reset();
        }
    }

    private static boolean refusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamRefusedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        open.keySet().forEach(this::drop);
    }
}
