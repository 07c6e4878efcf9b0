package org.peerdesk.transport.core;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * Takes the introductions this node's user made to the peers they go to, when those are connected: each peer
 * introduced as this node knows it then (its name, where it is reached). What does not reach its peer waits
 * for the next connection; a peer that refuses introductions, or an introduced peer forgotten since, ends it.
 */
final class IntroductionCourier {

    private static final Logger LOG = System.getLogger(IntroductionCourier.class.getName());
    private static final Duration OPENING = Duration.ofSeconds(30);

    private final TransportService transport;
    private final PeerDirectory directory;
    private final IntroductionBook book;

    IntroductionCourier(TransportService transport, PeerDirectory directory, IntroductionBook book) {
        this.transport = transport;
        this.directory = directory;
        this.book = book;
    }

    /** Sends {@code recipient} what it is to hear of, if it is connected; blocks, so call it on a thread of its own. */
    void deliver(PeerId recipient) throws StorageException, TransportException, InterruptedException {
        List<PeerId> waiting = book.toSend(recipient);
        if (waiting.isEmpty() || transport.connection(recipient).isEmpty()) {
            return;
        }
        Stream stream;
        try {
            stream = transport.awaitStream(recipient, IntroductionWire.ID, OPENING);
        } catch (StreamRefusedException e) {
            LOG.log(Level.INFO, "{0} takes no introductions from this node ({1}); {2} dropped", recipient.shortForm(), e.getMessage(),
                    waiting.size());
            for (PeerId peer : waiting) {
                book.sent(recipient, peer);
            }
            return;
        }
        try (stream) {
            DataOutputStream out = new DataOutputStream(stream.output());
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
            for (PeerId peer : waiting) {
                Optional<IntroductionWire.Described> described = describe(peer);
                if (described.isPresent()) {
                    IntroductionWire.write(out, described.get());
                    IntroductionBook.Outcome outcome = IntroductionWire.readOutcome(in);
                    LOG.log(Level.INFO, "Introduced {0} to {1}: {2}", peer.shortForm(), recipient.shortForm(), outcome);
                }
                book.sent(recipient, peer);
            }
            out.close();
        } catch (IOException | InvalidInputException e) {
            LOG.log(Level.INFO, "Introductions to {0} wait for the next connection: {1}", recipient.shortForm(), e.getMessage());
        }
    }

    /** The peer as this node knows it now (where it reaches the peer, then the peer's public addresses); empty when it no longer does. */
    private Optional<IntroductionWire.Described> describe(PeerId peer) throws TransportException {
        Optional<KnownPeer> known = directory.find(peer);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Optional<PeerAddress> address = transport.connection(peer).filter(connection -> !connection.relayed()).map(ConnectedPeer::address).or(() -> known.get().address());
        List<PeerAddress> addresses = java.util.stream.Stream.concat(address.stream(), known.get().publicAddresses().stream()).distinct()
                .limit(AddressCodec.MAX_ADDRESSES).toList();
        return Optional.of(new IntroductionWire.Described(peer, known.get().name(), addresses));
    }
}
