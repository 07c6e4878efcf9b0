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
import org.peerdesk.messaging.core.Envelope.Hello;
import org.peerdesk.messaging.core.Envelope.Members;
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

    /** Who handed the envelopes over: the author itself on a direct stream, or a mailbox holding sealed mail. */
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

        /** Writes a dropped envelope to the audit log. */
        void dropped(PeerId peer, String reason);
    }

    private final Mailroom room;
    private final Gate gate;

    Inbox(Mailroom room, Gate gate) {
        this.room = room;
        this.gate = gate;
    }

    /** What one batch did, to report once its transaction committed. */
    private static final class Effects {
        final List<Long> added = new ArrayList<>();
        final List<Message> addedMessages = new ArrayList<>();
        final Set<ConversationId> conversations = new LinkedHashSet<>();
        final Set<ConversationId> deliveries = new LinkedHashSet<>();
        /** Peers the courier should turn to: receipts were queued for them, or they said hello (and may get ours). */
        final Set<PeerId> toWake = new LinkedHashSet<>();
        final Map<Confirmation, List<String>> toConfirm = new LinkedHashMap<>();
    }

    /** Mail that came through a mailbox gets a "delivered" receipt, one per author and conversation. */
    private record Confirmation(PeerId author, ConversationId conversation) {
    }

    /** An envelope as read and checked outside the database: its content, or why it was rejected. */
    private record Opened(Envelope envelope, String problem) {
        static Opened of(byte[] bytes) {
            try {
                return new Opened(Envelopes.open(bytes), null);
            } catch (InvalidInputException e) {
                return new Opened(null, e.getMessage());
            }
        }
    }

    /**
     * Checks and stores a batch; answers one verdict per envelope, in order. Signatures are checked
     * on all cores before the batch joins a transaction, which then holds only database work.
     */
    List<Verdict> accept(Route route, List<byte[]> envelopes) throws MessagingException {
        List<Opened> opened = envelopes.parallelStream().map(Opened::of).toList();
        Effects effects = new Effects();
        List<Verdict> verdicts = room.transactTogether(connection -> {
            List<Verdict> answers = new ArrayList<>(opened.size());
            for (Opened each : opened) {
                answers.add(acceptOne(connection, route, each, effects));
            }
            for (Map.Entry<Confirmation, List<String>> confirm : effects.toConfirm.entrySet()) {
                PeerId author = confirm.getKey().author();
                room.queueReceipts(connection, confirm.getKey().conversation(), author, confirm.getValue(), false);
                effects.toWake.add(author);
            }
            for (long seq : effects.added) {
                MessageRows.message(connection, seq).ifPresent(effects.addedMessages::add);
            }
            return answers;
        });
        report(effects);
        return verdicts;
    }

    private Verdict acceptOne(Connection connection, Route route, Opened opened, Effects effects) throws SQLException {
        if (opened.problem() != null) {
            return drop(route.from(), "dropped a malformed or forged envelope: " + opened.problem());
        }
        Envelope envelope = opened.envelope();
        PeerId author = envelope.author();
        if (route instanceof Direct && !author.equals(route.from())) {
            return drop(route.from(), "dropped an envelope that claims to be written by " + author.shortForm());
        }
        if (route instanceof ViaMailbox && !gate.mayMessage(author)) {
            return drop(author, "dropped mail from a peer without the message right (held by mailbox "
                    + route.from().shortForm() + ")");
        }
        if (author.equals(room.self.id())) {
            return Verdict.STORED;
        }
        room.clock.witness(envelope.clock());
        return switch (envelope.payload()) {
            case Text text -> text(connection, route, envelope, text, effects);
            case Members members -> members(connection, envelope, members, effects);
            case Receipt receipt -> receipt(connection, envelope, receipt, effects);
            case Hello hello -> {
                if (route instanceof ViaMailbox) {
                    yield drop(author, "dropped a hello that came through a mailbox");
                }
                HelloRows.store(connection, author, hello, envelope.clock());
                effects.toWake.add(author);
                yield Verdict.STORED;
            }
        };
    }

    private Verdict text(Connection connection, Route route, Envelope envelope, Text text, Effects effects) throws SQLException {
        if (MessageRows.exists(connection, envelope.id())) {
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
            return Verdict.later("this node does not know conversation " + id + " yet");
        } else if (!header.get().members().contains(author) || !header.get().members().contains(room.self.id())) {
            return Verdict.refused("the author is not a member of \"" + header.get().title() + "\" here");
        }
        effects.added.add(MessageRows.insert(connection,
                new NewMessage(envelope.id(), id, Message.Kind.TEXT, author, envelope.clock(), text.body(), text.attachments(), false)));
        effects.conversations.add(id);
        if (route instanceof ViaMailbox) {
            effects.toConfirm.computeIfAbsent(new Confirmation(author, id), key -> new ArrayList<>()).add(envelope.id());
        }
        return Verdict.STORED;
    }

    private Verdict members(Connection connection, Envelope envelope, Members members, Effects effects) throws SQLException {
        PeerId author = envelope.author();
        ConversationId id = envelope.conversation();
        if (!members.members().contains(author)) {
            return drop(author, "dropped a member list for " + id + " that leaves out its own author");
        }
        Optional<Header> header = MessageRows.header(connection, id);
        if (header.isPresent() && (header.get().kind() != Conversation.Kind.GROUP || !header.get().creator().equals(author))) {
            return drop(author, "dropped a member list for group \"" + header.get().title() + "\" from a peer that did not create it");
        }
        if (MessageRows.exists(connection, envelope.id())) {
            return Verdict.STORED;
        }
        List<PeerId> before = header.map(Header::members).orElse(List.of());
        if (header.isEmpty()) {
            if (!members.members().contains(room.self.id())) {
                return Verdict.STORED;
            }
            MessageRows.createConversation(connection, id, Conversation.Kind.GROUP, members.title(), author, envelope.clock(),
                    members.members());
        } else if (envelope.clock() > header.get().membersClock()) {
            MessageRows.replaceMembers(connection, id, members.title(), envelope.clock(), members.members());
        }
        effects.added.add(MessageRows.insert(connection, new NewMessage(envelope.id(), id, Message.Kind.MEMBERS, author,
                envelope.clock(), MemberNotes.describe(author, members.title(), before, members.members(), room::name), List.of(), false)));
        effects.conversations.add(id);
        return Verdict.STORED;
    }

    private Verdict receipt(Connection connection, Envelope envelope, Receipt receipt, Effects effects) throws SQLException {
        for (String messageId : receipt.messageIds()) {
            Optional<Long> seq = MessageRows.outgoingSeq(connection, messageId);
            if (seq.isPresent()) {
                MessageRows.advance(connection, seq.get(), envelope.author(), receipt.read() ? Delivery.READ : Delivery.DELIVERED,
                        Optional.empty()).ifPresent(effects.deliveries::add);
            }
        }
        return Verdict.STORED;
    }

    private Verdict drop(PeerId blamed, String reason) {
        gate.dropped(blamed, reason);
        return Verdict.refused(reason);
    }

    private void report(Effects effects) {
        effects.addedMessages.forEach(room.news::added);
        effects.conversations.forEach(room.news::conversationChanged);
        effects.deliveries.forEach(room.news::deliveryChanged);
        effects.toWake.forEach(room.wake);
    }
}
