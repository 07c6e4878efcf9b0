package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Tells the peers this node knows where it can be reached from other networks, and hears the same from them
 * ({@link PublicAddressWire}): a peer last reached on a network one of the two has left, or only through a relay,
 * is dialed at the public addresses it gave as well ({@link org.peerdesk.transport.KnownPeer#dialAddresses()}).
 * The side that dialed starts the exchange when a connection comes up; the side that chose to know a connected peer
 * last (an invite's guest) starts one then; and every connected peer hears at once when this node's own addresses
 * change (the user's list, the router's forward). What a peer says replaces what it said before. Each also says where
 * it reaches the other, so that a node learns where peers elsewhere see it ({@link SeenAddresses}), and asks them to dial it
back there ({@link DialBacks}): an address where that gets through is told as a public one. The protocol is open to
 * anyone so that a peer that does not know this node yet is not refused (and audited) for asking: it hears nothing.
 */
@Component(service = {ProtocolHandler.class, EventHandler.class, SeenAddresses.class}, property = {
        ProtocolHandler.PROTOCOL + "=" + PublicAddressWire.PROTOCOL, ProtocolHandler.ACCESS + "=anyone",
        EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED,
        EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_INTRODUCED,
        EventConstants.EVENT_TOPIC + "=" + TransportTopics.PUBLIC_ADDRESSES_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + TransportTopics.PORT_MAPPING_CHANGED})
public final class PublicAddressExchange implements ProtocolHandler, EventHandler, SeenAddresses {

    private static final Logger LOG = System.getLogger(PublicAddressExchange.class.getName());
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final TransportService transport;
    private final PeerDirectory directory;
    private final PublicAddresses publicAddresses;
    private final ExecutorService exchanges = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-public-addresses"));
    private final ExecutorService dialBackThread = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-dial-backs"));
    private final DialBacks dialBacks;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortMapping portMapping;
    /** What this node told each peer last, so that a change reaches those told otherwise. */
    private final Map<PeerId, List<PeerAddress>> told = new ConcurrentHashMap<>();
    /** Where each peer said it reaches this node. */
    private final Map<PeerId, PeerAddress> seenBy = new ConcurrentHashMap<>();

    @Activate
    public PublicAddressExchange(@Reference TransportService transport, @Reference PeerDirectory directory,
            @Reference PublicAddresses publicAddresses) {
        this.transport = transport;
        this.directory = directory;
        this.publicAddresses = publicAddresses;
        this.dialBacks = new DialBacks(transport, Clock.systemUTC(), dialBackThread, () -> later(this::tellThoseToldOtherwise));
    }

    @Deactivate
    void stop() {
        exchanges.shutdownNow();
        dialBackThread.shutdownNow();
    }

    @Override
    public void handle(Stream stream) throws IOException, InvalidInputException, TransportException {
        if (directory.find(stream.peer()).isEmpty()) {
            stream.close(); // a stranger learns nothing of where this node is
            return;
        }
        heard(stream.peer(), PublicAddressWire.read(new DataInputStream(stream.input())));
        List<PeerAddress> mine = ours();
        PublicAddressWire.write(new DataOutputStream(stream.output()), said(stream.peer(), mine));
        stream.output().close();
        told.put(stream.peer(), mine);
    }

    @Override
    public void handleEvent(Event event) {
        Object data = event.getProperty(Topics.DATA);
        if (data instanceof PeerConnected connected) {
            if (!connected.peer().inbound()) {
                later(() -> exchangeWith(connected.peer().id()));
            }
        } else if (data instanceof PeerIntroduced introduced) {
            if (introduced.way() != PeerIntroduced.Way.OUR_INVITE) { // our guest does not know us yet: it starts one
                later(() -> exchangeWith(introduced.peer()));
            }
        } else {
            later(this::tellThoseToldOtherwise);
        }
    }

    private void tellThoseToldOtherwise() throws TransportException {
        List<PeerAddress> mine = ours();
        for (ConnectedPeer peer : transport.connectedPeers()) {
            if (!mine.equals(told.get(peer.id()))) {
                exchangeWith(peer.id());
            }
        }
    }

    private void exchangeWith(PeerId peer) throws TransportException {
        if (transport.connection(peer).isEmpty() || directory.find(peer).isEmpty()) {
            return;
        }
        List<PeerAddress> mine = ours();
        try (Stream stream = transport.awaitStream(peer, PublicAddressWire.ID, ANSWER_WITHIN)) {
            PublicAddressWire.write(new DataOutputStream(stream.output()), said(peer, mine));
            heard(peer, PublicAddressWire.read(new DataInputStream(stream.input())));
            told.put(peer, mine);
        } catch (IOException | InvalidInputException | TransportException e) {
            LOG.log(Level.DEBUG, "Could not exchange public addresses with {0}: {1}", peer.shortForm(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This node's piece for {@code peer}: its public addresses, and where it reaches the peer if directly. */
    private PublicAddressWire.Said said(PeerId peer, List<PeerAddress> mine) {
        return new PublicAddressWire.Said(mine, transport.directConnection(peer).map(ConnectedPeer::address));
    }

    private void heard(PeerId peer, PublicAddressWire.Said theirs) throws TransportException {
        directory.setPublicAddresses(peer, theirs.addresses());
        theirs.reachesYouAt().ifPresentOrElse(at -> {
            seenBy.put(peer, at);
            dialBacks.heard(peer, at);
        }, () -> seenBy.remove(peer));
    }

    @Override
    public List<Seen> seen() {
        return seenBy.entrySet().stream().filter(entry -> transport.directConnection(entry.getKey()).isPresent())
                .map(entry -> new Seen(entry.getKey(), directory.nameOf(entry.getKey()), entry.getValue(), dialBacks.checkOf(entry.getValue())))
                .sorted(Comparator.comparing(Seen::name)).toList();
    }

    private List<PeerAddress> ours() throws TransportException {
        return OwnAddresses.fromOtherNetworks(publicAddresses, Optional.ofNullable(portMapping), Optional.of(this));
    }

    private void later(Background.Task exchange) {
        Background.run(exchanges, exchange, reason -> LOG.log(Level.WARNING, "Cannot tell peers this node's public addresses: {0}", reason));
    }
}
