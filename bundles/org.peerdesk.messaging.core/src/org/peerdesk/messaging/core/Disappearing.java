package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.Intervals;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;

/**
 * How long a conversation's messages last, the same on every member's node: each member's setting counts from its clock
 * on (a message is set to disappear by the setting in force when it was written, so that every member agrees on it
 * whatever order the settings and messages arrive in), and a message past its time is deleted here as its history would
 * be cleared, by a sweep each minute, or not stored at all when it arrives that late. Every method runs in the caller's
 * transaction.
 */
final class Disappearing {

    /** The least a setting other than keeping them may make messages last. */
    static final Duration SHORTEST = Duration.ofMinutes(1);

    private Disappearing() {
    }

    /** One setting, {@code author}'s: from the hybrid clock {@code since} on, messages last {@code afterMillis} (0: kept). */
    record Period(long since, long afterMillis, PeerId author) {

        /** Whether a message written at {@code clock} in this period is past its time at {@code nowMillis}. */
        boolean gone(long clock, long nowMillis) {
            return past(clock, afterMillis, nowMillis);
        }
    }

    /** A conversation's settings, oldest first; none for a conversation whose messages were never set to disappear. */
    record Periods(List<Period> all) {

        static final Periods NONE = new Periods(List.of());

        /** The setting in force at {@code clock}, if any. */
        Optional<Period> at(long clock) {
            Optional<Period> found = Optional.empty();
            for (Period period : all) {
                if (period.since() > clock) {
                    break;
                }
                found = Optional.of(period);
            }
            return found;
        }

        /** Whether a message written at {@code clock} is set to disappear. */
        boolean disappears(long clock) {
            return at(clock).filter(period -> period.afterMillis() > 0).isPresent();
        }

        /** How long messages written from now on last. */
        Duration now() {
            return all.isEmpty() ? Duration.ZERO : Duration.ofMillis(all.get(all.size() - 1).afterMillis());
        }
    }

    /** Why messages cannot be set to last {@code after}, if they cannot. */
    static Optional<String> problem(Duration after) {
        if (after.isZero() || after.compareTo(SHORTEST) >= 0 && after.compareTo(MessageService.MAX_DISAPPEAR_AFTER) <= 0) {
            return Optional.empty();
        }
        return Optional.of("messages last from " + Intervals.span(SHORTEST) + " to " + Intervals.span(MessageService.MAX_DISAPPEAR_AFTER)
                + " after they are written, or are kept");
    }

    /** The note every member reads of a setting: "Ana set messages to disappear ...", {@code who} being its author's name, or "You". */
    static MessageRows.NewMessage note(Envelope envelope, long afterMillis, String who, boolean own) {
        String what = afterMillis == 0 ? " set messages to be kept (they no longer disappear)"
                : " set messages to disappear " + Intervals.span(Duration.ofMillis(afterMillis)) + " after they are written";
        String body = who + what;
        return new MessageRows.NewMessage(envelope.id(), envelope.conversation(), Message.Kind.SETTING, envelope.author(), envelope.clock(),
                body, List.of(), own);
    }

    /** Whether a message of the conversation written at {@code clock} is past its time at {@code nowMillis}: one query, by key. */
    static boolean gone(Connection connection, ConversationId conversation, long clock, long nowMillis) throws SQLException {
        return until(connection, conversation, clock).filter(end -> end.toEpochMilli() <= nowMillis).isPresent();
    }

    /** When a message of the conversation written at {@code clock} disappears, if it is set to: one query, by key. */
    static Optional<Instant> until(Connection connection, ConversationId conversation, long clock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT after_millis FROM disappearing WHERE conversation_id = ?"
                + " AND since <= ? ORDER BY since DESC LIMIT 1")) {
            select.setString(1, conversation.value());
            select.setLong(2, clock);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(1) > 0 ? Optional.of(Instant.ofEpochMilli(end(clock, row.getLong(1)))) : Optional.empty();
            }
        }
    }

    /** Whether a message written at {@code clock} that lasts {@code afterMillis} (0: kept) is past its time at {@code nowMillis}. */
    private static boolean past(long clock, long afterMillis, long nowMillis) {
        return afterMillis > 0 && end(clock, afterMillis) <= nowMillis;
    }

    private static long end(long clock, long afterMillis) {
        return (clock >>> HybridClock.COUNTER_BITS) + afterMillis;
    }

    /** Records {@code author}'s setting as of {@code clock} (the same one again changes nothing). */
    static void set(Connection connection, ConversationId conversation, PeerId author, long clock, long afterMillis)
            throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO disappearing (conversation_id, since, after_millis, author)"
                + " KEY (conversation_id, since) VALUES (?, ?, ?, ?)")) {
            merge.setString(1, conversation.value());
            merge.setLong(2, clock);
            merge.setLong(3, afterMillis);
            merge.setString(4, author.toHex());
            merge.executeUpdate();
        }
    }

    /** The conversation's settings. */
    static Periods of(Connection connection, ConversationId conversation) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT since, after_millis, author FROM disappearing WHERE conversation_id = ? ORDER BY since")) {
            select.setString(1, conversation.value());
            List<Period> periods = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    periods.add(new Period(rows.getLong(1), rows.getLong(2), MessageRows.peer(rows.getString(3))));
                }
            }
            return periods.isEmpty() ? Periods.NONE : new Periods(List.copyOf(periods));
        }
    }

    /** What a sweep deleted: the conversations it changed, and the IDs of this node's own messages that offered files. */
    record Swept(Set<ConversationId> conversations, List<String> withFiles) {
    }

    /**
     * Deletes every message past its time at {@code nowMillis}, as {@link ClearedHistory} deletes them (their IDs kept, so
     * that none is stored again), after taking out of the outbox the texts that had not left: a message past its time is read
     * by no one. One a mailbox holds stays until it is delivered, and goes at the sweep after; so does a note whose envelope
     * (a setting, a member list) has yet to reach a member.
     */
    static Swept sweep(Connection connection, long nowMillis) throws SQLException {
        Set<ConversationId> changed = new LinkedHashSet<>();
        List<String> withFiles = new ArrayList<>();
        for (ConversationId conversation : conversations(connection)) {
            List<Period> periods = of(connection, conversation).all();
            for (int i = 0; i < periods.size(); i++) {
                Period period = periods.get(i);
                if (period.afterMillis() == 0) {
                    continue;
                }
                long end = Math.min(i + 1 < periods.size() ? periods.get(i + 1).since() : Long.MAX_VALUE,
                        (nowMillis - period.afterMillis() + 1) << HybridClock.COUNTER_BITS);
                if (end <= period.since()) {
                    continue;
                }
                withdrawUnsent(connection, conversation, period.since(), end);
                List<ClearedHistory.Deleted> deleted = ClearedHistory.delete(connection,
                        "m.conversation_id = ? AND m.clock >= ? AND m.clock < ?", conversation.value(), period.since(), end);
                if (!deleted.isEmpty()) {
                    changed.add(conversation);
                    deleted.stream().filter(ClearedHistory.Deleted::ownWithFiles).map(ClearedHistory.Deleted::id).forEach(withFiles::add);
                }
            }
        }
        return new Swept(changed, withFiles);
    }

    /** The conversations whose messages were ever set to disappear. */
    static List<ConversationId> conversations(Connection connection) throws SQLException {
        List<ConversationId> conversations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT conversation_id FROM disappearing WHERE after_millis > 0");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                conversations.add(new ConversationId(rows.getString(1)));
            }
        }
        return conversations;
    }

    private static void withdrawUnsent(Connection connection, ConversationId conversation, long from, long to) throws SQLException {
        // texts only: a note's envelope (a setting, a member list) still has to reach its members, and its note goes after
        try (PreparedStatement select = connection.prepareStatement("SELECT m.seq FROM messages m WHERE m.conversation_id = ?"
                + " AND m.outgoing AND m.kind = 'TEXT' AND m.clock >= ? AND m.clock < ?"
                + " AND EXISTS (SELECT 1 FROM outbox o WHERE o.message_seq = m.seq)")) {
            select.setString(1, conversation.value());
            select.setLong(2, from);
            select.setLong(3, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    OutboxRows.withdraw(connection, rows.getLong(1));
                }
            }
        }
    }
}
