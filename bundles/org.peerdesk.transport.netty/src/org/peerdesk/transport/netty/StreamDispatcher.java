package org.peerdesk.transport.netty;

import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RefusalCode;
import org.peerdesk.transport.spi.ProtocolHandler;
import org.peerdesk.transport.spi.StreamAuthorizer;
import org.peerdesk.transport.spi.StreamAuthorizer.Authorization;

/**
 * Decides on each stream a peer opens, off the network thread: first whether a handler serves its
 * protocol, then the authorizer (with none, the stream is refused); only then is the stream
 * accepted and handed to the handler, which runs on the same pooled thread. The stream holds the
 * authorizer's lease while open, so withdrawn access resets it.
 */
final class StreamDispatcher {

    private static final Logger LOG = System.getLogger(StreamDispatcher.class.getName());

    private final Executor handlerThreads;
    private final Supplier<Optional<StreamAuthorizer>> authorizer;
    private final Function<ProtocolId, Optional<ProtocolHandler>> handlers;

    /** Makes the dispatcher once the transport has its thread pool. */
    @FunctionalInterface
    interface Factory {
        StreamDispatcher create(Executor handlerThreads);
    }

    StreamDispatcher(Executor handlerThreads, Supplier<Optional<StreamAuthorizer>> authorizer,
            Function<ProtocolId, Optional<ProtocolHandler>> handlers) {
        this.handlerThreads = handlerThreads;
        this.authorizer = authorizer;
        this.handlers = handlers;
    }

    void dispatch(PeerConnection connection, int id, ProtocolId protocol) {
        try {
            handlerThreads.execute(() -> serve(connection, id, protocol));
        } catch (RejectedExecutionException e) {
            connection.refuse(id, RefusalCode.SHUTTING_DOWN, "not taking new streams");
        }
    }

    private void serve(PeerConnection connection, int id, ProtocolId protocol) {
        String peer = connection.peerId().shortForm();
        Optional<ProtocolHandler> handler = handlers.apply(protocol);
        if (handler.isEmpty()) {
            LOG.log(Level.INFO, "Refused a {0} stream from {1}: no handler for that protocol", protocol, peer);
            connection.refuse(id, RefusalCode.UNKNOWN_PROTOCOL, "no handler for " + protocol);
            return;
        }
        Authorization decision = authorize(connection, protocol);
        if (!decision.allowed()) {
            LOG.log(Level.INFO, "Refused a {0} stream from {1}: {2}", protocol, peer, decision.reason());
            connection.refuse(id, RefusalCode.NOT_AUTHORIZED, decision.reason());
            return;
        }
        MultiplexedStream stream = connection.accept(id, protocol);
        try {
            decision.lease().attach(() -> {
                LOG.log(Level.INFO, "Closing a {0} stream from {1}: its access was withdrawn", protocol, peer);
                stream.reset();
            });
            handler.get().handle(stream);
        } catch (Exception | LinkageError e) {
            if (StreamClosedException.endedTheStream(e)) {
                LOG.log(Level.INFO, "A {0} stream from {1} ended under its handler: {2}", protocol, peer, e.getMessage());
            } else if (e instanceof InterruptedException || e instanceof InterruptedIOException) {
                // handler threads are interrupted only by a stopping transport, once its grace period is over
                LOG.log(Level.INFO, "Stopped the {0} handler of a stream from {1}: the node is stopping", protocol, peer);
            } else {
                LOG.log(Level.WARNING, "The {0} handler failed on a stream from {1}: {2}", protocol, peer, e.toString());
            }
            stream.reset();
        } finally {
            decision.lease().release();
            stream.close();
        }
    }

    /** Whether a peer whose identity was just proven may connect; answered from memory on a network thread. */
    Authorization admit(PeerId peer) {
        Optional<StreamAuthorizer> current = authorizer.get();
        if (current.isEmpty()) {
            return Authorization.allow("no authorizer yet; streams are refused until one comes");
        }
        try {
            return current.get().admit(peer);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The authorizer failed, so the connection is refused: {0}", e.toString());
            return Authorization.deny("access could not be checked");
        }
    }

    private Authorization authorize(PeerConnection connection, ProtocolId protocol) {
        Optional<StreamAuthorizer> current = authorizer.get();
        if (current.isEmpty()) {
            return Authorization.deny("no one has granted access");
        }
        try {
            return current.get().authorize(connection.peerId(), protocol);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The authorizer failed, so the stream is refused: {0}", e.toString());
            return Authorization.deny("access could not be checked");
        }
    }
}
