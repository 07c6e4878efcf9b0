package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.core.Envelope.Amend;
import org.peerdesk.messaging.core.Envelope.React;
import org.peerdesk.messaging.core.Envelope.Receipt;
import org.peerdesk.messaging.core.Envelope.Text;
import org.peerdesk.messaging.core.MessageRows.Header;
import org.peerdesk.messaging.core.OutboxRows.Item;

/**
 * A group's creator passes its members' messages, their changes to them, reactions, pins, settings of how long messages last and receipts on to members they cannot reach. Members
 * talk directly, but two members need not know each other as peers, while each knows the creator, who
 * added them both. The author's signature travels unchanged, so the creator can neither alter nor
 * forge what it passes on, and the recipient takes it as from the author.
 *
 * <p>The rules, in one place: which carrier a member hands an envelope to, what a creator takes to pass
 * on, and what a member takes from a carrier.
 */
final class GroupCarrier {

    /** Envelopes a creator holds for one recipient at most, whatever their source, before it asks for later. */
    static final int MAX_HELD = 10_000;

    private GroupCarrier() {
    }

    /**
     * Where the envelopes for {@code recipient}, a peer {@code self} cannot reach, go: to the creators of groups
     * that {@code self} did not create and that have the recipient as a member, by creator; {@code noLonger}, those
     * of groups the recipient is no longer a member of, which nobody will deliver; and what the recipient is called here.
     */
    record Routes(Map<PeerId, List<Item>> byCarrier, List<Item> noLonger, String recipientName) {
    }

    static Routes routes(Connection connection, Mailroom room, PeerId recipient, List<Item> items) throws SQLException {
        PeerId self = room.self.id();
        Map<PeerId, List<Item>> byCarrier = new LinkedHashMap<>();
        List<Item> noLonger = new ArrayList<>();
        for (Item item : items) {
            Optional<Header> group = MessageRows.header(connection, Envelopes.conversationOf(item.envelope()))
                    .filter(header -> header.kind() == Conversation.Kind.GROUP);
            if (group.isEmpty()) {
                continue;
            }
            PeerId creator = group.get().creator();
            if (!group.get().members().contains(recipient)) {
                noLonger.add(item);
            } else if (!creator.equals(self) && !creator.equals(recipient)) {
                byCarrier.computeIfAbsent(creator, key -> new ArrayList<>()).add(item);
            }
        }
        return new Routes(byCarrier, noLonger, room.namesIn(connection).apply(recipient));
    }

    /**
     * This node, a group's creator, takes an envelope from {@code author} to pass on to {@code recipient}:
     * the author's own text, change to one, or receipt, in a group this node created, both of them members. What it takes
     * joins its outbox as it came.
     */
    static Verdict take(Connection connection, PeerId self, PeerId author, PeerId recipient, byte[] bytes) throws SQLException {
        Envelope envelope;
        try {
            envelope = Envelopes.open(bytes);
        } catch (InvalidInputException e) {
            return Verdict.refused("a malformed or forged envelope to pass on: " + e.getMessage());
        }
        if (!envelope.author().equals(author)) {
            return Verdict.refused("this node passes on only what its author hands over, not what "
                    + envelope.author().shortForm() + " wrote");
        }
        if (!isGroupTraffic(envelope)) {
            return Verdict.refused("only a group's messages, changes to them, reactions, pins, settings and receipts are passed on");
        }
        if (unknownGroup(connection, envelope.conversation(), author, self, recipient)) {
            return Verdict.unknown(envelope.conversation()); // this node may have lost the group, which a member brings back
        }
        Optional<Header> group = MessageRows.header(connection, envelope.conversation())
                .filter(header -> header.kind() == Conversation.Kind.GROUP && header.creator().equals(self));
        if (group.isEmpty()) {
            return Verdict.refused("conversation " + envelope.conversation() + " is not a group this node created");
        }
        List<PeerId> members = group.get().members();
        if (!members.contains(author) || !members.contains(recipient) || recipient.equals(author) || recipient.equals(self)) {
            return Verdict.refused("both the author and " + recipient.shortForm() + " must be other members of \""
                    + group.get().title() + "\"");
        }
        if (OutboxRows.count(connection, recipient) >= MAX_HELD) {
            return Verdict.later("this node holds " + MAX_HELD + " envelopes for " + recipient.shortForm() + " already");
        }
        OutboxRows.insertSigned(connection, recipient, bytes);
        return Verdict.STORED;
    }

    /**
     * Whether this node takes {@code envelope} from a member it has not let message it otherwise: a text, a change to one, or a
     * receipt in a group of both, whose creator it lets message it, from an author it has not blocked;
     * {@code carrier}, when known, must be that creator.
     */
    static boolean fromFellowMember(Connection connection, PeerId self, Envelope envelope, Optional<PeerId> carrier,
            Inbox.Gate gate) throws SQLException {
        if (!isGroupTraffic(envelope) || gate.blocked(envelope.author())) {
            return false;
        }
        return MessageRows.header(connection, envelope.conversation())
                .filter(group -> group.kind() == Conversation.Kind.GROUP && group.members().contains(envelope.author())
                        && group.members().contains(self) && gate.mayMessage(group.creator())
                        && carrier.map(group.creator()::equals).orElse(true))
                .isPresent();
    }

    /** Whether {@code envelope}, passed on to {@code self} by {@code carrier}, a peer other than its author, may belong to a group not known here yet. */
    static boolean awaitsItsGroup(Connection connection, PeerId self, PeerId carrier, Envelope envelope) throws SQLException {
        return isGroupTraffic(envelope) && unknownGroup(connection, envelope.conversation(), envelope.author(), self, carrier);
    }

    /**
     * Whether {@code conversation} is not known here and may be a group this node lost or has not heard of yet: it is no
     * direct conversation between two of {@code peers}, which nobody passes on.
     */
    private static boolean unknownGroup(Connection connection, ConversationId conversation, PeerId... peers) throws SQLException {
        for (int i = 0; i < peers.length; i++) {
            for (int j = i + 1; j < peers.length; j++) {
                if (conversation.equals(ConversationId.direct(peers[i], peers[j]))) {
                    return false;
                }
            }
        }
        return MessageRows.header(connection, conversation).isEmpty();
    }

    private static boolean isGroupTraffic(Envelope envelope) {
        return envelope.payload() instanceof Text || envelope.payload() instanceof Receipt || envelope.payload() instanceof Amend
                || envelope.payload() instanceof React || envelope.payload() instanceof Envelope.Pin
                || envelope.payload() instanceof Envelope.Disappear;
    }
}
