package org.peerdesk.messaging.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.HeldMail;
import org.peerdesk.messaging.MailboxStatus;
import org.peerdesk.messaging.Mention;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.Reaction;
import org.peerdesk.messaging.Receipt;
import org.peerdesk.messaging.core.Envelope.Hello;
import org.peerdesk.messaging.core.Envelope.Leave;
import org.peerdesk.messaging.core.Envelope.Text;
import org.peerdesk.messaging.core.MessageRows.Header;
import org.peerdesk.messaging.core.MessageRows.NewMessage;
import org.peerdesk.storage.SqlWork;

/** The messaging service as a plain class: conversations, sending, history, search, read receipts, the mailbox setting and its status. */
final class Messenger implements MessageService {

    /** The mailbox named to peers: kept with the identity, and in the database by earlier versions. */
    private static final String MAILBOX = "mailbox";
    /** The secret the key pair for sealed mail is kept as, with the node's identity. */
    private static final String AGREEMENT = "sealed-mail";
    /** Where earlier versions kept it: the database, which a node that takes this one's place does not have. */
    private static final String AGREEMENT_PUBLIC = "agreement.public";
    private static final String AGREEMENT_PRIVATE = "agreement.private";

    private final Mailroom room;
    private final Shelf shelf;
    private final Contents contents;
    private final Typing typing;
    private final KeyPair agreement;
    private final KeptWithIdentity kept;
    private final Transcripts transcripts;
    private volatile Optional<PeerId> mailbox;
    private final Predicate<PeerId> connected;
    /** The conversations muted here, as the database holds them: asked for every message that arrives. */
    private final Set<ConversationId> muted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Messenger(Mailroom room, Shelf shelf, Contents contents, Typing typing, Predicate<PeerId> connected, KeptWithIdentity kept,
            Transcripts transcripts) throws MessagingException {
        this.room = room;
        this.transcripts = transcripts;
        this.contents = contents;
        this.shelf = shelf;
        this.typing = typing;
        this.connected = connected;
        this.kept = kept;
        this.agreement = agreementKeys(room, kept);
        this.mailbox = keptMailbox(room, kept);
        this.muted.addAll(room.transact(MessageRows::muted));
    }

    /**
     * This node's X25519 key pair for sealed mail, kept with its identity, so that a node that takes its place opens the
     * mail mailboxes hold for it: made the first time, or moved there from the database where earlier versions kept it.
     */
    private static KeyPair agreementKeys(Mailroom room, KeptWithIdentity kept) throws MessagingException {
        try {
            KeyPair pair = SealedMail.decodeKeyPair(kept.secret(AGREEMENT, () -> {
                Optional<byte[]> publicKey = earlierSetting(room, AGREEMENT_PUBLIC);
                Optional<byte[]> privateKey = earlierSetting(room, AGREEMENT_PRIVATE);
                return SealedMail.encodeKeyPair(publicKey.isPresent() && privateKey.isPresent()
                        ? SealedMail.keyPair(publicKey.get(), privateKey.get()) : SealedMail.newKeyPair());
            }));
            forgetEarlierSettings(room, AGREEMENT_PUBLIC, AGREEMENT_PRIVATE);
            return pair;
        } catch (IdentityException | GeneralSecurityException e) {
            throw new MessagingException("This node's key for sealed mail is unusable: " + e.getMessage(), e);
        }
    }

    /** The mailbox named to peers, as kept with the identity; moved there from the database where earlier versions kept it. */
    private static Optional<PeerId> keptMailbox(Mailroom room, KeptWithIdentity kept) throws MessagingException {
        try {
            Optional<byte[]> named = kept.kept(MAILBOX);
            Optional<byte[]> earlier = earlierSetting(room, MAILBOX);
            if (named.isEmpty() && earlier.isPresent()) {
                kept.keep(MAILBOX, earlier);
                named = earlier;
            }
            forgetEarlierSettings(room, MAILBOX);
            return named.map(PeerId::new);
        } catch (IdentityException | IllegalArgumentException e) {
            throw new MessagingException("This node's mailbox setting cannot be read: " + e.getMessage(), e);
        }
    }

    /** A setting an earlier version kept in the database, which the identity keeps now. */
    private static Optional<byte[]> earlierSetting(Mailroom room, String name) throws MessagingException {
        return room.transact(connection -> HelloRows.setting(connection, name));
    }

    private static void forgetEarlierSettings(Mailroom room, String... names) throws MessagingException {
        room.transact(connection -> {
            for (String name : names) {
                HelloRows.setSetting(connection, name, Optional.empty());
            }
            return null;
        });
    }

    KeyPair agreement() {
        return agreement;
    }

    /** This node's signed hello: the key peers seal mail to, and the mailbox that holds it. */
    byte[] hello() throws MessagingException {
        Optional<PeerId> mailbox = mailbox();
        return room.self.sign(new Envelope(Envelopes.newId(), Envelope.NO_CONVERSATION, room.self.id(), room.clock.tick(),
                new Hello(agreement.getPublic().getEncoded(), mailbox)));
    }

    // --- conversations -------------------------------------------------------------------------

    @Override
    public List<Conversation> conversations() throws MessagingException {
        return room.transact(MessageRows::conversations);
    }

    @Override
    public Optional<Conversation> conversation(ConversationId id) throws MessagingException {
        return room.transact(connection -> MessageRows.conversation(connection, id));
    }

    @Override
    public Conversation direct(PeerId peer) throws MessagingException {
        if (peer.equals(room.self.id())) {
            throw new MessagingException("That is this node's own ID; message another peer.");
        }
        ConversationId id = ConversationId.direct(room.self.id(), peer);
        boolean[] created = {false};
        SqlWork<Conversation> openOrCreate = connection -> {
            created[0] = false;
            if (MessageRows.header(connection, id).isEmpty()) {
                MessageRows.createConversation(connection, id, Conversation.Kind.DIRECT, "", room.self.id(), 0,
                        List.of(room.self.id(), peer));
                created[0] = true;
            }
            return MessageRows.conversation(connection, id).orElseThrow();
        };
        Conversation conversation;
        try {
            conversation = room.transact(openOrCreate);
        } catch (MessagingException raced) {
            // The peer's first message may have made the conversation meanwhile; then it is there now.
            conversation = room.transact(openOrCreate);
        }
        if (created[0]) {
            room.news.conversationChanged(id);
        }
        return conversation;
    }

    @Override
    public Conversation createGroup(String title, Collection<PeerId> members) throws MessagingException {
        String checkedTitle = checkedTitle(title);
        Set<PeerId> all = new TreeSet<>(members);
        all.add(room.self.id());
        if (all.size() < 2) {
            throw new MessagingException("Name at least one other peer for the group.");
        }
        if (all.size() > MAX_MEMBERS) {
            throw new MessagingException("A group has at most " + MAX_MEMBERS + " members.");
        }
        return changeMembers(ConversationId.random(), checkedTitle, List.of(), all, room.clock.tick());
    }

    @Override
    public Conversation addMember(ConversationId group, PeerId peer) throws MessagingException {
        Header header = ownGroup(group);
        if (header.members().contains(peer)) {
            throw new MessagingException(room.name(peer) + " is already a member of \"" + header.title() + "\".");
        }
        if (header.members().size() >= MAX_MEMBERS) {
            throw new MessagingException("A group has at most " + MAX_MEMBERS + " members.");
        }
        Set<PeerId> after = new TreeSet<>(header.members());
        after.add(peer);
        return changeMembers(group, header.title(), header.members(), after, room.clock.tick());
    }

    @Override
    public Conversation removeMember(ConversationId group, PeerId peer) throws MessagingException {
        Header header = ownGroup(group);
        if (peer.equals(room.self.id())) {
            throw new MessagingException("The creator stays in the group; remove the others instead.");
        }
        if (!header.members().contains(peer)) {
            throw new MessagingException(room.name(peer) + " is not a member of \"" + header.title() + "\".");
        }
        Set<PeerId> after = new TreeSet<>(header.members());
        after.remove(peer);
        return changeMembers(group, header.title(), header.members(), after, room.clock.tick());
    }

    @Override
    public Conversation renameGroup(ConversationId group, String title) throws MessagingException {
        String checkedTitle = checkedTitle(title);
        Header header = ownGroup(group);
        if (checkedTitle.equals(header.title())) {
            return conversation(group).orElseThrow();
        }
        return changeMembers(group, checkedTitle, header.members(), header.members(), room.clock.tick());
    }

    private Header header(ConversationId id) throws MessagingException {
        return room.transact(connection -> MessageRows.header(connection, id))
                .orElseThrow(() -> new MessagingException("There is no conversation " + id + "."));
    }

    private Header ownGroup(ConversationId group) throws MessagingException {
        Header header = header(group);
        if (header.kind() != Conversation.Kind.GROUP || !header.creator().equals(room.self.id())) {
            throw new MessagingException("Only the creator of a group changes its members.");
        }
        return header;
    }

    /**
     * Stores the new member list (a new group when there was none before) with its note, and tells
     * everyone who was or is a member, in one transaction.
     */
    private Conversation changeMembers(ConversationId id, String title, Collection<PeerId> before, Collection<PeerId> after,
            long clock) throws MessagingException {
        MemberChange change = room.transact(connection -> MemberChange.store(connection, room, id, title, before, after, clock));
        announce(id, change.seq(), change.told());
        return conversation(id).orElseThrow();
    }

    @Override
    public Conversation leaveGroup(ConversationId group) throws MessagingException {
        Header header = header(group);
        if (header.kind() != Conversation.Kind.GROUP) {
            throw new MessagingException("Only a group can be left; a conversation with one peer can be cleared instead.");
        }
        if (header.creator().equals(room.self.id())) {
            throw new MessagingException("You created \"" + header.title() + "\", and its creator stays; remove the others instead.");
        }
        if (!header.members().contains(room.self.id())) {
            throw new MessagingException("This node is no longer a member of \"" + header.title() + "\".");
        }
        long clock = room.clock.tick();
        Envelope leave = new Envelope(Envelopes.newId(), group, room.self.id(), clock, new Leave());
        // a note here whose delivery is the request's: the user sees when the creator's node has it
        NewMessage note = new NewMessage(leave.id(), group, Message.Kind.MEMBERS, room.self.id(), clock,
                "you asked " + room.name(header.creator()) + " to take you out", List.of(), true);
        long seq = room.transact(connection -> room.queue(connection, leave, List.of(header.creator()), Optional.of(note)));
        announce(group, seq, List.of(header.creator()));
        return conversation(group).orElseThrow();
    }

    private static String checkedTitle(String title) throws MessagingException {
        String stripped = title == null ? "" : title.strip();
        try {
            Envelopes.checkTitle(stripped);
        } catch (InvalidInputException e) {
            throw new MessagingException(e.getMessage());
        }
        return stripped;
    }

    // --- sending -------------------------------------------------------------------------------

    @Override
    public Message send(ConversationId id, String body) throws MessagingException {
        return send(id, body, List.of());
    }

    @Override
    public Message send(ConversationId id, String body, List<Path> files) throws MessagingException {
        String text = checkedText(body, files);
        return send(id, text, files, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public Message forward(String messageId, ConversationId to) throws MessagingException {
        Message original = textToActOn(messageId, "forward");
        // the files of the user's own message lie on this node's shelf; another's, once fetched, where they were put
        List<Path> files = original.outgoing() ? original.attachments().stream().map(shelf::local).toList()
                : shelf.fetched(List.of(original)).getOrDefault(original.id(), List.of());
        if (original.body().isBlank() && files.isEmpty()) {
            throw new MessagingException("That message is only files, which stay with " + room.name(original.author())
                    + " until fetched: fetch them, then forward it.");
        }
        Forwarded origin = original.forwarded().isPresent() ? original.forwarded().get()
                : new Forwarded(original.author(), room.transact(connection -> room.namesIn(connection).apply(original.author())));
        return send(to, original.body(), files, Optional.empty(), Optional.empty(), Optional.of(origin));
    }

    @Override
    public Map<String, List<Path>> fetched(List<Message> messages) throws MessagingException {
        return shelf.fetched(messages);
    }

    @Override
    public Message reply(String messageId, String body, List<Path> files) throws MessagingException {
        String text = checkedText(body, files);
        Message answered = textToActOn(messageId, "reply to");
        return send(answered.conversation(), text, files, Optional.empty(), Optional.of(messageId), Optional.empty());
    }

    /** The message {@code messageId}, for the user to {@code act} on ("reply to"): refused unless it is here, a text, not deleted. */
    private Message textToActOn(String messageId, String act) throws MessagingException {
        Message message = message(messageId)
                .orElseThrow(() -> new MessagingException("There is no message " + messageId + " here to " + act + "."));
        if (message.kind() != Message.Kind.TEXT) {
            throw new MessagingException("That is a note about the conversation, not a message to " + act + ".");
        }
        if (message.revision() == Message.Revision.DELETED) {
            throw new MessagingException(room.name(message.author()) + " deleted that message; there is nothing to " + act + ".");
        }
        return message;
    }

    @Override
    public Message react(String messageId, String reaction) throws MessagingException {
        String given = reaction == null ? "" : reaction.strip();
        Optional<String> problem = given.isEmpty() ? Optional.empty() : Reaction.problem(given);
        if (problem.isPresent()) {
            throw new MessagingException("That cannot be a reaction: " + problem.get() + ".");
        }
        return changeAsMember(messageId, "react to", (connection, target, clock) -> {
            Reactions.apply(connection, messageId, target.conversation(), room.self.id(), given, clock);
            return new Envelope.React(messageId, given);
        });
    }

    @Override
    public Message pin(String messageId, boolean pinned) throws MessagingException {
        return changeAsMember(messageId, pinned ? "pin" : "unpin", (connection, target, clock) -> {
            Pins.apply(connection, messageId, target.conversation(), room.self.id(), pinned, clock);
            return new Envelope.Pin(messageId, pinned);
        });
    }

    @Override
    public List<Message> pinned(ConversationId conversation) throws MessagingException {
        return room.transact(connection -> MessageRows.pinned(connection, conversation));
    }

    /** What a member's change to a message (a reaction, a pin) records here, and the payload that tells the other members. */
    @FunctionalInterface
    private interface MemberChangeToMessage {
        Envelope.Payload record(Connection connection, Revisions.Target target, long clock) throws SQLException;
    }

    /**
     * Makes this node's member change to message {@code messageId} (a text of a conversation it is a member of, not deleted)
     * and sends it to every other member; refused, saying it cannot {@code act} ("react to") that message, otherwise.
     */
    private Message changeAsMember(String messageId, String act, MemberChangeToMessage change) throws MessagingException {
        long clock = room.clock.tick();
        Changed changed = room.transact(connection -> {
            Optional<Revisions.Target> target = Revisions.target(connection, messageId);
            if (target.isEmpty()) {
                return Changed.refused("There is no message " + messageId + " here to " + act + ".");
            }
            if (target.get().kind() != Message.Kind.TEXT || target.get().deleted()) {
                return Changed.refused(target.get().deleted() ? "That message was deleted; there is nothing to " + act + "."
                        : "That is a note about the conversation, not a message to " + act + ".");
            }
            List<PeerId> members = MessageRows.header(connection, target.get().conversation()).map(Header::members).orElse(List.of());
            if (!members.contains(room.self.id())) {
                return Changed.refused("This node is no longer a member of that conversation.");
            }
            List<PeerId> recipients = members.stream().filter(member -> !member.equals(room.self.id())).toList();
            Envelope.Payload payload = change.record(connection, target.get(), clock);
            room.queue(connection, new Envelope(Envelopes.newId(), target.get().conversation(), room.self.id(), clock, payload),
                    recipients, Optional.empty());
            return new Changed(MessageRows.message(connection, target.get().seq()).orElseThrow(), recipients, "");
        });
        if (changed.message() == null) {
            throw new MessagingException(changed.refusal());
        }
        room.news.conversationChanged(changed.message().conversation());
        changed.recipients().forEach(room.wake);
        return changed.message();
    }

    /** A message as a member's change left it and whom the change goes to, or why there could be none. */
    private record Changed(Message message, List<PeerId> recipients, String refusal) {
        static Changed refused(String refusal) {
            return new Changed(null, List.of(), refusal);
        }
    }

    /** The text of a message to send with {@code files}: refused where both are empty, or it is too long. */
    private static String checkedText(String body, List<Path> files) throws MessagingException {
        String text = body == null ? "" : body;
        if (text.isBlank() && files.isEmpty()) {
            throw new MessagingException("The message is empty.");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            throw new MessagingException("The message is " + bytes + " bytes long; at most " + MAX_BODY_BYTES
                    + " fit (send a longer text as a file).");
        }
        if (files.size() > MAX_ATTACHMENTS) {
            throw new MessagingException("A message carries at most " + MAX_ATTACHMENTS + " files, not " + files.size() + ".");
        }
        return text;
    }

    @Override
    public Message send(ConversationId id, String text, MessageContent.Typed content) throws MessagingException {
        if (text == null || text.isBlank()) {
            throw new MessagingException("A message with " + content.type() + " content needs a text too: what members read,"
                    + " where the plugin is not installed as well.");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length + content.data().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            throw new MessagingException("The message's text and " + content.type() + " content are " + bytes
                    + " bytes long together; at most " + MAX_BODY_BYTES + " fit.");
        }
        contents.checkOutgoing(content);
        return send(id, text, List.of(), Optional.of(content), Optional.empty(), Optional.empty());
    }

    @Override
    public SortedSet<String> contentTypes() {
        return contents.types();
    }

    @Override
    public Optional<String> describe(Message message) {
        return contents.describe(message);
    }

    private Message send(ConversationId id, String text, List<Path> files, Optional<MessageContent.Typed> content,
            Optional<String> replyTo, Optional<Forwarded> forwarded) throws MessagingException {
        String messageId = Envelopes.newId();
        List<Attachment> attachments = files.isEmpty() ? List.of() : shelf.offer(messageId, files, otherMembers(id));
        List<PeerId> mentions = forwarded.isPresent() ? List.of() : mentioned(id, text); // who it mentioned was another's business
        long clock = room.clock.tick();
        Text payload = new Text(text, attachments, content, replyTo, mentions, forwarded);
        Envelope envelope = new Envelope(messageId, id, room.self.id(), clock, payload);
        NewMessage message = NewMessage.text(envelope, payload, true);
        byte[] unsigned = room.self.content(envelope);
        return announced(room.transactTogether(connection -> toOtherMembers(connection, id, recipients -> {
            long seq = room.queue(connection, unsigned, recipients, Optional.of(message));
            return new Sent(MessageRows.stored(connection, seq, message, recipients.size()), recipients, "");
        })));
    }

    /** Hands the other members of conversation {@code id} to {@code queuing}; refused where this node is not one of its members. */
    private Sent toOtherMembers(Connection connection, ConversationId id, Queuing queuing) throws SQLException {
        Optional<Header> header = MessageRows.header(connection, id);
        if (header.isEmpty()) {
            return Sent.refused("There is no conversation " + id + ".");
        }
        if (!header.get().members().contains(room.self.id())) {
            return Sent.refused("This node is no longer a member of \"" + header.get().title() + "\".");
        }
        return queuing.queue(header.get().members().stream().filter(member -> !member.equals(room.self.id())).toList());
    }

    /** Stores and queues a message for {@code recipients}, in the caller's transaction. */
    @FunctionalInterface
    private interface Queuing {
        Sent queue(List<PeerId> recipients) throws SQLException;
    }

    /** Tells of a message this node sent, and wakes the courier to its recipients; a refusal is thrown. */
    private Message announced(Sent sent) throws MessagingException {
        if (sent.message() == null) {
            throw new MessagingException(sent.refusal());
        }
        room.news.added(sent.message());
        room.news.conversationChanged(sent.message().conversation());
        sent.recipients().forEach(room.wake);
        return sent.message();
    }

    /**
     * Whom the new text of an edit ({@code body}) of message {@code messageId} mentions; empty for a deletion, or a message
     * that is not here (the edit is refused then) or was forwarded (which mentions no one).
     */
    private Optional<List<PeerId>> mentionedAfterEdit(String messageId, Optional<String> body) throws MessagingException {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Optional<Message> message = message(messageId).filter(found -> found.forwarded().isEmpty());
        return message.isEmpty() ? Optional.empty() : Optional.of(mentioned(message.get().conversation(), body.get()));
    }

    /** The other members of the conversation that {@code text} mentions, by the names this node knows them by. */
    private List<PeerId> mentioned(ConversationId id, String text) throws MessagingException {
        if (text.indexOf('@') < 0) {
            return List.of();
        }
        Map<PeerId, String> names = room.transact(connection -> {
            Function<PeerId, String> named = room.namesIn(connection);
            Map<PeerId, String> others = new HashMap<>();
            MessageRows.header(connection, id).map(Header::members).orElse(List.of()).stream()
                    .filter(member -> !member.equals(room.self.id())).forEach(member -> others.put(member, named.apply(member)));
            return others;
        });
        List<PeerId> mentions = Mention.peersIn(text, names);
        return mentions.subList(0, Math.min(mentions.size(), MAX_MENTIONS));
    }

    @Override
    public Message edit(String messageId, String text) throws MessagingException {
        return revise(messageId, Optional.of(text == null ? "" : text));
    }

    @Override
    public Message delete(String messageId) throws MessagingException {
        return revise(messageId, Optional.empty());
    }

    /**
     * Changes a message this node sent (empty {@code body}: deletes it) and queues the change, signed, for the recipients
     * that are still members. A deleted message that has not left for a recipient yet never goes.
     */
    private Message revise(String messageId, Optional<String> body) throws MessagingException {
        Optional<List<PeerId>> mentions = mentionedAfterEdit(messageId, body);
        long clock = room.clock.tick();
        Revised revised = room.transact(connection -> {
            Optional<Revisions.Target> target = Revisions.target(connection, messageId);
            if (target.isEmpty()) {
                return Revised.refused("There is no message " + messageId + " here.");
            }
            if (!target.get().author().equals(room.self.id())) {
                return Revised.refused("Only its author edits or deletes a message; this one is " + room.name(target.get().author()) + "'s.");
            }
            Optional<String> problem = Revisions.problem(target.get(), body);
            if (problem.isPresent()) {
                return Revised.refused("The message cannot change: " + problem.get() + ".");
            }
            List<PeerId> members = MessageRows.header(connection, target.get().conversation()).map(Header::members).orElse(List.of());
            List<PeerId> recipients = Revisions.recipients(connection, target.get().seq()).stream().filter(members::contains).toList();
            // an edit says whom its text mentions only where that changed: a node of an earlier version reads the others
            Optional<List<PeerId>> changed = mentions.filter(now -> !now.equals(target.get().mentions()));
            Revisions.apply(connection, target.get(), new Revisions.Change(body, changed), clock, room.self.id());
            if (body.isEmpty()) {
                // the change still goes to every recipient: one may be taking the message right now
                OutboxRows.withdraw(connection, target.get().seq());
            }
            Envelope change = new Envelope(Envelopes.newId(), target.get().conversation(), room.self.id(), clock,
                    new Envelope.Amend(messageId, body, changed));
            room.queue(connection, change, recipients, Optional.empty());
            return new Revised(MessageRows.message(connection, target.get().seq()).orElseThrow(), recipients,
                    body.isEmpty() && target.get().withFiles(), "");
        });
        if (revised.message() == null) {
            throw new MessagingException(revised.refusal());
        }
        room.news.conversationChanged(revised.message().conversation());
        revised.recipients().forEach(room.wake);
        if (revised.filesToWithdraw()) {
            shelf.withdraw(messageId);
        }
        return revised.message();
    }

    /**
     * A message as a change left it, whom the change goes to and whether the files it offered are to be withdrawn (it was
     * deleted), or why it could not change.
     */
    private record Revised(Message message, List<PeerId> recipients, boolean filesToWithdraw, String refusal) {
        static Revised refused(String refusal) {
            return new Revised(null, List.of(), false, refusal);
        }
    }

    private List<PeerId> otherMembers(ConversationId id) throws MessagingException {
        Header header = header(id);
        return header.members().stream().filter(member -> !member.equals(room.self.id())).toList();
    }

    /** A stored message and whom it goes to, or why it could not be sent. */
    private record Sent(Message message, List<PeerId> recipients, String refusal) {
        static Sent refused(String refusal) {
            return new Sent(null, List.of(), refusal);
        }
    }

    private Message announce(ConversationId id, long seq, Collection<PeerId> recipients) throws MessagingException {
        Message stored = room.transact(connection -> MessageRows.message(connection, seq)).orElseThrow();
        room.news.added(stored);
        room.news.conversationChanged(id);
        recipients.forEach(room.wake);
        return stored;
    }

    // --- history -------------------------------------------------------------------------------

    @Override
    public List<Message> latest(ConversationId id, int limit) throws MessagingException {
        return room.transact(connection -> MessageRows.latest(connection, id, page(limit)));
    }

    @Override
    public Optional<Message> message(String messageId) throws MessagingException {
        return room.transact(connection -> MessageRows.byId(connection, messageId));
    }

    @Override
    public Optional<String> idEndingIn(String tail) throws MessagingException {
        String digits = tail.toLowerCase(java.util.Locale.ROOT);
        if (!digits.matches("[0-9a-f]{" + Message.HANDLE_DIGITS + "," + 2 * Envelopes.ID_BYTES + "}")) {
            throw new MessagingException("'" + tail + "' names no message: a message is named by the last " + Message.HANDLE_DIGITS
                    + " or more hex digits of its ID (peerdesk messages begins its line with them), or by all of it.");
        }
        List<String> ids = room.transact(connection -> digits.length() == 2 * Envelopes.ID_BYTES
                ? MessageRows.exists(connection, digits) ? List.of(digits) : List.<String>of() // the whole ID: found by its index
                : MessageRows.idsEndingIn(connection, digits, 2));
        if (ids.size() > 1) {
            throw new MessagingException("The IDs of several messages end in " + tail + "; give more of the ID (peerdesk messages --json"
                    + " shows whole IDs).");
        }
        return ids.stream().findFirst();
    }

    @Override
    public List<Receipt> receipts(String messageId) throws MessagingException {
        return room.transact(connection -> MessageRows.receipts(connection, messageId));
    }

    @Override
    public List<Message> before(ConversationId id, String messageId, int limit) throws MessagingException {
        return room.transact(connection -> {
            Optional<Message> anchor = MessageRows.byId(connection, messageId);
            return anchor.isEmpty() ? List.<Message>of() : MessageRows.before(connection, id, anchor.get(), page(limit));
        });
    }

    @Override
    public List<Message> since(ConversationId id, Instant since, int limit) throws MessagingException {
        long clock = Math.max(0, since.toEpochMilli()) << HybridClock.COUNTER_BITS;
        return room.transact(connection -> MessageRows.since(connection, id, clock, page(limit)));
    }

    @Override
    public List<Message> search(String text, int limit) throws MessagingException {
        List<String> words = new ArrayList<>(Words.of(text == null ? "" : text));
        if (words.isEmpty()) {
            throw new MessagingException("Search for at least one word.");
        }
        return room.transact(connection -> MessageRows.search(connection, words, page(limit)));
    }

    private static int page(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }

    @Override
    public void markRead(ConversationId id) throws MessagingException {
        List<PeerId> told = room.transact(connection -> {
            Map<PeerId, List<String>> unread = MessageRows.markRead(connection, id);
            for (Map.Entry<PeerId, List<String>> byAuthor : unread.entrySet()) {
                room.queueReceipts(connection, id, byAuthor.getKey(), byAuthor.getValue(), true);
            }
            return List.copyOf(unread.keySet());
        });
        room.news.conversationChanged(id);
        told.forEach(room.wake);
    }

    @Override
    public Map<PeerId, Integer> waitingForTheRight() throws MessagingException {
        return room.transact(OutboxRows::waitingForTheRight);
    }

    /** The conversations where unread messages mention this node's user, each with how many do: one read of a table nearly always empty. */
    Map<ConversationId, Integer> unreadMentions() throws MessagingException {
        return room.transact(MessageRows::unreadMentions);
    }

    @Override
    public Map<PeerId, Integer> waiting() throws MessagingException {
        return room.transact(OutboxRows::waiting);
    }

    @Override
    public Map<PeerId, String> memberNames() throws MessagingException {
        return room.transact(MemberNames::all);
    }

    @Override
    public Message setDisappearing(ConversationId id, Duration after) throws MessagingException {
        Optional<String> problem = Disappearing.problem(after);
        if (problem.isPresent()) {
            throw new MessagingException("That cannot be set: " + problem.get() + ".");
        }
        long clock = room.clock.tick();
        Envelope envelope = new Envelope(Envelopes.newId(), id, room.self.id(), clock, new Envelope.Disappear(after.toMillis()));
        NewMessage note = Disappearing.note(envelope, after.toMillis(), "You", true);
        return announced(room.transact(connection -> toOtherMembers(connection, id, recipients -> {
            room.setDisappearing(connection, id, room.self.id(), clock, after.toMillis());
            long seq = room.queue(connection, envelope, recipients, Optional.of(note));
            return new Sent(MessageRows.stored(connection, seq, note, recipients.size()), recipients, "");
        })));
    }

    /**
     * Deletes the messages past their time at {@code nowMillis} (see {@link Disappearing}), and withdraws the files this
     * node's own offered; returns the conversations that changed.
     */
    Set<ConversationId> sweepDisappeared(long nowMillis) throws MessagingException {
        Disappearing.Swept swept = room.transact(connection -> Disappearing.sweep(connection, nowMillis));
        for (String messageId : swept.withFiles()) {
            shelf.withdraw(messageId);
        }
        swept.conversations().forEach(room.news::conversationChanged);
        return swept.conversations();
    }

    @Override
    public Conversation mute(ConversationId id, boolean mute) throws MessagingException {
        header(id);
        room.transact(connection -> {
            MessageRows.setMuted(connection, id, mute);
            return null;
        });
        if (mute) {
            muted.add(id);
        } else {
            muted.remove(id);
        }
        room.news.conversationChanged(id);
        return conversation(id).orElseThrow();
    }

    @Override
    public boolean isMuted(ConversationId id) {
        return muted.contains(id);
    }

    @Override
    public void saveDraft(ConversationId id, Draft draft) throws MessagingException {
        if (draft.text().length() > MAX_DRAFT_CHARS) {
            throw new MessagingException("The draft is " + draft.text().length() + " characters long; at most " + MAX_DRAFT_CHARS
                    + " are kept (send a longer text as a file).");
        }
        header(id);
        room.transact(connection -> {
            MessageRows.setDraft(connection, id, draft);
            return null;
        });
        room.news.conversationChanged(id);
    }

    @Override
    public int clearHistory(ConversationId id) throws MessagingException {
        header(id); // refuses an ID of no conversation here, with that message
        int cleared = room.transact(connection -> ClearedHistory.clear(connection, id));
        room.news.conversationChanged(id);
        return cleared;
    }

    @Override
    public int export(ConversationId id, Path file, boolean replace) throws MessagingException {
        header(id); // refuses an ID of no conversation here, with that message
        return ConversationExport.write(room, transcripts, id, file, replace);
    }

    @Override
    public String exportName(ConversationId id) throws MessagingException {
        return transcripts.fileName(conversation(id).orElseThrow(() -> new MessagingException("There is no conversation " + id + ".")));
    }

    // --- typing --------------------------------------------------------------------------------

    @Override
    public void typing(ConversationId conversation) {
        typing.typing(conversation);
    }

    @Override
    public List<PeerId> typingIn(ConversationId conversation) {
        return typing.typingIn(conversation);
    }

    // --- mailbox -------------------------------------------------------------------------------

    @Override
    public Optional<PeerId> mailbox() {
        return mailbox;
    }

    @Override
    public void setMailbox(Optional<PeerId> mailbox) throws MessagingException {
        if (mailbox.isPresent() && mailbox.get().equals(room.self.id())) {
            throw new MessagingException("A node cannot be its own mailbox: choose a peer that is on while this node is not.");
        }
        try {
            kept.keep(MAILBOX, mailbox.map(PeerId::bytes));
        } catch (IdentityException e) {
            throw new MessagingException("Cannot keep the mailbox setting: " + e.getMessage(), e);
        }
        this.mailbox = mailbox;
    }

    @Override
    public MailboxStatus mailboxStatus() throws MessagingException {
        Optional<PeerId> mailbox = this.mailbox;
        return room.transact(connection -> {
            MailFetches.Outcome fetches = mailbox.isEmpty() ? MailFetches.Outcome.NONE : MailFetches.read(connection, mailbox.get());
            return new MailboxStatus(mailbox, mailbox.filter(connected).isPresent(), fetches.checked(), fetches.lastMail(),
                    fetches.lastMailCount(), fetches.problem());
        });
    }

    @Override
    public List<HeldMail> heldMail() throws MessagingException {
        return room.transact(connection -> {
            List<HeldMail> held = new ArrayList<>(MailboxRows.held(connection));
            for (PeerId client : HelloRows.usingMailbox(connection, room.self.id())) {
                if (held.stream().noneMatch(each -> each.recipient().equals(client))) {
                    held.add(new HeldMail(client, 0, 0, Optional.empty()));
                }
            }
            held.sort(Comparator.comparing(each -> room.name(each.recipient()), String.CASE_INSENSITIVE_ORDER));
            return held;
        });
    }
}
