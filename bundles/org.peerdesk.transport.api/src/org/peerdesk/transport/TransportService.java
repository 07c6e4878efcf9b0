package org.peerdesk.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Secure connections to other peers (TLS 1.3, both sides authenticated by their peer IDs) and the
 * streams over them. One connection per pair of peers; either side opens streams on it.
 *
 * <p>Every method but {@link #awaitStream} returns at once; the stages complete on a transport thread,
 * so do not block in their callbacks.
 */
@ProviderType
public interface TransportService {

    /** The addresses this node accepts connections on. */
    List<PeerAddress> listenAddresses();

    /**
     * Connects to the peer at {@code address}, which must prove to be {@code expected}. Completes
     * when the connection is ready for streams (at once if it already is); completes exceptionally
     * with a {@link TransportException} saying why not: unreachable, another peer answered, refused.
     */
    default CompletionStage<ConnectedPeer> connect(PeerId expected, PeerAddress address) {
        return connect(expected, List.of(address));
    }

    /**
     * Connects to the peer at the first of {@code addresses} that answers, as {@link #connect(PeerId, PeerAddress)}
     * does at one. They are dialed in their order, each a quarter of a second after the one before (at once when
     * that one failed sooner), so the best goes first and one that does not answer holds up the rest only briefly.
     */
    CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses);

    /**
     * Connects to {@code expected} through {@code relay}, a peer this node is connected to that is connected to it
     * directly: for peers that cannot reach each other (different networks, no port forwarded). The connection is
     * TLS between the two ends, which the relay carries without being able to read or alter it; a direct
     * connection, when one comes, takes its place. Fails with the reason when the relay or the peer says no.
     */
    default CompletionStage<ConnectedPeer> connectVia(PeerId relay, PeerId expected) {
        return CompletableFuture.failedFuture(new TransportException("This transport does not relay."));
    }

    /**
     * Dials {@code expected} at {@code addresses} from the port this node listens on, while the peer dials this node
     * from its own (agreed over a connection they have, through a relay): two routers that let in only answers to what
     * went out then each let in the other's dial, and the two dials become one direct connection (hole punching).
     * The side that {@code leads} acts in it as the dialer, the other as the side dialed, so that both agree which
     * is which. Completes as {@link #connect(PeerId, List)} does; fails where the transport cannot dial so.
     */
    default CompletionStage<ConnectedPeer> punch(PeerId expected, List<PeerAddress> addresses, boolean leads) {
        return CompletableFuture.failedFuture(new TransportException("This transport does not dial from its listening port."));
    }

    /**
     * Dials {@code expected} at {@code address} only to see it answer there and prove its ID, then hangs up: whether a
     * peer can be reached at an address, such as where another peer sees it, without touching the connection this node
     * may have with it. Completes once proven; fails with a {@link TransportException} saying why not.
     */
    default CompletionStage<Void> probe(PeerId expected, PeerAddress address) {
        return CompletableFuture.failedFuture(new TransportException("This transport does not probe addresses."));
    }

    /**
     * Opens a stream to a connected peer. Completes when the peer's handler has it; completes
     * exceptionally with {@link StreamRefusedException} when the peer refuses (unknown protocol,
     * not authorized, too many streams), or a {@link TransportException} when not connected.
     */
    CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol);

    /**
     * Opens a stream as {@link #openStream} does and waits for it: for code that runs on a thread of
     * its own, never on a network thread or the UI thread.
     *
     * @throws TransportException saying why not: refused (a {@link StreamRefusedException}), not
     *         connected, or no answer within {@code timeout}
     */
    default Stream awaitStream(PeerId peer, ProtocolId protocol, Duration timeout) throws TransportException, InterruptedException {
        try {
            return openStream(peer, protocol).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransportException refused) {
                throw refused;
            }
            throw new TransportException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TransportException(peer.shortForm() + " did not open a " + protocol + " stream within "
                    + timeout.toSeconds() + " s.", e);
        }
    }

    List<ConnectedPeer> connectedPeers();

    Optional<ConnectedPeer> connection(PeerId peer);

    /** The connection with {@code peer} if it is a direct one; empty when there is none or it comes through a relay. */
    default Optional<ConnectedPeer> directConnection(PeerId peer) {
        return connection(peer).filter(connection -> !connection.relayed());
    }

    /** Closes the connection with {@code peer}, if any, and all its streams. */
    void disconnect(PeerId peer);

    /**
     * Whether a peer said that this node's identity runs on a newer machine now, one that took this one's place from a
     * backup ({@code org.peerdesk.identity.MachineSuccession}): from then on this machine connects as the node to no peer,
     * and should not announce itself as it either.
     */
    default boolean superseded() {
        return false;
    }

    /** Why the last dial of {@code peer} failed, unless it connected since (or no dial of it failed while the node runs). */
    default Optional<DialProblem> dialProblem(PeerId peer) {
        return Optional.empty();
    }

    /**
     * Whether a peer refused this machine as the node when they last met, and has not taken it since: another machine runs as
     * this node and the peer keeps that one (a copied data directory), or took this one's place. Such a machine should not
     * announce itself as the node, nor invite anyone to it.
     */
    default boolean refusedByAPeer() {
        return false;
    }
}
