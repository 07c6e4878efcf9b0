package org.peerdesk.transport.core;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Takes introductions from trusted peers: each of a peer this node does not know waits for the user's answer
 * ({@link IntroductionBook}); the introducer hears what became of it.
 */
@Component(service = ProtocolHandler.class,
        property = { ProtocolHandler.PROTOCOL + "=/peerdesk/introduce/1", ProtocolHandler.ACCESS + "=trusted" })
public final class IntroductionHandler implements ProtocolHandler {

    private static final Logger LOG = System.getLogger(IntroductionHandler.class.getName());

    private final PeerDirectory directory;
    private final NodeIdentity identity;
    private final IntroductionBook book;
    private final EventAdmin events;

    @Activate
    public IntroductionHandler(@Reference PeerDirectory directory, @Reference NodeIdentity identity, @Reference Storage storage,
            @Reference EventAdmin events) throws StorageException {
        this.directory = directory;
        this.identity = identity;
        this.book = new IntroductionBook(storage, Clock.systemUTC());
        this.events = events;
    }

    @Override
    public void handle(Stream stream) throws IOException, InvalidInputException, TransportException, StorageException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
        DataOutputStream out = new DataOutputStream(stream.output());
        Optional<IntroductionWire.Described> next;
        while ((next = IntroductionWire.read(in)).isPresent()) {
            IntroductionWire.Described described = next.get();
            boolean known = described.peer().equals(identity.peerId()) || directory.find(described.peer()).isPresent();
            IntroductionBook.Outcome outcome = book.receive(stream.peer(), described.peer(), described.name(), described.addresses(), known);
            if (outcome == IntroductionBook.Outcome.TAKEN) {
                LOG.log(Level.INFO, "{0} introduced {1} ({2})", stream.peer().shortForm(), described.peer().shortForm(), described.name());
                Introduced.introductionsChanged(events, described.peer());
            }
            IntroductionWire.writeOutcome(out, outcome);
        }
        out.close();
    }
}
