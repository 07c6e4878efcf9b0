package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Threads;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.Invite;
import org.peerdesk.transport.KnownPeer;
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
import org.peerdesk.transport.spi.StreamAuthorizer;

/**
 * Invites, hand-typed peers and introductions. Accepting an invite connects to the inviter the code names (TLS
 * proves who answered), presents the secret ({@link InviteHandler} is the other side) and, when
 * the inviter accepts, remembers it; the inviter remembers this node in turn. An introduction goes to each
 * peer introduced when it is connected ({@link IntroductionCourier}); one that arrived ({@link IntroductionHandler})
 * waits for the user, and accepting it adds the peer as typing its ID and address would.
 */
@Component(service = {Introductions.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED)
public final class IntroductionService implements Introductions, EventHandler {

    private static final Logger LOG = System.getLogger(IntroductionService.class.getName());
    private final TransportService transport;
    private final PublicAddresses publicAddresses;
    private final PeerDirectory directory;
    private final EventAdmin events;
    private final NodeIdentity identity;
    private final InviteLedger ledger;
    private final IntroductionBook book;
    private final IntroductionCourier courier;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService exchanges = Executors.newCachedThreadPool(Threads.daemon("peerdesk-introductions"));
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile StreamAuthorizer authorizer;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortMapping portMapping;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SeenAddresses seenAddresses;

    @Activate
    public IntroductionService(@Reference TransportService transport, @Reference PeerDirectory directory,
            @Reference NodeIdentity identity, @Reference Storage storage, @Reference EventAdmin events,
            @Reference PublicAddresses publicAddresses) throws StorageException {
        this.transport = transport;
        this.publicAddresses = publicAddresses;
        this.events = events;
        this.directory = directory;
        this.identity = identity;
        this.clock = Clock.systemUTC();
        this.ledger = new InviteLedger(storage, clock);
        this.book = new IntroductionBook(storage, clock);
        this.courier = new IntroductionCourier(transport, directory, book);
    }

    @Deactivate
    void stop() {
        exchanges.shutdownNow();
    }

    @Override
    public Invite invite() throws TransportException {
        if (transport.superseded()) {
            throw new TransportException("No invite from this machine: it speaks for " + identity.displayName() + " no more, as"
                    + " another machine took its place from a backup; invite from that one.");
        }
        if (transport.refusedByAPeer()) {
            throw new TransportException("No invite from this machine: peers refuse it as " + identity.displayName() + ", as another"
                    + " machine runs as " + identity.displayName() + " right now; start this machine over as a node of its own"
                    + " (peerdesk start-over), or invite from the other one.");
        }
        byte[] secret = new byte[InviteCodes.SECRET_LENGTH];
        random.nextBytes(secret);
        try {
            List<PeerAddress> addresses = inviteAddresses();
            return new Invite(InviteCodes.encode(identity.peerId(), secret, addresses), ledger.record(secret), addresses);
        } catch (StorageException e) {
            throw new TransportException("Cannot make an invite: " + e.getMessage(), e);
        }
    }

    /**
     * The public addresses the user gave, the one the router forwards, those where peers see the node that take connections,
     * then those it listens on; each once, as many as a code holds.
     */
    private List<PeerAddress> inviteAddresses() throws TransportException {
        List<PeerAddress> addresses = new ArrayList<>(OwnAddresses.fromOtherNetworks(publicAddresses, Optional.ofNullable(portMapping),
                Optional.ofNullable(seenAddresses)));
        addresses.addAll(reachableFirst(transport.listenAddresses()));
        return addresses.stream().distinct().limit(AddressCodec.MAX_ADDRESSES).toList();
    }

    /** Addresses other machines can use come first; loopback last (it serves nodes on this machine). */
    private static List<PeerAddress> reachableFirst(List<PeerAddress> addresses) {
        return addresses.stream().sorted(Comparator.comparing(OwnAddresses::onThisMachineOnly)
                .thenComparing(a -> a.host().contains(":"))).toList();
    }

    @Override
    public CompletionStage<KnownPeer> accept(String inviteCode) {
        InviteCodes.Decoded invite;
        try {
            invite = InviteCodes.decode(inviteCode);
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(new TransportException(e.getMessage(), e));
        }
        if (invite.inviter().equals(identity.peerId())) {
            return CompletableFuture.failedFuture(new TransportException("This is this node's own invite: give it to someone else."));
        }
        return transport.connect(invite.inviter(), invite.addresses())
                .thenCompose(connected -> transport.openStream(invite.inviter(), InviteProtocol.ID)
                        .thenApplyAsync(stream -> presentInvite(stream, invite.secret(), connected), exchanges));
    }

    private KnownPeer presentInvite(Stream stream, byte[] secret, ConnectedPeer inviter) {
        try (stream) {
            DataOutputStream out = new DataOutputStream(stream.output());
            out.write(secret);
            WireNames.write(out, identity.displayName());
            out.close();
            DataInputStream in = new DataInputStream(stream.input());
            InviteProtocol.Reply reply = InviteProtocol.Reply.read(in);
            if (reply != InviteProtocol.Reply.ACCEPTED) {
                throw new CompletionException(new TransportException(reply.message));
            }
            String name = WireNames.read(in);
            KnownPeer known = directory.remember(inviter.id(), name, Optional.of(inviter.address()));
            directory.seen(inviter.id(), inviter.address(), clock.instant());
            Introduced.send(events, inviter.id(), PeerIntroduced.Way.THEIR_INVITE);
            LOG.log(Level.INFO, "Accepted an invite from {0} ({1})", inviter.id().shortForm(), name);
            return known;
        } catch (IOException | TransportException e) {
            throw new CompletionException(new TransportException("The invite exchange failed: " + rootMessage(e), e));
        }
    }

    @Override
    public CompletionStage<KnownPeer> add(PeerId id, PeerAddress address) {
        return transport.connect(id, address).thenApplyAsync(connected -> {
            try {
                KnownPeer known = directory.remember(id, connected.displayName(), Optional.of(address));
                directory.seen(id, address, clock.instant());
                Introduced.send(events, id, PeerIntroduced.Way.BY_ADDRESS);
                return known;
            } catch (TransportException e) {
                throw new CompletionException(e);
            }
        }, exchanges);
    }

    @Override
    public void introduce(Collection<PeerId> peers) throws TransportException {
        List<PeerId> distinct = peers.stream().distinct().toList();
        if (distinct.size() < 2) {
            throw new TransportException("Introduce at least two peers to each other.");
        }
        for (PeerId peer : distinct) {
            if (peer.equals(identity.peerId())) {
                throw new TransportException("This node is not introduced: introduce peers it knows to each other.");
            }
            if (directory.find(peer).isEmpty()) {
                throw new TransportException(peer.shortForm() + " is not a peer this node knows, so it cannot introduce it.");
            }
        }
        try {
            for (PeerId recipient : distinct) {
                for (PeerId peer : distinct) {
                    if (!peer.equals(recipient)) {
                        book.queue(recipient, peer);
                    }
                }
            }
        } catch (StorageException e) {
            throw new TransportException("Cannot note the introductions: " + e.getMessage(), e);
        }
        distinct.forEach(this::deliverLater);
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof PeerConnected connected) {
            deliverLater(connected.peer().id());
        }
    }

    private void deliverLater(PeerId recipient) {
        Background.run(exchanges, () -> courier.deliver(recipient),
                reason -> LOG.log(Level.WARNING, "Cannot introduce peers to {0}: {1}", recipient.shortForm(), reason));
    }

    @Override
    public List<Introduction> introductions() throws TransportException {
        try {
            Set<PeerId> known = directory.peers().stream().map(KnownPeer::id).collect(Collectors.toSet());
            return book.waiting().stream().filter(introduction -> !known.contains(introduction.peer()))
                    .filter(introduction -> known.contains(introduction.introducer()) && stillTrusted(introduction.introducer()))
                    .toList();
        } catch (StorageException e) {
            throw new TransportException("Cannot read the introductions: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the word of {@code introducer} still counts: an introducer the user has since forgotten or blocked
     * is not one whose introductions are shown (they come back if the user trusts it again).
     */
    private boolean stillTrusted(PeerId introducer) {
        StreamAuthorizer current = authorizer;
        return current == null || current.admit(introducer).allowed();
    }

    @Override
    public KnownPeer acceptIntroduction(long id) throws TransportException {
        if (introductions().stream().noneMatch(waiting -> waiting.id() == id)) {
            throw notWaiting(id);
        }
        Introduction introduction;
        try {
            introduction = book.take(id).orElseThrow(() -> notWaiting(id));
        } catch (StorageException e) {
            throw new TransportException("Cannot read the introduction: " + e.getMessage(), e);
        }
        String name = introduction.name().isBlank() ? introduction.peer().shortForm() : introduction.name();
        List<PeerAddress> addresses = introduction.addresses();
        KnownPeer known = directory.remember(introduction.peer(), name, addresses.stream().findFirst());
        if (addresses.size() > 1) { // where the introducer reaches the peer, then the public addresses the peer gave it
            directory.setPublicAddresses(introduction.peer(), addresses.subList(1, addresses.size()));
        }
        Introduced.send(events, introduction.peer(), PeerIntroduced.Way.INTRODUCTION);
        Introduced.introductionsChanged(events, introduction.peer());
        LOG.log(Level.INFO, "Accepted {0}''s introduction of {1} ({2})", introduction.introducer().shortForm(),
                introduction.peer().shortForm(), name);
        return known; // newly known, it is dialed (PeerWatcher), and redialed until it answers
    }

    @Override
    public void declineIntroduction(long id) throws TransportException {
        try {
            Introduction declined = book.decline(id).orElseThrow(() -> notWaiting(id));
            Introduced.introductionsChanged(events, declined.peer());
        } catch (StorageException e) {
            throw new TransportException("Cannot read the introduction: " + e.getMessage(), e);
        }
    }

    private static TransportException notWaiting(long id) {
        return new TransportException("No introduction " + id + " waits for an answer ('peerdesk introductions' lists those that do).");
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while ((root instanceof CompletionException || root.getMessage() == null) && root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof EOFException ? "the other side hung up" : root.getMessage();
    }
}
