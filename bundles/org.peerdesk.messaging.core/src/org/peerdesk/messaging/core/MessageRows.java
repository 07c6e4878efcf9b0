package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.Quote;
import org.peerdesk.messaging.Pin;
import org.peerdesk.messaging.Reaction;
import org.peerdesk.messaging.Receipt;

/** Conversations, their members and messages in the database; every method runs in the caller's transaction. */
final class MessageRows {

    private static final String MESSAGE_COLUMNS = "m.seq, m.id, m.conversation_id, m.kind, m.author, m.clock, m.body, m.attachments, "
            + "m.content_type, m.content_data, m.revision_clock, m.deleted, m.outgoing, m.is_read, "
            + "(SELECT MIN(d.progress) FROM deliveries d WHERE d.message_seq = m.seq) AS progress, "
            + "(SELECT MAX(d.problem) FROM deliveries d WHERE d.message_seq = m.seq) AS problem, "
            + "(SELECT COUNT(*) FROM deliveries d WHERE d.message_seq = m.seq) AS recipients, "
            + "(SELECT COUNT(*) FROM deliveries d WHERE d.message_seq = m.seq AND d.progress >= " + Delivery.DELIVERED + ") AS delivered, "
            + "(SELECT COUNT(*) FROM deliveries d WHERE d.message_seq = m.seq AND d.progress >= " + Delivery.READ + ") AS read_by, "
            + "m.reply_to, m.mentions, m.forwarded_author, m.forwarded_name";
    /** The most answered messages looked up in one query. */
    private static final int QUOTES_PER_QUERY = 100;

    /**
     * A message about to be stored; {@code replyTo}, the ID of the message it answers; {@code mentions}, the members it
     * mentions; {@code forwarded}, whose text it first was.
     */
    record NewMessage(String id, ConversationId conversation, Message.Kind kind, PeerId author, long clock, String body,
            List<Attachment> attachments, Optional<MessageContent.Typed> content, Optional<String> replyTo, List<PeerId> mentions,
            Optional<Forwarded> forwarded, boolean outgoing) {

        /** A message that neither answers nor mentions anyone, nor has a plugin's data: a text, or a note about the conversation. */
        NewMessage(String id, ConversationId conversation, Message.Kind kind, PeerId author, long clock, String body,
                List<Attachment> attachments, boolean outgoing) {
            this(id, conversation, kind, author, clock, body, attachments, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                    outgoing);
        }

        /** The text message an envelope carries. */
        static NewMessage text(Envelope envelope, Envelope.Text text, boolean outgoing) {
            return new NewMessage(envelope.id(), envelope.conversation(), Message.Kind.TEXT, envelope.author(), envelope.clock(),
                    text.body(), text.attachments(), text.content(), text.replyTo(), text.mentions(), text.forwarded(), outgoing);
        }

        /** Text from others counts as unread until the conversation is read. */
        boolean unread() {
            return !outgoing && kind == Message.Kind.TEXT;
        }

        /**
         * The message as reading it back right after storing it would give, sent to {@code recipients} others. Not for a
         * reply, whose quote only the database knows (see {@link MessageRows#stored}).
         */
        Message asStored(int recipients) {
            if (replyTo.isPresent()) {
                throw new IllegalStateException("a reply is read back for its quote");
            }
            Message.Delivery delivery = !outgoing ? Message.Delivery.RECEIVED
                    : recipients == 0 ? Message.Delivery.DELIVERED : Delivery.of(Delivery.SENDING);
            return new Message(id, conversation, kind, author, clock, body, attachments, outgoing, delivery, !unread(), Optional.empty(),
                    outgoing ? new Message.Reach(recipients, 0, 0) : Message.Reach.NONE, content, Message.Revision.ORIGINAL,
                    Optional.empty(), List.of(), mentions, forwarded, Optional.empty());
        }
    }

    /** A message just stored as {@code seq}, sent to {@code recipients} others: read back only for a reply, to quote what it answers. */
    static Message stored(Connection connection, long seq, NewMessage message, int recipients) throws SQLException {
        return message.replyTo().isPresent() ? message(connection, seq).orElseThrow() : message.asStored(recipients);
    }

    // --- conversations -------------------------------------------------------------------------

    static void createConversation(Connection connection, ConversationId id, Conversation.Kind kind, String title,
            PeerId creator, long membersClock, Collection<PeerId> members) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO conversations (id, kind, title, creator, "
                + "members_clock, unread) VALUES (?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, id.value());
            insert.setString(2, kind.name());
            insert.setString(3, title);
            insert.setString(4, creator.toHex());
            insert.setLong(5, membersClock);
            insert.executeUpdate();
        }
        insertMembers(connection, id, members);
    }

    static void replaceMembers(Connection connection, ConversationId id, String title, long membersClock,
            Collection<PeerId> members) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE conversations SET title = ?, members_clock = ? WHERE id = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM members WHERE conversation_id = ?")) {
            update.setString(1, title);
            update.setLong(2, membersClock);
            update.setString(3, id.value());
            update.executeUpdate();
            delete.setString(1, id.value());
            delete.executeUpdate();
        }
        insertMembers(connection, id, members);
    }

    private static void insertMembers(Connection connection, ConversationId id, Collection<PeerId> members) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO members (conversation_id, peer_id) VALUES (?, ?)")) {
            for (PeerId member : members) {
                insert.setString(1, id.value());
                insert.setString(2, member.toHex());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The conversation's stored facts without its last message: kind, title, creator, members clock, unread count. */
    record Header(Conversation.Kind kind, String title, PeerId creator, long membersClock, List<PeerId> members, int unread) {
    }

    static Optional<Header> header(Connection connection, ConversationId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT kind, title, creator, members_clock, unread FROM conversations WHERE id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Header(Conversation.Kind.valueOf(row.getString(1)), row.getString(2),
                        peer(row.getString(3)), row.getLong(4), members(connection, id), row.getInt(5)));
            }
        }
    }

    /** How many unread messages of the conversation mention this node's user: a table apart, empty but for them. */
    private static int unreadMentions(Connection connection, ConversationId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM unread_mentions WHERE conversation_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** The conversations where unread messages mention this node's user, each with how many do. */
    static Map<ConversationId, Integer> unreadMentions(Connection connection) throws SQLException {
        Map<ConversationId, Integer> counts = new LinkedHashMap<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT conversation_id, COUNT(*) FROM unread_mentions GROUP BY conversation_id")) {
            while (rows.next()) {
                counts.put(new ConversationId(rows.getString(1)), rows.getInt(2));
            }
        }
        return counts;
    }

    /** Whether the message is unread. */
    static boolean unread(Connection connection, long seq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM unread WHERE seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Counts an unread message of the conversation as one that mentions this node's user. */
    static void countMention(Connection connection, long seq, ConversationId conversation) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO unread_mentions (seq, conversation_id) VALUES (?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, conversation.value());
            insert.executeUpdate();
        }
    }

    private static List<PeerId> members(Connection connection, ConversationId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT peer_id FROM members WHERE conversation_id = ? ORDER BY peer_id")) {
            select.setString(1, id.value());
            List<PeerId> members = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(peer(rows.getString(1)));
                }
            }
            return members;
        }
    }

    static Optional<Conversation> conversation(Connection connection, ConversationId id) throws SQLException {
        Optional<Header> header = header(connection, id);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        List<Message> last = latest(connection, id, 1);
        Header facts = header.get();
        return Optional.of(new Conversation(id, facts.kind(), facts.title(), facts.creator(), facts.members(),
                facts.unread(), facts.unread() == 0 ? 0 : unreadMentions(connection, id), last.stream().findFirst(), isMuted(connection, id),
                draft(connection, id), Disappearing.of(connection, id).now()));
    }

    /**
     * Every conversation, the most recently active first: by its newest message, or by when its
     * members last changed if that is later (a new group has no message yet).
     */
    static List<Conversation> conversations(Connection connection) throws SQLException {
        Map<ConversationId, Long> membersClocks = new LinkedHashMap<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT id, members_clock FROM conversations")) {
            while (rows.next()) {
                membersClocks.put(new ConversationId(rows.getString(1)), rows.getLong(2));
            }
        }
        List<Conversation> conversations = new ArrayList<>(membersClocks.size());
        for (ConversationId id : membersClocks.keySet()) {
            conversation(connection, id).ifPresent(conversations::add);
        }
        conversations.sort(Comparator.comparingLong((Conversation each) -> Math.max(membersClocks.get(each.id()),
                each.last().map(Message::clock).orElse(0L))).reversed());
        return conversations;
    }

    /** The conversations muted on this node. */
    static Set<ConversationId> muted(Connection connection) throws SQLException {
        Set<ConversationId> muted = new java.util.HashSet<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT conversation_id FROM muted_conversations")) {
            while (rows.next()) {
                muted.add(new ConversationId(rows.getString(1)));
            }
        }
        return muted;
    }

    static void setMuted(Connection connection, ConversationId id, boolean muted) throws SQLException {
        try (PreparedStatement change = connection.prepareStatement(muted ? "MERGE INTO muted_conversations KEY (conversation_id) VALUES (?)"
                : "DELETE FROM muted_conversations WHERE conversation_id = ?")) {
            change.setString(1, id.value());
            change.executeUpdate();
        }
    }

    private static boolean isMuted(Connection connection, ConversationId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM muted_conversations WHERE conversation_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Draft draft(Connection connection, ConversationId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT text, reply_to FROM drafts WHERE conversation_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Draft(row.getString(1), Optional.ofNullable(row.getString(2))) : Draft.NONE;
            }
        }
    }

    /** Keeps the conversation's draft, or forgets it where it is empty. */
    static void setDraft(Connection connection, ConversationId id, Draft draft) throws SQLException {
        try (PreparedStatement change = connection.prepareStatement(draft.isEmpty() ? "DELETE FROM drafts WHERE conversation_id = ?"
                : "MERGE INTO drafts KEY (conversation_id) VALUES (?, ?, ?)")) {
            change.setString(1, id.value());
            if (!draft.isEmpty()) {
                change.setString(2, draft.text());
                change.setString(3, draft.replyTo().orElse(null));
            }
            change.executeUpdate();
        }
    }

    // --- messages ------------------------------------------------------------------------------

    static boolean exists(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM messages WHERE id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Stores a message, queues it for the word index, and counts it unread when it is text from another peer. */
    static long insert(Connection connection, NewMessage message) throws SQLException {
        long seq;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (id, conversation_id, kind, "
                + "author, clock, body, outgoing, is_read, attachments, content_type, content_data, reply_to, mentions, "
                + "forwarded_author, forwarded_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, message.id());
            insert.setString(2, message.conversation().value());
            insert.setString(3, message.kind().name());
            insert.setString(4, message.author().toHex());
            insert.setLong(5, message.clock());
            insert.setString(6, message.body());
            insert.setBoolean(7, message.outgoing());
            insert.setBoolean(8, !message.unread());
            insert.setString(9, attachmentLines(message.attachments()));
            insert.setString(10, message.content().map(MessageContent.Typed::type).orElse(null));
            insert.setString(11, message.content().map(MessageContent.Typed::data).orElse(null));
            insert.setString(12, message.replyTo().orElse(null));
            insert.setString(13, mentionsColumn(message.mentions()));
            insert.setString(14, message.forwarded().map(forwarded -> forwarded.author().toHex()).orElse(null));
            insert.setString(15, message.forwarded().map(Forwarded::name).orElse(null));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                seq = keys.getLong(1);
            }
        }
        if (message.unread()) {
            countUnread(connection, seq, message.conversation());
        }
        if (message.kind() == Message.Kind.TEXT) {
            WordIndex.queue(connection, seq);
        }
        return seq;
    }

    private static void countUnread(Connection connection, long seq, ConversationId conversation) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO unread (seq, conversation_id) VALUES (?, ?)");
                PreparedStatement update = connection.prepareStatement("UPDATE conversations SET unread = unread + 1 WHERE id = ?")) {
            insert.setLong(1, seq);
            insert.setString(2, conversation.value());
            insert.executeUpdate();
            update.setString(1, conversation.value());
            update.executeUpdate();
        }
    }

    /** Records that a sent message goes to each of {@code recipients}, not yet delivered. */
    static void addDeliveries(Connection connection, long seq, Collection<PeerId> recipients) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO deliveries (message_seq, peer_id, progress) VALUES (?, ?, " + Delivery.SENDING + ")")) {
            for (PeerId recipient : recipients) {
                insert.setLong(1, seq);
                insert.setString(2, recipient.toHex());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Moves the delivery of a message to one recipient forward (never back, except to failed);
     * returns the message's conversation when anything changed.
     */
    static Optional<ConversationId> advance(Connection connection, long seq, PeerId recipient, int progress,
            Optional<String> problem) throws SQLException {
        String condition = progress == Delivery.FAILED ? "progress < " + Delivery.DELIVERED : "progress < ?";
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE deliveries SET progress = ?, problem = ? WHERE message_seq = ? AND peer_id = ? AND " + condition)) {
            update.setInt(1, progress);
            update.setString(2, problem.orElse(null));
            update.setLong(3, seq);
            update.setString(4, recipient.toHex());
            if (progress != Delivery.FAILED) {
                update.setInt(5, progress);
            }
            if (update.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT conversation_id FROM messages WHERE seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new ConversationId(row.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * Notes why the messages still waiting in the outbox for {@code recipient} wait, on those not yet
     * sent anywhere; the note goes when they move on. Returns the conversations whose notes changed.
     */
    static Set<ConversationId> noteWaiting(Connection connection, PeerId recipient, String note) throws SQLException {
        Set<ConversationId> changed = new LinkedHashSet<>();
        try (PreparedStatement waiting = connection.prepareStatement("SELECT DISTINCT m.seq, m.conversation_id FROM outbox o "
                + "JOIN messages m ON m.seq = o.message_seq WHERE o.recipient = ?");
                PreparedStatement update = connection.prepareStatement("UPDATE deliveries SET problem = ? WHERE message_seq = ? "
                        + "AND peer_id = ? AND progress = " + Delivery.SENDING + " AND (problem IS NULL OR problem <> ?)")) {
            waiting.setString(1, recipient.toHex());
            update.setString(1, note);
            update.setString(3, recipient.toHex());
            update.setString(4, note);
            try (ResultSet rows = waiting.executeQuery()) {
                while (rows.next()) {
                    update.setLong(2, rows.getLong(1));
                    if (update.executeUpdate() > 0) {
                        changed.add(new ConversationId(rows.getString(2)));
                    }
                }
            }
        }
        return changed;
    }

    /** The sequence number of a message this node sent, by its ID. */
    static Optional<Long> outgoingSeq(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq FROM messages WHERE id = ? AND outgoing")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The messages pinned in a conversation (not deleted), the one pinned last first. */
    static List<Message> pinned(Connection connection, ConversationId id) throws SQLException {
        return query(connection, "SELECT " + MESSAGE_COLUMNS + " FROM message_pins p JOIN messages m ON m.id = p.message_id"
                + " WHERE p.conversation_id = ? AND p.pinned AND m.conversation_id = p.conversation_id AND NOT m.deleted"
                + " ORDER BY p.clock DESC, p.author DESC", select -> select.setString(1, id.value()));
    }

    static Optional<Message> message(Connection connection, long seq) throws SQLException {
        return query(connection, "SELECT " + MESSAGE_COLUMNS + " FROM messages m WHERE m.seq = ?", select -> select.setLong(1, seq))
                .stream().findFirst();
    }

    static List<Message> latest(Connection connection, ConversationId id, int limit) throws SQLException {
        return newestFirst(connection, "m2.conversation_id = ?", select -> {
            select.setString(1, id.value());
            select.setInt(2, limit);
        }).reversed();
    }

    static List<Message> before(Connection connection, ConversationId id, Message anchor, int limit) throws SQLException {
        return newestFirst(connection, "m2.conversation_id = ? AND (m2.clock, m2.author, m2.id) < (?, ?, ?)",
                fromAnchor(id, anchor, limit)).reversed();
    }

    /** Binds the conversation, the message a page starts from (in the order every screen shows) and the page's size. */
    private static Binder fromAnchor(ConversationId id, Message anchor, int limit) {
        return select -> {
            select.setString(1, id.value());
            select.setLong(2, anchor.clock());
            select.setString(3, anchor.author().toHex());
            select.setString(4, anchor.id());
            select.setInt(5, limit);
        };
    }

    /**
     * A page of messages, newest first. The page is picked by the index alone, and only its rows get
     * their delivery state computed: asked in one query, the database would compute it for every
     * message of the conversation before sorting.
     */
    private static List<Message> newestFirst(Connection connection, String condition, Binder binder) throws SQLException {
        return query(connection, "SELECT " + MESSAGE_COLUMNS + " FROM messages m JOIN (SELECT m2.seq FROM messages m2 WHERE "
                + condition + " ORDER BY m2.conversation_id DESC, m2.clock DESC, m2.author DESC, m2.id DESC LIMIT ?) page "
                + "ON m.seq = page.seq ORDER BY m.clock DESC, m.author DESC, m.id DESC", binder);
    }

    static List<Message> since(Connection connection, ConversationId id, long clock, int limit) throws SQLException {
        return oldestFirst(connection, "m2.conversation_id = ? AND m2.clock >= ?", select -> {
            select.setString(1, id.value());
            select.setLong(2, clock);
            select.setInt(3, limit);
        });
    }

    /** The {@code limit} messages just after {@code anchor}, oldest first: reading a conversation through, page by page. */
    static List<Message> after(Connection connection, ConversationId id, Message anchor, int limit) throws SQLException {
        return oldestFirst(connection, "m2.conversation_id = ? AND (m2.clock, m2.author, m2.id) > (?, ?, ?)",
                fromAnchor(id, anchor, limit));
    }

    /** A page of messages, oldest first, picked by the index alone (see {@link #newestFirst}). */
    private static List<Message> oldestFirst(Connection connection, String condition, Binder binder) throws SQLException {
        return query(connection, "SELECT " + MESSAGE_COLUMNS + " FROM messages m JOIN (SELECT m2.seq FROM messages m2 WHERE "
                + condition + " ORDER BY m2.conversation_id, m2.clock, m2.author, m2.id LIMIT ?) page "
                + "ON m.seq = page.seq ORDER BY m.clock, m.author, m.id", binder);
    }

    /** The deliveries of a message sent here, one a recipient, the furthest first. */
    static List<Receipt> receipts(Connection connection, String messageId) throws SQLException {
        List<Receipt> receipts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT d.peer_id, d.progress, d.problem FROM deliveries d"
                + " JOIN messages m ON m.seq = d.message_seq WHERE m.id = ? AND m.outgoing ORDER BY d.progress DESC, d.peer_id")) {
            select.setString(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    receipts.add(new Receipt(peer(rows.getString(1)), Delivery.of(rows.getInt(2)), Optional.ofNullable(rows.getString(3))));
                }
            }
        }
        return receipts;
    }

    /** At most {@code limit} IDs of messages that end in {@code tail} (lower-case hex digits): a scan of every ID. */
    static List<String> idsEndingIn(Connection connection, String tail, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM messages WHERE id LIKE ? LIMIT ?")) {
            select.setString(1, "%" + tail);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    static Optional<Message> byId(Connection connection, String messageId) throws SQLException {
        return query(connection, "SELECT " + MESSAGE_COLUMNS + " FROM messages m WHERE m.id = ?",
                select -> select.setString(1, messageId)).stream().findFirst();
    }

    /** Messages holding every one of {@code words}, newest first. */
    static List<Message> search(Connection connection, List<String> words, int limit) throws SQLException {
        List<Message> found = new ArrayList<>();
        for (long seq : WordIndex.search(connection, words, limit)) {
            message(connection, seq).ifPresent(found::add);
        }
        return found;
    }

    /** Marks the conversation read; returns the IDs of the messages that were unread, by author. */
    static Map<PeerId, List<String>> markRead(Connection connection, ConversationId id) throws SQLException {
        Map<PeerId, List<String>> unread = new LinkedHashMap<>();
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT m.seq, m.id, m.author FROM unread u "
                + "JOIN messages m ON m.seq = u.seq WHERE u.conversation_id = ? ORDER BY u.seq")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                    unread.computeIfAbsent(peer(rows.getString(3)), author -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        try (PreparedStatement messages = connection.prepareStatement("UPDATE messages SET is_read = TRUE WHERE seq = ?");
                PreparedStatement read = connection.prepareStatement("DELETE FROM unread WHERE seq = ?");
                PreparedStatement conversation = connection.prepareStatement("UPDATE conversations SET unread = 0 WHERE id = ?");
                PreparedStatement mentions = connection.prepareStatement("DELETE FROM unread_mentions WHERE conversation_id = ?")) {
            for (long seq : seqs) {
                messages.setLong(1, seq);
                messages.addBatch();
                read.setLong(1, seq);
                read.addBatch();
            }
            messages.executeBatch();
            read.executeBatch();
            conversation.setString(1, id.value());
            conversation.executeUpdate();
            mentions.setString(1, id.value());
            mentions.executeUpdate();
        }
        return unread;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * The messages a query of {@link #MESSAGE_COLUMNS} finds, replies with what they answer, and each with the reactions
     * to it and its pin. Those are looked up apart, by ID, rather than joined in: the database could plan such a join to read a whole
     * conversation for a page of it.
     */
    private static List<Message> query(Connection connection, String sql, Binder binder) throws SQLException {
        List<Message> messages = new ArrayList<>();
        Map<Integer, String> answering = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Optional.ofNullable(rows.getString("reply_to")).ifPresent(answered -> answering.put(messages.size(), answered));
                    messages.add(read(rows));
                }
            }
        }
        if (!answering.isEmpty()) {
            Map<String, Quoted> found = quoted(connection, List.copyOf(new LinkedHashSet<>(answering.values())));
            answering.forEach((index, answered) -> messages.set(index, withQuote(messages.get(index), answered, found.get(answered))));
        }
        if (!messages.isEmpty()) {
            Map<String, List<Reaction>> reactions = Reactions.of(connection, messages);
            Map<String, Pin> pins = Pins.of(connection, messages);
            messages.replaceAll(message -> reactions.containsKey(message.id()) || pins.containsKey(message.id())
                    ? copy(message, message.replyTo(), reactions.getOrDefault(message.id(), List.of()), Optional.ofNullable(pins.get(message.id())))
                    : message);
        }
        return messages;
    }

    /** A message as a reply quotes it: where it is, who wrote it, the start of its text, its files, whether it was deleted. */
    private record Quoted(ConversationId conversation, PeerId author, String body, List<Attachment> attachments, boolean deleted) {
    }

    private static Map<String, Quoted> quoted(Connection connection, List<String> ids) throws SQLException {
        Map<String, Quoted> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += QUOTES_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + QUOTES_PER_QUERY));
            try (PreparedStatement select = connection.prepareStatement("SELECT id, conversation_id, author, SUBSTRING(body, 1, "
                    + 2 * Quote.EXCERPT_CHARS + "), attachments, deleted FROM messages WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), new Quoted(new ConversationId(rows.getString(2)), peer(rows.getString(3)),
                                rows.getString(4), attachments(rows.getString(5)), rows.getBoolean(6)));
                    }
                }
            }
        }
        return found;
    }

    /** The reply with what it answers, as this node has it; {@code quoted} null where it is not here. */
    private static Message withQuote(Message reply, String answered, Quoted quoted) {
        Quote quote = quoted == null || !quoted.conversation().equals(reply.conversation()) // another conversation's is not quoted
                ? new Quote(answered, Optional.empty(), "", false)
                : new Quote(answered, Optional.of(quoted.author()),
                        quoted.deleted() ? "" : Quote.excerptOf(quoted.body(), quoted.attachments()), quoted.deleted());
        return copy(reply, Optional.of(quote), reply.reactions(), reply.pinned());
    }

    private static Message copy(Message message, Optional<Quote> replyTo, List<Reaction> reactions, Optional<Pin> pinned) {
        return new Message(message.id(), message.conversation(), message.kind(), message.author(), message.clock(), message.body(),
                message.attachments(), message.outgoing(), message.delivery(), message.read(), message.problem(), message.reach(),
                message.content(), message.revision(), replyTo, reactions, message.mentions(), message.forwarded(), pinned);
    }

    private static Message read(ResultSet row) throws SQLException {
        boolean outgoing = row.getBoolean("outgoing");
        int progress = row.getInt("progress");
        boolean noRecipients = row.wasNull();
        Message.Delivery delivery = !outgoing ? Message.Delivery.RECEIVED
                : noRecipients ? Message.Delivery.DELIVERED : Delivery.of(progress);
        return new Message(row.getString("id"), new ConversationId(row.getString("conversation_id")),
                Message.Kind.valueOf(row.getString("kind")), peer(row.getString("author")), row.getLong("clock"),
                row.getString("body"), attachments(row.getString("attachments")), outgoing, delivery, row.getBoolean("is_read"),
                Optional.ofNullable(row.getString("problem")),
                outgoing ? new Message.Reach(row.getInt("recipients"), row.getInt("delivered"), row.getInt("read_by")) : Message.Reach.NONE,
                content(row.getString("content_type"), row.getString("content_data")),
                row.getBoolean("deleted") ? Message.Revision.DELETED
                        : row.getLong("revision_clock") != 0 ? Message.Revision.EDITED : Message.Revision.ORIGINAL,
                Optional.empty(), List.of(), mentions(row.getString("mentions")), forwarded(row.getString("forwarded_author"),
                        row.getString("forwarded_name")), Optional.empty());
    }

    private static Optional<Forwarded> forwarded(String author, String name) {
        return author == null ? Optional.empty() : Optional.of(new Forwarded(peer(author), name));
    }

    /** The members a message mentions, as its {@code mentions} column holds them: null (or empty) for none. */
    static List<PeerId> mentions(String hexes) {
        return hexes == null || hexes.isEmpty() ? List.of() : java.util.Arrays.stream(hexes.split(",")).map(MessageRows::peer).toList();
    }

    /** The {@code mentions} column of a message that mentions {@code mentions}. */
    static String mentionsColumn(List<PeerId> mentions) {
        return mentions.isEmpty() ? null : String.join(",", mentions.stream().map(PeerId::toHex).toList());
    }

    private static Optional<MessageContent.Typed> content(String type, String data) {
        return type == null ? Optional.empty() : Optional.of(new MessageContent.Typed(type, data));
    }

    /** Attachments as stored: a line each, the size and the path separated by a tab (paths hold no control characters). */
    private static String attachmentLines(List<Attachment> attachments) {
        StringBuilder lines = new StringBuilder();
        for (Attachment attachment : attachments) {
            lines.append(attachment.size()).append('\t').append(attachment.path()).append('\n');
        }
        return lines.toString();
    }

    private static List<Attachment> attachments(String lines) {
        List<Attachment> attachments = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isEmpty()) {
                int tab = line.indexOf('\t');
                attachments.add(new Attachment(Long.parseLong(line.substring(0, tab)), line.substring(tab + 1)));
            }
        }
        return attachments;
    }

    static PeerId peer(String hex) {
        return new PeerId(HexFormat.of().parseHex(hex));
    }

    private MessageRows() {
    }
}
