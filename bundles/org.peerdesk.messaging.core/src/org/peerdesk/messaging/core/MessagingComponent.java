package org.peerdesk.messaging.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.files.event.TransferChanged;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.HeldMail;
import org.peerdesk.messaging.MailboxStatus;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.Receipt;
import org.peerdesk.messaging.event.ConversationChanged;
import org.peerdesk.messaging.event.DeliveryChanged;
import org.peerdesk.messaging.event.MessageAdded;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.messaging.event.ReactionAdded;
import org.peerdesk.messaging.event.TypingChanged;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.event.AccessChanged;
import org.peerdesk.permissions.event.GivenChanged;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.permissions.event.RequestChanged;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerStreams;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.PeerDisconnected;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.event.TransportTopics;

/**
 * Messaging wired to the node: the plain classes it builds do the work; this component connects them
 * to the database, the identity that signs, the transport, the permissions that gate and audit, and
 * EventAdmin. It retries the outbox every half minute and purges stale mailbox mail daily.
 */
@Component(service = {MessageService.class, EventHandler.class, MessagingComponent.class},
        property = {EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED,
            EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_DISCONNECTED,
            EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_INTRODUCED,
            EventConstants.EVENT_TOPIC + "=" + PermissionTopics.ACCESS_CHANGED,
            EventConstants.EVENT_TOPIC + "=" + PermissionTopics.REQUEST_CHANGED,
            EventConstants.EVENT_TOPIC + "=" + PermissionTopics.GIVEN_CHANGED,
            EventConstants.EVENT_TOPIC + "=" + FileTopics.TRANSFER_CHANGED})
public final class MessagingComponent implements MessageService, EventHandler {

    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("peerdesk-messages"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-messages-timer"));
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final Messaging messaging;
    private final Messenger messenger;
    private final FetchedFiles fetched;
    private final PeerDirectory directory;

    @Activate
    public MessagingComponent(@Reference Storage storage, @Reference NodeIdentity identity, @Reference TransportService transport,
            @Reference PeerDirectory directory, @Reference PermissionService permissions, @Reference ShareService shares,
            @Reference Transfers transfers, @Reference DataDirectory data, @Reference EventAdmin events)
            throws StorageException, MessagingException {
        Author self = new Author(identity.peerId(), identity.certificate().getPublicKey().getEncoded(), identity::sign);
        Inbox.Gate gate = new Inbox.Gate() {
            @Override
            public boolean mayMessage(PeerId peer) {
                return permissions.allows(peer, Resource.MESSAGES, Right.MESSAGE);
            }

            @Override
            public boolean knows(PeerId peer) {
                try {
                    return directory.find(peer).isPresent();
                } catch (TransportException e) {
                    return true; // not known to be a stranger: the messages wait as for any peer away
                }
            }

            @Override
            public boolean blocked(PeerId peer) {
                return permissions.trust(peer).filter(TrustState.BLOCKED::equals).isPresent();
            }

            @Override
            public void dropped(PeerId peer, String reason) {
                permissions.reportRefusal(peer, Resource.MESSAGES, reason);
            }
        };
        this.directory = directory;
        this.fetched = new FetchedFiles(storage);
        Shelf shelf = new FileShelf(shares, transfers, fetched, permissions, data.resolve(ShareService.ATTACHMENTS_FOLDER));
        this.messaging = new Messaging(storage, self, KeptWithIdentity.of(identity), PeerStreams.of(transport, OPEN_TIMEOUT), gate, shelf, directory::nameOf, events(events),
                Clock.systemUTC(), workers, timer, Messaging.PEER_RATE);
        this.messenger = messaging.messenger;
        messaging.schedule(timer);
        for (var connected : transport.connectedPeers()) {
            messaging.peerConnected(connected.id());
        }
    }

    /** A plugin's type of message content: sent from here, and checked in peers' messages, from when it comes until it goes. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContent(MessageContent content) {
        messaging.contents.add(content);
    }

    void removeContent(MessageContent content) {
        messaging.contents.remove(content);
    }

    private static Mailroom.Events events(EventAdmin events) {
        return new Mailroom.Events() {
            @Override
            public void added(Message message) {
                events.postEvent(event(MessageTopics.MESSAGE_ADDED, new MessageAdded(message)));
            }

            @Override
            public void deliveryChanged(ConversationId conversation) {
                events.postEvent(event(MessageTopics.DELIVERY_CHANGED, new DeliveryChanged(conversation)));
            }

            @Override
            public void conversationChanged(ConversationId conversation) {
                events.postEvent(event(MessageTopics.CONVERSATION_CHANGED, new ConversationChanged(conversation)));
            }

            @Override
            public void reacted(Message message, PeerId by, String reaction) {
                events.postEvent(event(MessageTopics.REACTION_ADDED, new ReactionAdded(message, by, reaction)));
            }

            @Override
            public void typingChanged(ConversationId conversation, List<PeerId> typing) {
                events.postEvent(event(MessageTopics.TYPING_CHANGED, new TypingChanged(conversation, typing)));
            }
        };
    }

    private static Event event(String topic, Object data) {
        return new Event(topic, Map.of(Topics.DATA, data));
    }

    @Deactivate
    void stop() {
        messaging.close();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /** Writes the conversations into {@code folder}, as text to read and as data that a take-over brings back. */
    void writeConversations(Path folder) throws java.io.IOException, MessagingException {
        messaging.writeConversations(folder);
    }

    /** Brings back the conversations that {@code node}, whose place this node takes, wrote into {@code folder}, if it did. */
    Optional<Messaging.TakenBack> takeBackConversations(Path folder, PeerId node) throws java.io.IOException, MessagingException {
        return messaging.takeBackConversations(folder, node, knownPeers());
    }

    /** Where the backup kept the node but not its conversations: asks its peers for them; how many are asked. */
    int catchUpWithoutHistory(PeerId node) throws MessagingException {
        return messaging.catchUps.planWithoutHistory(node, knownPeers());
    }

    private List<PeerId> knownPeers() throws MessagingException {
        try {
            return directory.peers().stream().map(KnownPeer::id).toList();
        } catch (TransportException e) {
            throw new MessagingException("The peers to ask for the messages since the backup cannot be read: " + e.getMessage(), e);
        }
    }

    void serveMessages(Stream stream) throws Exception {
        messaging.messages.serve(stream);
    }

    void serveMailbox(Stream stream) throws Exception {
        messaging.mailbox.serve(stream);
    }

    void serveCatchUp(Stream stream, boolean withChanges) throws Exception {
        messaging.catchUps.serve(stream, withChanges);
    }

    void serveTyping(Stream stream) throws Exception {
        messaging.typingServer.serve(stream);
    }

    @Override
    public void handleEvent(Event event) {
        Object data = event.getProperty(Topics.DATA);
        switch (data) {
            case PeerConnected connected -> {
                messaging.typingLinks.reset(connected.peer().id());
                messaging.peerConnected(connected.peer().id());
            }
            case PeerDisconnected disconnected -> {
                messaging.typingLinks.reset(disconnected.peer());
                messaging.courier.peerDisconnected(disconnected.peer());
            }
            // the inviter gave what invites give before it answered; the guest does before its hello
            case PeerIntroduced introduced when introduced.way() == PeerIntroduced.Way.THEIR_INVITE ->
                    messaging.courier.welcomed(introduced.peer());
            case PeerIntroduced introduced when introduced.way() == PeerIntroduced.Way.OUR_INVITE ->
                    messaging.courier.expectHello(introduced.peer());
            case RequestChanged changed when approvedToMessage(changed.request()) -> messaging.courier.letsUsMessage(changed.request().peer());
            // a grant given directly, not by approving a request
            case GivenChanged given when given.added().stream().anyMatch(MessagingComponent::letsMessage) -> messaging.courier.letsUsMessage(given.owner());
            case AccessChanged changed -> changed.peer().ifPresent(messaging.courier::accessChanged);
            case TransferChanged changed -> remember(changed.transfer());
            default -> { }
        }
    }

    private void remember(Transfer transfer) {
        try {
            fetched.remember(transfer);
        } catch (MessagingException e) {
            System.getLogger(MessagingComponent.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /** An answer from a peer that now takes this node's messages. */
    private static boolean approvedToMessage(AccessRequest request) {
        return request.direction() == AccessRequest.Direction.OUTGOING && request.state() == AccessRequest.State.APPROVED
                && request.granted().filter(MessagingComponent::letsMessage).isPresent();
    }

    /** Terms that let this node message the peer that gives them. */
    private static boolean letsMessage(GrantTerms terms) {
        return terms.resource().equals(Resource.MESSAGES) && terms.rights().contains(Right.MESSAGE);
    }

    // --- MessageService ------------------------------------------------------------------------

    @Override
    public List<Conversation> conversations() throws MessagingException {
        return messenger.conversations();
    }

    @Override
    public Optional<Conversation> conversation(ConversationId id) throws MessagingException {
        return messenger.conversation(id);
    }

    @Override
    public Conversation direct(PeerId peer) throws MessagingException {
        return messenger.direct(peer);
    }

    @Override
    public Conversation createGroup(String title, Collection<PeerId> members) throws MessagingException {
        return messenger.createGroup(title, members);
    }

    @Override
    public Conversation addMember(ConversationId group, PeerId peer) throws MessagingException {
        return messenger.addMember(group, peer);
    }

    @Override
    public Conversation removeMember(ConversationId group, PeerId peer) throws MessagingException {
        return messenger.removeMember(group, peer);
    }

    @Override
    public Message send(ConversationId conversation, String body) throws MessagingException {
        return messenger.send(conversation, body);
    }

    @Override
    public Message send(ConversationId conversation, String body, List<Path> files) throws MessagingException {
        return messenger.send(conversation, body, files);
    }

    @Override
    public Message send(ConversationId conversation, String text, MessageContent.Typed content) throws MessagingException {
        return messenger.send(conversation, text, content);
    }

    @Override
    public Message setDisappearing(ConversationId conversation, Duration after) throws MessagingException {
        return messenger.setDisappearing(conversation, after);
    }

    @Override
    public Conversation mute(ConversationId conversation, boolean muted) throws MessagingException {
        return messenger.mute(conversation, muted);
    }

    @Override
    public boolean isMuted(ConversationId conversation) {
        return messenger.isMuted(conversation);
    }

    @Override
    public void saveDraft(ConversationId conversation, Draft draft) throws MessagingException {
        messenger.saveDraft(conversation, draft);
    }

    @Override
    public Message reply(String messageId, String body, List<Path> files) throws MessagingException {
        return messenger.reply(messageId, body, files);
    }

    @Override
    public Message edit(String messageId, String text) throws MessagingException {
        return messenger.edit(messageId, text);
    }

    @Override
    public Message delete(String messageId) throws MessagingException {
        return messenger.delete(messageId);
    }

    @Override
    public SortedSet<String> contentTypes() {
        return messenger.contentTypes();
    }

    @Override
    public Optional<String> describe(Message message) {
        return messenger.describe(message);
    }

    @Override
    public Message react(String messageId, String reaction) throws MessagingException {
        return messenger.react(messageId, reaction);
    }

    @Override
    public Message pin(String messageId, boolean pinned) throws MessagingException {
        return messenger.pin(messageId, pinned);
    }

    @Override
    public List<Message> pinned(ConversationId conversation) throws MessagingException {
        return messenger.pinned(conversation);
    }

    @Override
    public Optional<Message> message(String messageId) throws MessagingException {
        return messenger.message(messageId);
    }

    @Override
    public Message forward(String messageId, ConversationId to) throws MessagingException {
        return messenger.forward(messageId, to);
    }

    @Override
    public Map<String, List<Path>> fetched(List<Message> messages) throws MessagingException {
        return messenger.fetched(messages);
    }

    @Override
    public Optional<String> idEndingIn(String tail) throws MessagingException {
        return messenger.idEndingIn(tail);
    }

    @Override
    public List<Message> latest(ConversationId conversation, int limit) throws MessagingException {
        return messenger.latest(conversation, limit);
    }

    @Override
    public List<Receipt> receipts(String messageId) throws MessagingException {
        return messenger.receipts(messageId);
    }

    @Override
    public List<Message> before(ConversationId conversation, String messageId, int limit) throws MessagingException {
        return messenger.before(conversation, messageId, limit);
    }

    @Override
    public List<Message> since(ConversationId conversation, Instant since, int limit) throws MessagingException {
        return messenger.since(conversation, since, limit);
    }

    @Override
    public void markRead(ConversationId conversation) throws MessagingException {
        messenger.markRead(conversation);
    }

    @Override
    public Conversation renameGroup(ConversationId group, String title) throws MessagingException {
        return messenger.renameGroup(group, title);
    }

    @Override
    public Conversation leaveGroup(ConversationId group) throws MessagingException {
        return messenger.leaveGroup(group);
    }

    /** The conversations where unread messages mention this node's user, each with how many do. */
    Map<ConversationId, Integer> unreadMentions() throws MessagingException {
        return messenger.unreadMentions();
    }

    /** Away recipients whose mailbox does not take this node's mail, each with that mailbox. */
    Map<PeerId, PeerId> heldBackByMailboxes() throws MessagingException {
        return messaging.courier.heldBackByMailboxes();
    }

    @Override
    public Map<PeerId, Integer> waitingForTheRight() throws MessagingException {
        return messenger.waitingForTheRight();
    }

    @Override
    public Map<PeerId, Integer> waiting() throws MessagingException {
        return messenger.waiting();
    }

    @Override
    public Map<PeerId, String> memberNames() throws MessagingException {
        return messenger.memberNames();
    }

    @Override
    public int clearHistory(ConversationId conversation) throws MessagingException {
        return messenger.clearHistory(conversation);
    }

    @Override
    public int export(ConversationId conversation, Path file, boolean replace) throws MessagingException {
        return messenger.export(conversation, file, replace);
    }

    @Override
    public String exportName(ConversationId conversation) throws MessagingException {
        return messenger.exportName(conversation);
    }

    @Override
    public List<Message> search(String text, int limit) throws MessagingException {
        return messenger.search(text, limit);
    }

    @Override
    public void typing(ConversationId conversation) {
        messenger.typing(conversation);
    }

    @Override
    public List<PeerId> typingIn(ConversationId conversation) {
        return messenger.typingIn(conversation);
    }

    @Override
    public Optional<PeerId> mailbox() throws MessagingException {
        return messenger.mailbox();
    }

    @Override
    public List<PeerId> catchingUpFrom() throws MessagingException {
        return messaging.catchUps.pending();
    }

    @Override
    public void setMailbox(Optional<PeerId> mailbox) throws MessagingException {
        messaging.setMailbox(mailbox);
    }

    @Override
    public MailboxStatus mailboxStatus() throws MessagingException {
        return messenger.mailboxStatus();
    }

    @Override
    public List<HeldMail> heldMail() throws MessagingException {
        return messenger.heldMail();
    }
}
