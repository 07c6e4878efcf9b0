package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.Approval;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.AccessChanged;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.permissions.event.RequestChanged;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.event.TransportTopics;

/**
 * Access requests, password unlocks and what peers grant each other, between nodes: the {@link AccessRequests}
 * service, and the state the protocol handlers ({@link AccessHandler}, {@link UnlockHandler}, {@link GivenHandler})
 * serve from. When a peer connects, whatever it is owed (a request, a decision) is sent to it, and it is told what
 * this node grants it, as it is again whenever that changes.
 */
@Component(service = {AccessRequests.class, AccessRequestService.class, EventHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED,
                EventConstants.EVENT_TOPIC + "=" + PermissionTopics.ACCESS_CHANGED,
                EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_INTRODUCED})
public final class AccessRequestService implements AccessRequests, EventHandler {

    private static final Logger LOG = System.getLogger(AccessRequestService.class.getName());
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(20);

    private final Permissions permissions;
    private final TransportService transport;
    private final AccessBook book;
    private final Unlocking unlocking;
    private final GivenBook given;
    /** Peers to be told what they are granted, once however many grants changed before the telling. */
    private final Set<PeerId> untold = ConcurrentHashMap.newKeySet();
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-access-delivery"));

    @Activate
    public AccessRequestService(@Reference PermissionsComponent permissions, @Reference TransportService transport,
            @Reference PeerDirectory directory, @Reference EventAdmin events) {
        this.permissions = permissions.rules();
        this.transport = transport;
        this.unlocking = new Unlocking(this.permissions, Clock.systemUTC());
        this.given = new GivenBook(this.permissions, Clock.systemUTC(), change -> events.postEvent(new Event(
                PermissionTopics.GIVEN_CHANGED, Map.of(Topics.DATA, change, Topics.PEER, change.owner().toString()))));
        this.book = new AccessBook(this.permissions, Clock.systemUTC(), new AccessBook.Messenger() {
            @Override
            public Optional<String> send(PeerId peer, AccessMessages.Message message) throws PermissionException {
                return exchange(peer, AccessMessages.PROTOCOL, stream -> {
                    AccessMessages.write(new DataOutputStream(stream.output()), message);
                    return AccessMessages.readReply(new DataInputStream(stream.input()));
                });
            }

            @Override
            public boolean online(PeerId peer) {
                return transport.connection(peer).isPresent();
            }

            @Override
            public Optional<String> selfName(PeerId peer) {
                return connectedName(peer);
            }
        }, new AccessBook.Listener() {
            @Override
            public void requestChanged(AccessRequest request) {
                events.postEvent(new Event(PermissionTopics.REQUEST_CHANGED,
                        Map.of(Topics.DATA, new RequestChanged(request), Topics.PEER, request.peer().toString())));
                if (request.awaitsDecision()) {
                    answerCoveredLater(request.peer());
                }
            }

            @Override
            public void approvedStranger(PeerId peer, Optional<String> askerName) {
                try {
                    String name = connectedName(peer).or(() -> askerName).orElse(peer.shortForm());
                    directory.remember(peer, name, Optional.empty());
                } catch (TransportException e) {
                    LOG.log(Level.WARNING, "Could not remember {0}: {1}", peer.shortForm(), e.getMessage());
                }
            }
        });
    }

    /** The name a connected peer gave for itself, if it gave one. */
    private Optional<String> connectedName(PeerId peer) {
        return transport.connection(peer).map(ConnectedPeer::displayName).filter(name -> !name.isBlank());
    }

    @Deactivate
    void stop() {
        deliveries.shutdownNow();
    }

    AccessBook book() {
        return book;
    }

    Unlocking unlocking() {
        return unlocking;
    }

    GivenBook givenBook() {
        return given;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof PeerConnected connected) {
            later(() -> book.flush(connected.peer().id()));
            answerCoveredLater(connected.peer().id()); // a request an earlier version left waiting beside its grant
            tellGivenLater(connected.peer().id());
        } else if (event.getProperty(Topics.DATA) instanceof PeerIntroduced introduced) {
            later(() -> askGiven(introduced.peer()));
        } else if (event.getProperty(Topics.DATA) instanceof AccessChanged changed) {
            changed.peer().ifPresent(peer -> {
                answerCoveredLater(peer);
                tellGivenLater(peer);
            });
        }
    }

    private void tellGivenLater(PeerId peer) {
        if (untold.add(peer)) {
            later(() -> {
                untold.remove(peer);
                tellGiven(peer);
            });
        }
    }

    /** Tells {@code peer}, if it is connected, everything this node grants it now. */
    private void tellGiven(PeerId peer) {
        if (transport.connection(peer).isEmpty()) {
            return; // told when it connects
        }
        try {
            exchange(peer, GivenMessages.PROTOCOL, stream -> {
                GivenMessages.tell(new DataOutputStream(stream.output()), given.toTell(peer));
                return AccessMessages.readReply(new DataInputStream(stream.input()));
            }).ifPresent(refusal -> LOG.log(Level.DEBUG, "{0} did not take what it is granted: {1}", peer.shortForm(), refusal));
        } catch (PermissionException e) {
            // an earlier Peerdesk knows no such protocol; a peer that does not trust this node (yet) refuses it
            LOG.log(Level.DEBUG, "Could not tell {0} what it is granted: {1}", peer.shortForm(), e.getMessage());
        }
    }

    /**
     * Asks {@code peer}, which this node's user just chose to know, what it grants this node: it told as the two
     * connected, when this node did not know it yet and refused to hear.
     */
    private void askGiven(PeerId peer) {
        try {
            exchange(peer, GivenMessages.PROTOCOL, stream -> {
                GivenMessages.ask(new DataOutputStream(stream.output()));
                try {
                    return given.told(peer, GivenMessages.readList(new DataInputStream(stream.input())));
                } catch (InvalidInputException e) {
                    return Optional.of("malformed: " + e.getMessage());
                }
            }).ifPresent(refusal -> LOG.log(Level.DEBUG, "Did not take what {0} grants: {1}", peer.shortForm(), refusal));
        } catch (PermissionException e) {
            LOG.log(Level.DEBUG, "Could not ask {0} what it grants: {1}", peer.shortForm(), e.getMessage());
        }
    }

    private void answerCoveredLater(PeerId peer) {
        later(() -> {
            try {
                book.answerCovered(peer);
            } catch (PermissionException e) {
                LOG.log(Level.WARNING, "Could not answer the requests of {0} that its grants cover: {1}", peer.shortForm(), e.getMessage());
            }
        });
    }

    /** Runs {@code work} on the deliveries' thread; events that come after the component stopped are let go. */
    private void later(Runnable work) {
        try {
            deliveries.execute(work);
        } catch (RejectedExecutionException e) {
            // stopped: what is owed goes when the node starts again and the peer connects
        }
    }

    @Override
    public AccessRequest request(PeerId owner, GrantTerms terms, String note) throws PermissionException {
        return book.request(owner, terms, note);
    }

    @Override
    public List<AccessRequest> requests() throws PermissionException {
        return book.requests();
    }

    @Override
    public AccessRequest approve(long id, Approval approval) throws PermissionException {
        return book.approve(id, approval);
    }

    @Override
    public AccessRequest deny(long id) throws PermissionException {
        return book.deny(id);
    }

    @Override
    public List<Given> given() throws PermissionException {
        return given.given();
    }

    @Override
    public Set<Right> unlock(PeerId owner, Resource resource, char[] password) throws PermissionException {
        String rights = exchange(owner, Unlocking.PROTOCOL, stream -> Unlocking.prove(permissions.self(), owner, resource, password,
                new DataInputStream(stream.input()), new DataOutputStream(stream.output())));
        permissions.record(AuditEntry.Event.ANSWERED, Optional.of(owner), resource.toString(), "unlocked with a password: " + rights);
        try {
            return Right.parseAll(rights);
        } catch (InvalidInputException e) {
            throw new PermissionException("The owner granted something this node does not understand: " + e.getMessage(), e);
        }
    }

    private interface Conversation<T> {
        T run(Stream stream) throws IOException, PermissionException;
    }

    private <T> T exchange(PeerId peer, ProtocolId protocol, Conversation<T> conversation) throws PermissionException {
        if (transport.connection(peer).isEmpty()) {
            throw new PermissionException(peer.shortForm() + " is not connected.");
        }
        try (Stream stream = transport.awaitStream(peer, protocol, STREAM_TIMEOUT)) {
            return conversation.run(stream);
        } catch (TransportException e) {
            throw new PermissionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new PermissionException("The exchange with " + peer.shortForm() + " broke off: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PermissionException("Interrupted.", e);
        }
    }
}
