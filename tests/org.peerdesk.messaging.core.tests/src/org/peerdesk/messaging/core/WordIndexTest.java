package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

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
import org.peerdesk.testing.Schema;

class WordIndexTest {

    private static final ConversationId CHAT = ConversationId.random();

    @TempDir
    Path temp;

    private final PeerId author = new SigningKey().id;

    @Test
    void searchFindsMessagesBeforeAndAfterTheyAreIndexed() throws Exception {
        try (H2Storage storage = storage()) {
            store(storage, "the build is green", "lunch at noon", "the build broke again", "Build logs attached");
            assertEquals(List.of(4L, 3L, 1L), search(storage, "build", 10), "found in the queue");
            assertEquals(List.of(3L, 1L), search(storage, "the build", 10));

            assertEquals(4, new WordIndexer(storage, Runnable::run).catchUp());
            assertEquals(List.of(4L, 3L, 1L), search(storage, "build", 10), "found in the postings");
            assertEquals(List.of(3L, 1L), search(storage, "the build", 10));
            assertEquals(List.of(4L), search(storage, "build", 1));
            assertEquals(List.of(), search(storage, "dinner", 10));
            assertEquals(List.of(), search(storage, "build dinner", 10));

            store(storage, "build number five");
            assertEquals(List.of(5L, 4L), search(storage, "build", 2), "the queue and the postings together, newest first");
        }
    }

    @Test
    void aBatchIndexedLateStillCountsByItsMessagesAge() throws Exception {
        try (H2Storage storage = storage()) {
            for (int i = 1; i <= 10; i++) {
                store(storage, "status " + i + (i == 3 || i == 9 ? " deploy" : ""));
            }
            // 3 and 4 as if their transaction committed after the next batch was indexed.
            sql(storage, "DELETE FROM unindexed WHERE seq IN (3, 4)");
            assertEquals(new WordIndex.Batch(8, false), storage.transact(WordIndex::indexBatch));
            sql(storage, "INSERT INTO unindexed (seq) VALUES (3), (4)");
            assertEquals(List.of(9L, 3L), search(storage, "deploy", 10), "3 still waits in the queue");
            assertEquals(new WordIndex.Batch(2, false), storage.transact(WordIndex::indexBatch));

            assertEquals(List.of(9L, 3L), search(storage, "deploy", 10));
            assertEquals(List.of(9L), search(storage, "deploy", 1));
            assertEquals(List.of(10L, 9L, 8L, 7L, 6L, 5L, 4L), search(storage, "status", 7));
            assertEquals(List.of(4L), search(storage, "status 4", 5), "two words of a message found under one key");
        }
    }

    @Test
    void aNudgeIndexesBatchAfterBatchWhileTheyComeBackFull() throws Exception {
        try (H2Storage storage = storage()) {
            String longText = "minutes " + "x".repeat(60_000);
            int count = (int) (WordIndex.BATCH_CHARS / longText.length()) + 5;
            for (int i = 0; i < count; i++) {
                store(storage, longText + " part" + i);
            }
            new WordIndexer(storage, Runnable::run).nudge();
            assertEquals(0L, (long) storage.transact(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM unindexed");
                        ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }), "the first batch stopped at its size in text, and the next one took the rest");
            assertEquals(List.of((long) count), search(storage, "minutes part" + (count - 1), 10));
        }
    }

    @Test
    void postingsKeepLargeAndSmallGaps() {
        List<Long> seqs = List.of(1L, 2L, 130L, 70_000L, 70_001L, 1L << 40, (1L << 62) + 5);
        assertEquals(seqs, WordIndex.decode(WordIndex.encode(seqs)));
        assertEquals(List.of(), WordIndex.decode(WordIndex.encode(List.of())));
    }

    @Test
    void messagesFromBeforeBatchedIndexingAreIndexedAgain() throws Exception {
        Path node = temp.resolve("node");
        try (DataDirectory directory = DataDirectory.open(node); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(new AreaSchema("messaging", MessagingSchema.SCHEMA.migrations().subList(0, 5)));
            sql(storage, "INSERT INTO messages (id, conversation_id, kind, author, clock, body, outgoing, is_read) VALUES "
                    + "('" + Envelopes.newId() + "', '" + CHAT.value() + "', 'TEXT', '" + author.toHex() + "', 1, 'old news', FALSE, TRUE), "
                    + "('" + Envelopes.newId() + "', '" + CHAT.value() + "', 'MEMBERS', '" + author.toHex() + "', 2, 'news: ben joined', FALSE, TRUE)");
            sql(storage, "INSERT INTO words (word, newest_first) VALUES ('old', -1), ('news', -1)");
        }
        try (DataDirectory directory = DataDirectory.open(node); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(MessagingSchema.SCHEMA);
            assertEquals(List.of(1L), search(storage, "news", 10), "only text messages are searched");
            assertEquals(1, new WordIndexer(storage, Runnable::run).catchUp());
            assertEquals(List.of(1L), search(storage, "old news", 10));
            assertFalse(Schema.hasTable(storage, "words"), "the old index is gone");
        }
    }

    private H2Storage storage() throws Exception {
        H2Storage storage = new H2Storage(DataDirectory.open(temp.resolve("node")));
        storage.migrate(MessagingSchema.SCHEMA);
        storage.transact(connection -> {
            MessageRows.createConversation(connection, CHAT, Conversation.Kind.GROUP, "team", author, 0, List.of(author));
            return null;
        });
        return storage;
    }

    private void store(H2Storage storage, String... bodies) throws Exception {
        storage.transact(connection -> {
            for (String body : bodies) {
                long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
                MessageRows.insert(connection, new NewMessage(Envelopes.newId(), CHAT, Message.Kind.TEXT, author, clock, body, List.of(), false));
            }
            return null;
        });
    }

    private static List<Long> search(H2Storage storage, String text, int limit) throws Exception {
        return storage.transact(connection -> WordIndex.search(connection, new ArrayList<>(Words.of(text)), limit));
    }

    private static void sql(H2Storage storage, String statement) throws Exception {
        storage.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                update.executeUpdate();
            }
            return null;
        });
    }
}
