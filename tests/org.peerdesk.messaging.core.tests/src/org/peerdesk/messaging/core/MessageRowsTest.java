package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.core.MessageRows.NewMessage;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** Conversations and messages in the database, without peers: their order, what counts unread, and older databases. */
class MessageRowsTest {

    private static final PeerId SELF = new SigningKey().id;
    private static final PeerId ANA = new SigningKey().id;
    private static final PeerId BEN = new SigningKey().id;

    @TempDir
    Path home;

    private H2Storage storage;

    @BeforeEach
    void open() throws Exception {
        storage = new H2Storage(DataDirectory.open(home));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void theMostRecentlyActiveConversationComesFirstWhetherByMessageOrByNewMembers() throws Exception {
        storage.migrate(MessagingSchema.SCHEMA);
        ConversationId quiet = ConversationId.direct(SELF, ANA);
        ConversationId busy = ConversationId.direct(SELF, BEN);
        ConversationId newGroup = ConversationId.random();
        storage.transact(connection -> {
            MessageRows.createConversation(connection, quiet, Conversation.Kind.DIRECT, "", SELF, 0, List.of(SELF, ANA));
            MessageRows.createConversation(connection, busy, Conversation.Kind.DIRECT, "", SELF, 0, List.of(SELF, BEN));
            MessageRows.insert(connection, text(quiet, ANA, 100, "first"));
            MessageRows.insert(connection, text(busy, BEN, 200, "second"));
            MessageRows.insert(connection, text(busy, SELF, 300, "answer"));
            MessageRows.createConversation(connection, newGroup, Conversation.Kind.GROUP, "New", SELF, 250, List.of(SELF, ANA, BEN));
            return null;
        });

        assertEquals(List.of(busy, newGroup, quiet), ids(storage.transact(MessageRows::conversations)));

        storage.transact(connection -> MessageRows.insert(connection, text(quiet, ANA, 400, "late")));
        assertEquals(List.of(quiet, busy, newGroup), ids(storage.transact(MessageRows::conversations)));
    }

    @Test
    void textFromOthersIsUnreadUntilItsConversationIsRead() throws Exception {
        storage.migrate(MessagingSchema.SCHEMA);
        ConversationId chat = ConversationId.direct(SELF, ANA);
        ConversationId other = ConversationId.direct(SELF, BEN);
        storage.transact(connection -> {
            MessageRows.createConversation(connection, chat, Conversation.Kind.DIRECT, "", SELF, 0, List.of(SELF, ANA));
            MessageRows.createConversation(connection, other, Conversation.Kind.DIRECT, "", SELF, 0, List.of(SELF, BEN));
            MessageRows.insert(connection, text(chat, ANA, 1, "one"));
            MessageRows.insert(connection, text(chat, SELF, 2, "mine"));
            MessageRows.insert(connection, text(other, BEN, 3, "elsewhere"));
            MessageRows.insert(connection, text(chat, ANA, 4, "two"));
            return null;
        });
        assertEquals(2, unread(chat));

        Map<PeerId, List<String>> read = storage.transact(connection -> MessageRows.markRead(connection, chat));

        assertEquals(List.of(ANA), List.copyOf(read.keySet()));
        assertEquals(2, read.get(ANA).size());
        assertEquals(0, unread(chat));
        assertEquals(List.of(true, true, true), storage.transact(connection -> MessageRows.latest(connection, chat, 10))
                .stream().map(Message::read).toList());
        assertEquals(1, unread(other), "another conversation's unread message stays unread");
        assertEquals(Map.of(), storage.transact(connection -> MessageRows.markRead(connection, chat)), "nothing is read twice");
    }

    @Test
    void aDatabaseOfTheShapeBeforeKeepsItsUnreadMessagesAndOrder() throws Exception {
        storage.migrate(new AreaSchema("messaging", MessagingSchema.SCHEMA.migrations().subList(0, 6)));
        ConversationId chat = ConversationId.direct(SELF, ANA);
        storage.transact(connection -> {
            try (PreparedStatement conversation = connection.prepareStatement("INSERT INTO conversations "
                    + "(id, kind, title, creator, members_clock, last_clock, unread) VALUES (?, 'DIRECT', '', ?, 0, 2, 1)");
                    PreparedStatement member = connection.prepareStatement("INSERT INTO members VALUES (?, ?)");
                    PreparedStatement message = connection.prepareStatement("INSERT INTO messages (id, conversation_id, kind, "
                            + "author, clock, body, outgoing, is_read) VALUES (?, ?, 'TEXT', ?, ?, ?, ?, ?)")) {
                conversation.setString(1, chat.value());
                conversation.setString(2, SELF.toHex());
                conversation.executeUpdate();
                for (PeerId peer : List.of(SELF, ANA)) {
                    member.setString(1, chat.value());
                    member.setString(2, peer.toHex());
                    member.executeUpdate();
                }
                Object[][] rows = {{ANA, 1L, "seen", false, true}, {ANA, 2L, "not seen", false, false}, {SELF, 3L, "mine", true, true}};
                for (Object[] row : rows) {
                    message.setString(1, Envelopes.newId());
                    message.setString(2, chat.value());
                    message.setString(3, ((PeerId) row[0]).toHex());
                    message.setLong(4, (Long) row[1]);
                    message.setString(5, (String) row[2]);
                    message.setBoolean(6, (Boolean) row[3]);
                    message.setBoolean(7, (Boolean) row[4]);
                    message.executeUpdate();
                }
            }
            return null;
        });

        storage.migrate(MessagingSchema.SCHEMA);

        assertEquals(List.of("seen", "not seen", "mine"), storage.transact(connection -> MessageRows.latest(connection, chat, 10))
                .stream().map(Message::body).toList());
        Map<PeerId, List<String>> read = storage.transact(connection -> MessageRows.markRead(connection, chat));
        assertEquals(List.of(ANA), List.copyOf(read.keySet()));
        assertEquals(1, read.get(ANA).size());
        assertEquals(0, unread(chat));
    }

    @Test
    void deliveriesRecordedBeforeMessagesWerePassedOnKeepWhatTheySaid() throws Exception {
        storage.migrate(new AreaSchema("messaging", MessagingSchema.SCHEMA.migrations().subList(0, 8)));
        ConversationId chat = ConversationId.direct(SELF, ANA);
        int[] before = {-1, 0, 1, 2, 3}; // failed, sending, at the mailbox, delivered, read, as they were stored
        storage.transact(connection -> {
            MessageRows.createConversation(connection, chat, Conversation.Kind.DIRECT, "", SELF, 0, List.of(SELF, ANA));
            for (int i = 0; i < before.length; i++) {
                long seq = insertAsBefore(connection, chat, i + 1, "message " + i);
                MessageRows.addDeliveries(connection, seq, List.of(ANA));
                try (PreparedStatement update = connection.prepareStatement("UPDATE deliveries SET progress = ? WHERE message_seq = ?")) {
                    update.setInt(1, before[i]);
                    update.setLong(2, seq);
                    update.executeUpdate();
                }
            }
            return null;
        });

        storage.migrate(MessagingSchema.SCHEMA);

        assertEquals(List.of(Message.Delivery.FAILED, Message.Delivery.SENDING, Message.Delivery.AT_MAILBOX, Message.Delivery.DELIVERED,
                Message.Delivery.READ), storage.transact(connection -> MessageRows.latest(connection, chat, 10)).stream()
                        .map(Message::delivery).toList());
    }

    /** A message of this node's, stored as a node did before messages had more columns than the eighth migration's. */
    private static long insertAsBefore(Connection connection, ConversationId chat, long clock, String body) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (id, conversation_id, kind, author, clock, body, "
                + "outgoing, is_read) VALUES (?, ?, 'TEXT', ?, ?, ?, TRUE, TRUE)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, Envelopes.newId());
            insert.setString(2, chat.value());
            insert.setString(3, SELF.toHex());
            insert.setLong(4, clock);
            insert.setString(5, body);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Test
    void aMessageIsFoundByTheEndOfItsIdWhereNoOtherIdEndsSo() throws Exception {
        storage.migrate(MessagingSchema.SCHEMA);
        ConversationId chat = ConversationId.direct(SELF, ANA);
        String first = "0193a0b1c2d3" + "00000000000011223344";
        String second = "0193a0b1c2d4" + "00000000009911223344";
        storage.transact(connection -> {
            MessageRows.createConversation(connection, chat, Conversation.Kind.DIRECT, "", SELF, 0, List.of(SELF, ANA));
            for (String id : List.of(first, second)) {
                MessageRows.insert(connection, new NewMessage(id, chat, Message.Kind.TEXT, ANA, 100, "hi", List.of(), false));
            }
            return null;
        });
        assertEquals(List.of(first), storage.transact(connection -> MessageRows.idsEndingIn(connection, "0011223344", 2)));
        assertEquals(2, storage.transact(connection -> MessageRows.idsEndingIn(connection, "11223344", 2)).size(),
                "both, and no more than asked for");
        assertEquals(List.of(), storage.transact(connection -> MessageRows.idsEndingIn(connection, "99999999", 2)));
        assertEquals("11223344", new Message(first, chat, Message.Kind.TEXT, ANA, 100, "hi", List.of(), false, Message.Delivery.RECEIVED,
                false, java.util.Optional.empty(), Message.Reach.NONE, java.util.Optional.empty(), Message.Revision.ORIGINAL,
                java.util.Optional.empty(), List.of(), List.of(), java.util.Optional.empty(), java.util.Optional.empty()).handle());
    }

    private static NewMessage text(ConversationId conversation, PeerId author, long clock, String body) {
        return new NewMessage(Envelopes.newId(), conversation, Message.Kind.TEXT, author, clock, body, List.of(), author.equals(SELF));
    }

    private int unread(ConversationId id) throws Exception {
        return storage.transact(connection -> MessageRows.conversation(connection, id)).orElseThrow().unread();
    }

    private static List<ConversationId> ids(List<Conversation> conversations) {
        return conversations.stream().map(Conversation::id).toList();
    }
}
