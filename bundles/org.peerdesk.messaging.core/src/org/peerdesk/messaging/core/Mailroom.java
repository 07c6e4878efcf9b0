package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.storage.GroupCommit;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * What the sending and the receiving side share: the database, this node as author, the clock, the
 * names of peers for notes like "Alice added Bob", where news goes, and which conversations' messages may disappear. Its
 * {@link #queue} is the one way anything enters the outbox.
 */
final class Mailroom {

    /** What the messaging area tells the world; the running node posts these as events. */
    interface Events extends Typing.Changes {
        void added(Message message);

        void deliveryChanged(ConversationId conversation);

        void conversationChanged(ConversationId conversation);

        /** A member ({@code by}) of another node reacted to {@code message}, as it stands now. */
        void reacted(Message message, PeerId by, String reaction);
    }

    /** Transactions that share one commit at most; enough to fill a commit, few enough that none waits long. */
    private static final int MAX_TOGETHER = 256;

    final Storage storage;
    final Author self;
    final HybridClock clock;
    final Function<PeerId, String> names;
    final Events news;
    /** Turns the courier to a peer: the outbox holds something new for it, or it said hello (and may get ours). */
    final Consumer<PeerId> wake;
    private final GroupCommit together;
    /** The conversations whose messages a member ever set to disappear: held in memory, cheap to ask for every message that comes. */
    private final Set<ConversationId> disappearing = ConcurrentHashMap.newKeySet();

    Mailroom(Storage storage, Author self, HybridClock clock, Function<PeerId, String> names, Events news,
            Consumer<PeerId> wake) throws StorageException {
        this.storage = storage;
        this.self = self;
        this.clock = clock;
        this.names = names;
        this.news = news;
        this.wake = wake;
        this.together = new GroupCommit(storage, MAX_TOGETHER);
        this.disappearing.addAll(storage.transact(Disappearing::conversations));
    }

    /** Records {@code author}'s setting of how long the conversation's messages last, as of {@code clock} (see {@link Disappearing}). */
    void setDisappearing(Connection connection, ConversationId conversation, PeerId author, long clock, long afterMillis)
            throws SQLException {
        Disappearing.set(connection, conversation, author, clock, afterMillis);
        if (afterMillis > 0) {
            disappearing.add(conversation);
        }
    }

    /** Whether a message of the conversation written at {@code clock} is past its time now; a query only where messages may disappear. */
    boolean gone(Connection connection, ConversationId conversation, long clock) throws SQLException {
        return disappearing.contains(conversation) && Disappearing.gone(connection, conversation, clock, this.clock.wallMillis());
    }

    /**
     * When this node's text {@code messageSeq} disappears, if it is set to; a query only where messages may disappear. A note
     * (a setting, a member list) has none here: its envelope must reach every member, however late, for them to agree.
     */
    Optional<Instant> disappearsAt(Connection connection, long messageSeq) throws SQLException {
        if (disappearing.isEmpty()) {
            return Optional.empty();
        }
        Optional<Message> message = MessageRows.message(connection, messageSeq)
                .filter(found -> found.kind() == Message.Kind.TEXT && disappearing.contains(found.conversation()));
        return message.isEmpty() ? Optional.empty() : Disappearing.until(connection, message.get().conversation(), message.get().clock());
    }

    <T> T transact(SqlWork<T> work) throws MessagingException {
        return available(() -> storage.transact(work));
    }

    /**
     * As {@link #transact}, for the small transactions that come many at a time (sending, taking in,
     * settling deliveries): those that arrive together share one commit.
     */
    <T> T transactTogether(SqlWork<T> work) throws MessagingException {
        return available(() -> together.transact(work));
    }

    private interface StorageCall<T> {
        T call() throws StorageException;
    }

    private static <T> T available(StorageCall<T> call) throws MessagingException {
        try {
            return call.call();
        } catch (StorageException e) {
            throw new MessagingException("Messages are not available: " + e.getMessage(), e);
        }
    }

    /**
     * Puts {@code envelope} in the outbox of each recipient, with the message it carries stored first
     * if there is one; returns the stored message's sequence number (0 without one). Runs inside the
     * caller's transaction, so the message and its deliveries are kept together. The courier signs
     * what it sends, many envelopes at a time.
     */
    long queue(Connection connection, Envelope envelope, Collection<PeerId> recipients, Optional<MessageRows.NewMessage> message)
            throws SQLException {
        return queue(connection, self.content(envelope), recipients, message);
    }

    /** As {@link #queue(Connection, Envelope, Collection, Optional)}, for an envelope's content made already. */
    long queue(Connection connection, byte[] content, Collection<PeerId> recipients, Optional<MessageRows.NewMessage> message)
            throws SQLException {
        long seq = 0;
        if (message.isPresent()) {
            seq = MessageRows.insert(connection, message.get());
            MessageRows.addDeliveries(connection, seq, recipients);
        }
        Optional<Long> messageSeq = message.isPresent() ? Optional.of(seq) : Optional.empty();
        for (PeerId recipient : recipients) {
            OutboxRows.insert(connection, recipient, messageSeq, content);
        }
        return seq;
    }

    /** Queues receipts for {@code ids} to their author, in envelopes of at most a thousand. */
    void queueReceipts(Connection connection, ConversationId conversation, PeerId author, List<String> ids, boolean read)
            throws SQLException {
        for (int from = 0; from < ids.size(); from += Envelopes.MAX_RECEIPT_IDS) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Envelopes.MAX_RECEIPT_IDS));
            queue(connection, new Envelope(Envelopes.newId(), conversation, self.id(), clock.tick(), new Envelope.Receipt(read, chunk)),
                    List.of(author), Optional.empty());
        }
    }

    String name(PeerId peer) {
        return peer.equals(self.id()) ? "you" : names.apply(peer);
    }

    /** As {@link #name}, also knowing the names that groups' creators call members this node does not know as peers. */
    Function<PeerId, String> namesIn(Connection connection) throws SQLException {
        Map<PeerId, String> heard = MemberNames.all(connection);
        return peer -> {
            String known = name(peer);
            return known.equals(peer.shortForm()) ? heard.getOrDefault(peer, known) : known;
        };
    }
}
