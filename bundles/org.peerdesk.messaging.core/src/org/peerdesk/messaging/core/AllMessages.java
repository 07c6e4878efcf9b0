package org.peerdesk.messaging.core;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/**
 * Every conversation here with its messages, oldest first, read a page at a time: what the backups' writers go through (and,
 * for a peer catching up, some of it). Messages set to disappear are left out: they are to be kept nowhere.
 */
final class AllMessages {

    /**
     * Told of each conversation with how long its messages last (its settings), then of each of its messages, then that it
     * ended (also where reading it failed).
     */
    interface Reader {
        default void begin(Conversation conversation, Disappearing.Periods settings) throws IOException {
        }

        void message(Message message) throws IOException;

        default void end(Conversation conversation) throws IOException {
        }
    }

    /** Which conversations are read, and their messages from which clock on. */
    record Selection(Predicate<Conversation> conversations, long since) {

        static final Selection ALL = new Selection(conversation -> true, 0);
    }

    private AllMessages() {
    }

    /** Reads every conversation once, for all {@code readers} together. */
    static void read(Mailroom room, List<Reader> readers) throws IOException, MessagingException {
        read(room, Selection.ALL, readers);
    }

    /** Reads what {@code selection} picks once, for all {@code readers} together. */
    static void read(Mailroom room, Selection selection, List<Reader> readers) throws IOException, MessagingException {
        for (Conversation conversation : room.transact(MessageRows::conversations)) {
            if (!selection.conversations().test(conversation)) {
                continue;
            }
            Disappearing.Periods periods = room.transact(connection -> Disappearing.of(connection, conversation.id()));
            for (Reader reader : readers) {
                reader.begin(conversation, periods);
            }
            try {
                List<Message> page = room.transact(connection -> MessageRows.since(connection, conversation.id(), selection.since(),
                        MessageService.MAX_PAGE));
                while (!page.isEmpty()) {
                    for (Message message : page) {
                        if (periods.disappears(message.clock())) {
                            continue;
                        }
                        for (Reader reader : readers) {
                            reader.message(message);
                        }
                    }
                    Message last = page.get(page.size() - 1);
                    page = room.transact(connection -> MessageRows.after(connection, conversation.id(), last, MessageService.MAX_PAGE));
                }
            } finally {
                for (Reader reader : readers) {
                    reader.end(conversation);
                }
            }
        }
    }
}
