package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.core.Envelope.Amend;
import org.peerdesk.messaging.core.Envelope.Disappear;
import org.peerdesk.messaging.core.Envelope.Pin;
import org.peerdesk.messaging.core.Envelope.React;
import org.peerdesk.messaging.core.Envelope.Hello;
import org.peerdesk.messaging.core.Envelope.Leave;
import org.peerdesk.messaging.core.Envelope.Members;
import org.peerdesk.messaging.core.Envelope.Names;
import org.peerdesk.messaging.core.Envelope.Receipt;
import org.peerdesk.messaging.core.Envelope.Text;
import org.peerdesk.messaging.core.MessageRows.Header;
import org.peerdesk.messaging.core.MessageRows.NewMessage;

/**
 * Takes in envelopes from peers, a batch per transaction: checks each (signature, author, rights,
 * membership), stores what is new, and drops duplicates by ID, so whatever arrives twice (a resend,
 * a mailbox replay) is shown once. Forged or forbidden envelopes are refused and reported.
 */
final class Inbox {

    /**
     * Who handed the envelopes over: a peer on a direct stream (the author itself, or a group's creator
     * passing its members' envelopes on), or a mailbox holding sealed mail.
     */
    sealed interface Route permits Direct, ViaMailbox {
        PeerId from();
    }

    record Direct(PeerId from) implements Route {
    }

    record ViaMailbox(PeerId from) implements Route {
    }

    /** Access and reporting, from the permissions service in the running node. */
    interface Gate {
        boolean mayMessage(PeerId peer);

        /** Whether {@code peer} is one this node knows (added, or approved): only those can be reached. */
        boolean knows(PeerId peer);

        /** Whether this node's user blocked {@code peer}: nothing of its comes in, not even through others. */
        boolean blocked(PeerId peer);

        /** Writes a dropped envelope to the audit log. */
        void dropped(PeerId peer, String reason);
    }

    private final Mailroom room;
    private final Gate gate;
    private final Contents contents;
    /** Told of what arrives: a member whose message arrived is no longer typing. */
    private final Typing typing;
    private final BatchSignatures.VerifiedRoots roots = new BatchSignatures.VerifiedRoots();

    Inbox(Mailroom room, Gate gate, Contents contents, Typing typing) {
        this.contents = contents;
        this.room = room;
        this.gate = gate;
        this.typing = typing;
    }

    /** What one batch did, to report once its transaction committed. */
    private static final class Effects {
        final List<Message> added = new ArrayList<>();
        final Set<ConversationId> conversations = new LinkedHashSet<>();
        final Set<ConversationId> deliveries = new LinkedHashSet<>();
        /** Peers the courier should turn to: receipts were queued for them, or they said hello (and may get ours). */
        final Set<PeerId> toWake = new LinkedHashSet<>();
        final Map<Confirmation, List<String>> toConfirm = new LinkedHashMap<>();
        final List<Dropped> dropped = new ArrayList<>();
        final List<Reacted> reactions = new ArrayList<>();
        /** A member list of a group unknown here came in the batch: what waited for the group is taken again. */
        boolean learnedAGroup;
    }

    private record Dropped(PeerId blamed, String reason) {
    }

    /** A member's reaction to a message here, and the message as it left it. */
    private record Reacted(Message message, PeerId by, String reaction) {
    }

    /** What did not come from its author (through a mailbox, or passed on) gets a "delivered" receipt, one per author and conversation. */
    private record Confirmation(PeerId author, ConversationId conversation) {
    }

    /**
     * An envelope as read and checked outside the database: its content, or why it was rejected; and why the plugin
     * that knows the data a message carries refuses it, if it does (a plugin's check never holds up a transaction).
     */
    private record Opened(byte[] bytes, Envelope envelope, String problem, Optional<String> contentRefusal) {
        static Opened of(byte[] bytes, BatchSignatures.VerifiedRoots roots, Contents contents) {
            try {
                Envelope envelope = Envelopes.open(bytes, roots);
                Optional<String> refusal = envelope.payload() instanceof Text text
                        ? text.content().flatMap(contents::refusalOfIncoming) : Optional.empty();
                return new Opened(bytes, envelope, null, refusal);
            } catch (InvalidInputException e) {
                return new Opened(bytes, null, e.getMessage(), Optional.empty());
            }
        }
    }

    /**
     * Checks and stores a batch; answers one verdict per envelope, in order. Signatures are checked
     * on all cores before the batch joins a transaction, which then holds only database work, each
     * signed batch once (see {@link BatchSignatures}).
     */
    List<Verdict> accept(Route route, List<byte[]> envelopes) throws MessagingException {
        List<Opened> opened = envelopes.parallelStream().map(bytes -> Opened.of(bytes, roots, contents)).toList();
        try {
            return storeAndReport(route, opened);
        } catch (MessagingException raced) {
            // This node's user may have opened the direct conversation that a first message starts, at
            // the same moment: it is there now. Anything else fails again.
            return storeAndReport(route, opened);
        }
    }

    private List<Verdict> storeAndReport(Route route, List<Opened> opened) throws MessagingException {
        Effects effects = new Effects();
        List<Verdict> verdicts = room.transactTogether(connection -> store(connection, route, opened, effects));
        report(effects);
        return verdicts;
    }

    private List<Verdict> store(Connection connection, Route route, List<Opened> opened, Effects effects) throws SQLException {
        List<Verdict> answers = new ArrayList<>(opened.size());
        for (Opened each : opened) {
            answers.add(acceptOne(connection, route, each, effects));
        }
        if (effects.learnedAGroup) {
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).kind() == Verdict.Kind.LATER) {
                    answers.set(i, acceptOne(connection, route, opened.get(i), effects));
                }
            }
        }
        for (Map.Entry<Confirmation, List<String>> confirm : effects.toConfirm.entrySet()) {
            PeerId author = confirm.getKey().author();
            room.queueReceipts(connection, confirm.getKey().conversation(), author, confirm.getValue(), false);
            effects.toWake.add(author);
        }
        return answers;
    }

    private Verdict acceptOne(Connection connection, Route route, Opened opened, Effects effects) throws SQLException {
        if (opened.problem() != null) {
            return drop(effects, route.from(), "dropped a malformed or forged envelope: " + opened.problem());
        }
        Envelope envelope = opened.envelope();
        PeerId author = envelope.author();
        if (route instanceof Direct && !author.equals(route.from())) {
            if (GroupCarrier.awaitsItsGroup(connection, room.self.id(), route.from(), envelope)) {
                return Verdict.unknown(envelope.conversation()); // who may pass it on shows once the group is known
            }
            if (!GroupCarrier.fromFellowMember(connection, room.self.id(), envelope, Optional.of(route.from()), gate)
                    && !GroupLists.passedOn(envelope, route.from(), room.self.id(), gate)) {
                return drop(effects, route.from(), "dropped an envelope written by " + author.shortForm() + " that "
                        + route.from().shortForm() + " may not pass on to this node (only a group's creator does, between its members,"
                        + " and members pass on their group's member list)");
            }
        }
        if (route instanceof ViaMailbox && !gate.mayMessage(author)
                && !GroupCarrier.fromFellowMember(connection, room.self.id(), envelope, Optional.empty(), gate)) {
            return drop(effects, author, "dropped mail from a peer without the message right (held by mailbox "
                    + route.from().shortForm() + ")");
        }
        if (author.equals(room.self.id()) && !listOfALostGroup(connection, envelope)) {
            return Verdict.STORED;
        }
        room.clock.witness(envelope.clock());
        return switch (envelope.payload()) {
            case Text text -> text(connection, route, envelope, text, opened.contentRefusal(), effects);
            case Members members -> members(connection, opened, members, effects);
            case Leave leave -> leave(connection, envelope, effects);
            case Receipt receipt -> receipt(connection, envelope, receipt, effects);
            case Names names -> names(connection, envelope, names, effects);
            case Amend amend -> amend(connection, envelope, amend, effects);
            case React react -> react(connection, envelope, react, effects);
            case Pin pin -> pin(connection, envelope, pin, effects);
            case Disappear disappear -> disappear(connection, envelope, disappear, effects);
            case Hello hello -> {
                if (route instanceof ViaMailbox) {
                    yield drop(effects, author, "dropped a hello that came through a mailbox");
                }
                HelloRows.store(connection, author, hello, envelope.clock());
                effects.toWake.add(author);
                yield Verdict.STORED;
            }
        };
    }

    private Verdict text(Connection connection, Route route, Envelope envelope, Text text, Optional<String> contentRefusal, Effects effects)
            throws SQLException {
        if (storedBefore(connection, envelope.id())) {
            return Verdict.STORED;
        }
        PeerId author = envelope.author();
        ConversationId id = envelope.conversation();
        Optional<Header> header = MessageRows.header(connection, id);
        if (id.equals(ConversationId.direct(author, room.self.id()))) {
            if (header.isEmpty()) {
                MessageRows.createConversation(connection, id, Conversation.Kind.DIRECT, "", author, 0,
                        List.of(author, room.self.id()));
                effects.conversations.add(id);
            }
        } else if (header.isEmpty()) {
            return Verdict.unknown(id);
        } else if (!header.get().members().contains(author) || !header.get().members().contains(room.self.id())) {
            return Verdict.refused("the author is not a member of \"" + header.get().title() + "\" here");
        }
        if (contentRefusal.isPresent()) {
            return drop(effects, author, "dropped a message from " + author.shortForm() + ": " + contentRefusal.get());
        }
        if (room.gone(connection, id, envelope.clock())) {
            return Verdict.STORED; // it came too late: on every other node it is gone already
        }
        NewMessage message = NewMessage.text(envelope, text, false);
        long seq = MessageRows.insert(connection, message);
        if (text.mentions().contains(room.self.id())) {
            MessageRows.countMention(connection, seq, id);
        }
        Message stored = Revisions.applyEarly(connection, envelope.id(), author, id, room.self.id()) ? MessageRows.message(connection, seq).orElseThrow()
                : MessageRows.stored(connection, seq, message, 0);
        if (stored.revision() != Message.Revision.DELETED) { // one deleted before it came is no news: nothing announces it
            effects.added.add(stored);
        }
        effects.conversations.add(id);
        if (!author.equals(route.from())) {
            effects.toConfirm.computeIfAbsent(new Confirmation(author, id), key -> new ArrayList<>()).add(envelope.id());
        }
        return Verdict.STORED;
    }

    /** Whether {@code envelope}, one of this node's own, is the member list of a group it created and lost (see {@link GroupLists}). */
    private static boolean listOfALostGroup(Connection connection, Envelope envelope) throws SQLException {
        return envelope.payload() instanceof Members && MessageRows.header(connection, envelope.conversation()).isEmpty();
    }

    /** Whether the message is here, or was until its history was cleared: either way, it is not stored again. */
    private static boolean storedBefore(Connection connection, String messageId) throws SQLException {
        return MessageRows.exists(connection, messageId) || ClearedHistory.wasCleared(connection, messageId);
    }

    private Verdict members(Connection connection, Opened opened, Members members, Effects effects) throws SQLException {
        Envelope envelope = opened.envelope();
        PeerId author = envelope.author();
        ConversationId id = envelope.conversation();
        if (!members.members().contains(author)) {
            return drop(effects, author, "dropped a member list for " + id + " that leaves out its own author");
        }
        Optional<Header> header = MessageRows.header(connection, id);
        if (header.isPresent() && (header.get().kind() != Conversation.Kind.GROUP || !header.get().creator().equals(author))) {
            return drop(effects, author, "dropped a member list for group \"" + header.get().title() + "\" from a peer that did not create it");
        }
        if (storedBefore(connection, envelope.id())) {
            return Verdict.STORED;
        }
        List<PeerId> before = header.map(Header::members).orElse(List.of());
        if (header.isEmpty()) {
            if (!members.members().contains(room.self.id())) {
                return Verdict.STORED;
            }
            MessageRows.createConversation(connection, id, Conversation.Kind.GROUP, members.title(), author, envelope.clock(),
                    members.members());
            keepList(connection, opened);
            effects.learnedAGroup = true;
        } else if (envelope.clock() > header.get().membersClock()) {
            MessageRows.replaceMembers(connection, id, members.title(), envelope.clock(), members.members());
            keepList(connection, opened);
        }
        boolean own = author.equals(room.self.id());
        NewMessage note = new NewMessage(envelope.id(), id, Message.Kind.MEMBERS, author, envelope.clock(),
                MemberNotes.describe(author, before, members, room.namesIn(connection)), List.of(), own);
        MessageRows.insert(connection, note);
        effects.added.add(note.asStored(0));
        effects.conversations.add(id);
        return Verdict.STORED;
    }

    /** Keeps a creator's list to pass on to a member that loses the group; a creator makes its own again. */
    private void keepList(Connection connection, Opened opened) throws SQLException {
        if (!opened.envelope().author().equals(room.self.id())) {
            GroupLists.keep(connection, opened.envelope().conversation(), opened.envelope().clock(), opened.bytes());
        }
    }

    /**
     * A member asks to leave a group this node created: it goes, and everyone hears the new list. A
     * request written before the list last changed (which may have brought the member back) is moot.
     */
    private Verdict leave(Connection connection, Envelope envelope, Effects effects) throws SQLException {
        PeerId author = envelope.author();
        ConversationId id = envelope.conversation();
        Optional<Header> header = MessageRows.header(connection, id);
        if (header.isEmpty() || header.get().kind() != Conversation.Kind.GROUP || !header.get().creator().equals(room.self.id())) {
            return drop(effects, author, "dropped a request to leave " + id + ", a group this node did not create");
        }
        List<PeerId> before = header.get().members();
        if (!before.contains(author) || envelope.clock() <= header.get().membersClock()) {
            return Verdict.STORED;
        }
        MemberChange change = MemberChange.leaving(connection, room, id, header.get().title(), before, author, room.clock.tick());
        MessageRows.message(connection, change.seq()).ifPresent(effects.added::add);
        effects.conversations.add(id);
        effects.toWake.addAll(change.told());
        return Verdict.STORED;
    }

    /** What a group's creator calls its members: kept for the members, and only from the creator. */
    private Verdict names(Connection connection, Envelope envelope, Names names, Effects effects) throws SQLException {
        ConversationId id = envelope.conversation();
        Optional<Header> header = MessageRows.header(connection, id);
        if (header.isEmpty()) {
            return Verdict.unknown(id);
        }
        if (header.get().kind() != Conversation.Kind.GROUP || !header.get().creator().equals(envelope.author())) {
            return drop(effects, envelope.author(), "dropped member names for \"" + header.get().title() + "\" from a peer that did not create it");
        }
        Map<PeerId, String> ofMembers = new LinkedHashMap<>(names.names());
        ofMembers.keySet().retainAll(header.get().members());
        ofMembers.remove(room.self.id());
        MemberNames.remember(connection, id, ofMembers);
        effects.conversations.add(id);
        return Verdict.STORED;
    }

    /**
     * The author edits or deletes a message it sent. Only the newest change counts (by clock: one that comes late, or again,
     * changes nothing), and a deletion is final. A change to a message whose history was cleared here changes nothing; one
     * to a message not here yet waits for it (see {@link Revisions}).
     */
    private Verdict amend(Connection connection, Envelope envelope, Amend amend, Effects effects) throws SQLException {
        PeerId author = envelope.author();
        Optional<Revisions.Target> target = Revisions.target(connection, amend.messageId());
        if (target.isEmpty()) {
            if (!ClearedHistory.wasCleared(connection, amend.messageId())) {
                Revisions.keepEarly(connection, amend.messageId(), author, envelope.conversation(), Revisions.Change.of(amend),
                        envelope.clock());
            }
            return Verdict.STORED;
        }
        if (!target.get().author().equals(author) || !target.get().conversation().equals(envelope.conversation())) {
            return drop(effects, author, "dropped a change to message " + amend.messageId() + " from " + author.shortForm()
                    + ", who did not write it there");
        }
        if (target.get().deleted() || envelope.clock() <= target.get().revisionClock()) {
            return Verdict.STORED;
        }
        Optional<String> problem = Revisions.problem(target.get(), amend.body());
        if (problem.isPresent()) {
            return drop(effects, author, "dropped a change to message " + amend.messageId() + " from " + author.shortForm() + ": "
                    + problem.get());
        }
        Revisions.apply(connection, target.get(), Revisions.Change.of(amend), envelope.clock(), room.self.id());
        effects.conversations.add(envelope.conversation());
        return Verdict.STORED;
    }

    /**
     * A member reacts to a message of the conversation, or takes its reaction back; the newest of each member's counts. One
     * to a message not here is kept for it, should it come (it took another way; or it never does, as to a member added
     * after it was written), and shows only on a message of the conversation it names; one to a deleted message, or to a
     * note about the members, changes nothing.
     */
    private Verdict react(Connection connection, Envelope envelope, React react, Effects effects) throws SQLException {
        PeerId author = envelope.author();
        Optional<Header> header = MessageRows.header(connection, envelope.conversation());
        if (header.isEmpty()) {
            return Verdict.unknown(envelope.conversation());
        }
        Optional<Revisions.Target> target = Revisions.target(connection, react.messageId());
        if (!fromMemberWhereWritten(header.get(), author, envelope.conversation(), target)) {
            return drop(effects, author, "dropped a reaction to message " + react.messageId() + " from " + author.shortForm()
                    + ", who is not a member where it was written");
        }
        boolean reactable = target.isPresent() ? isText(target.get()) : Reactions.mayKeepEarly(connection, author, envelope.clock());
        if (reactable && Reactions.apply(connection, react.messageId(), envelope.conversation(), author, react.reaction(), envelope.clock())
                && target.isPresent()) {
            effects.conversations.add(envelope.conversation());
            if (!react.reaction().isEmpty()) {
                MessageRows.message(connection, target.get().seq())
                        .ifPresent(message -> effects.reactions.add(new Reacted(message, author, react.reaction())));
            }
        }
        return Verdict.STORED;
    }

    /**
     * A member pins a message of the conversation to its top, or unpins it; the newest change counts. One for a message not
     * here is kept for it, as a reaction is; one for a deleted message, or a note about the members, changes nothing.
     */
    private Verdict pin(Connection connection, Envelope envelope, Pin pin, Effects effects) throws SQLException {
        PeerId author = envelope.author();
        Optional<Header> header = MessageRows.header(connection, envelope.conversation());
        if (header.isEmpty()) {
            return Verdict.unknown(envelope.conversation());
        }
        Optional<Revisions.Target> target = Revisions.target(connection, pin.messageId());
        if (!fromMemberWhereWritten(header.get(), author, envelope.conversation(), target)) {
            return drop(effects, author, "dropped a pin of message " + pin.messageId() + " from " + author.shortForm()
                    + ", who is not a member where it was written");
        }
        boolean pinnable = target.isPresent() ? isText(target.get()) : Pins.mayKeepEarly(connection, author, envelope.clock());
        if (pinnable && Pins.apply(connection, pin.messageId(), envelope.conversation(), author, pin.pinned(), envelope.clock())
                && target.isPresent()) {
            effects.conversations.add(envelope.conversation());
        }
        return Verdict.STORED;
    }

    /**
     * A member sets how long the conversation's messages last from the setting's clock on. Every setting is kept, since the
     * one in force when a message was written decides when it disappears, whatever order they all arrive in; each shows as a
     * note saying who set what.
     */
    private Verdict disappear(Connection connection, Envelope envelope, Disappear disappear, Effects effects) throws SQLException {
        PeerId author = envelope.author();
        ConversationId id = envelope.conversation();
        Optional<Header> header = MessageRows.header(connection, id);
        if (header.isEmpty() && id.equals(ConversationId.direct(author, room.self.id()))) {
            MessageRows.createConversation(connection, id, Conversation.Kind.DIRECT, "", author, 0, List.of(author, room.self.id()));
            header = MessageRows.header(connection, id);
        }
        if (header.isEmpty()) {
            return Verdict.unknown(id);
        }
        if (!header.get().members().contains(author)) {
            return drop(effects, author, "dropped a setting of how long the messages of \"" + header.get().title() + "\" last from "
                    + author.shortForm() + ", who is not a member");
        }
        if (storedBefore(connection, envelope.id())) {
            return Verdict.STORED;
        }
        room.setDisappearing(connection, id, author, envelope.clock(), disappear.afterMillis());
        effects.conversations.add(id);
        if (!room.gone(connection, id, envelope.clock())) { // the note is in its own setting's time
            NewMessage note = Disappearing.note(envelope, disappear.afterMillis(), room.namesIn(connection).apply(author), false);
            MessageRows.insert(connection, note);
            effects.added.add(note.asStored(0));
        }
        return Verdict.STORED;
    }

    /** Whether {@code author} is a member of the conversation, and the message it acts on, if here, was written there. */
    private static boolean fromMemberWhereWritten(Header header, PeerId author, ConversationId conversation, Optional<Revisions.Target> target) {
        return header.members().contains(author) && target.map(message -> message.conversation().equals(conversation)).orElse(true);
    }

    /** Whether a message is a text that was not deleted: one that reactions and pins are for. */
    private static boolean isText(Revisions.Target target) {
        return target.kind() == Message.Kind.TEXT && !target.deleted();
    }

    private Verdict receipt(Connection connection, Envelope envelope, Receipt receipt, Effects effects) throws SQLException {
        for (String messageId : receipt.messageIds()) {
            Optional<Long> seq = MessageRows.outgoingSeq(connection, messageId);
            if (seq.isPresent()) {
                MessageRows.advance(connection, seq.get(), envelope.author(), receipt.read() ? Delivery.READ : Delivery.DELIVERED,
                        Optional.empty()).ifPresent(effects.deliveries::add);
                OutboxRows.removeDelivered(connection, envelope.author(), seq.get());
            }
        }
        return Verdict.STORED;
    }

    /** Refuses an envelope; the audit log hears of it once the batch is committed. */
    private static Verdict drop(Effects effects, PeerId blamed, String reason) {
        effects.dropped.add(new Dropped(blamed, reason));
        return Verdict.refused(reason);
    }

    private void report(Effects effects) {
        effects.dropped.forEach(each -> gate.dropped(each.blamed(), each.reason()));
        effects.added.forEach(typing::arrived);
        effects.added.forEach(room.news::added);
        effects.conversations.forEach(room.news::conversationChanged);
        effects.reactions.forEach(reacted -> room.news.reacted(reacted.message(), reacted.by(), reacted.reaction()));
        effects.deliveries.forEach(room.news::deliveryChanged);
        effects.toWake.forEach(room.wake);
    }
}
