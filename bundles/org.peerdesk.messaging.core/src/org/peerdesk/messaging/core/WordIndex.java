package org.peerdesk.messaging.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The full-text index of text messages, written in batches. A stored message only joins a queue of
 * unindexed messages (one row with an ever-growing key, cheap to add); now and then a batch of them is
 * indexed at once: per word one row of postings, the batch's messages holding it. A row per word and
 * message, written as each message was stored, had cost more than the rest of storing it.
 *
 * <p>The rows of one batch share a key: the highest sequence number in it, so every word of a message
 * sits under the same key, and two words are matched by looking up that key. Search looks at the
 * queue first (read there, the messages are split into words on the spot), then at the postings:
 * a batch indexed meanwhile is then found in the postings, and one found twice is counted once.
 * Every method runs in the caller's transaction.
 */
final class WordIndex {

    /** Messages per batch; a batch also ends once its texts reach {@link #BATCH_CHARS}. */
    static final int BATCH = 4096;
    static final long BATCH_CHARS = 4L << 20;

    private WordIndex() {
    }

    /** What one batch took: how many messages, and whether it stopped at a limit (more may wait). */
    record Batch(int messages, boolean full) {
    }

    /** Puts a stored text message in the queue of messages to index. */
    static void queue(Connection connection, long seq) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO unindexed (seq) VALUES (?)")) {
            insert.setLong(1, seq);
            insert.executeUpdate();
        }
    }

    /**
     * Indexes one batch of the queue, oldest first. The batch's queue rows are taken before anything is
     * indexed: a history cleared meanwhile takes them too, so one of the two waits for the other, and
     * what the clearing took is not indexed (the clearing then finds in the postings what this batch took).
     */
    static Batch indexBatch(Connection connection) throws SQLException {
        Map<Long, String> read = new LinkedHashMap<>(); // a null body: the message is gone
        long chars = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT u.seq, m.body FROM unindexed u "
                + "LEFT JOIN messages m ON m.seq = u.seq ORDER BY u.seq LIMIT " + BATCH);
                ResultSet rows = select.executeQuery()) {
            while (chars < BATCH_CHARS && rows.next()) {
                String body = rows.getString(2);
                read.put(rows.getLong(1), body);
                chars += body == null ? 0 : body.length();
            }
        }
        if (read.isEmpty()) {
            return new Batch(0, false);
        }
        List<Long> taken = new ArrayList<>(read.keySet());
        int[] claimed;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM unindexed WHERE seq = ?")) {
            for (long seq : taken) {
                delete.setLong(1, seq);
                delete.addBatch();
            }
            claimed = delete.executeBatch();
        }
        Map<String, List<Long>> postings = new TreeMap<>();
        long highest = 0;
        for (int i = 0; i < taken.size(); i++) {
            String body = read.get(taken.get(i));
            if (claimed[i] > 0 && body != null) {
                highest = Math.max(highest, taken.get(i));
                for (String word : Words.of(body)) {
                    postings.computeIfAbsent(word, any -> new ArrayList<>()).add(taken.get(i));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO word_postings (word, newest_first, seqs) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, List<Long>> word : postings.entrySet()) {
                insert.setString(1, word.getKey());
                insert.setLong(2, -highest);
                insert.setBytes(3, encode(word.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return new Batch(taken.size(), taken.size() == BATCH || chars >= BATCH_CHARS);
    }

    /**
     * Takes messages out of the index before they are deleted ({@code texts}: their bodies by sequence
     * number), so that search finds no trace of them. A message is in the postings of the first batch
     * whose key is at or above its sequence number and that holds it (a message can join a later batch
     * when its transaction committed late).
     */
    static void forget(Connection connection, Map<Long, String> texts) throws SQLException {
        Map<String, TreeSet<Long>> byWord = new TreeMap<>();
        texts.forEach((seq, body) -> Words.of(body).forEach(word -> byWord.computeIfAbsent(word, any -> new TreeSet<>()).add(seq)));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT newest_first, seqs FROM word_postings WHERE word = ? AND newest_first <= ? ORDER BY newest_first DESC");
                PreparedStatement update = connection.prepareStatement("UPDATE word_postings SET seqs = ? WHERE word = ? AND newest_first = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM word_postings WHERE word = ? AND newest_first = ?")) {
            for (Map.Entry<String, TreeSet<Long>> word : byWord.entrySet()) {
                TreeSet<Long> left = word.getValue();
                select.setString(1, word.getKey());
                select.setLong(2, -left.first());
                try (ResultSet rows = select.executeQuery()) {
                    while (!left.isEmpty() && rows.next()) {
                        List<Long> seqs = new ArrayList<>(decode(rows.getBytes(2)));
                        if (!seqs.removeIf(left::remove)) {
                            continue;
                        }
                        PreparedStatement change = seqs.isEmpty() ? delete : update;
                        int at = 1;
                        if (!seqs.isEmpty()) {
                            update.setBytes(at++, encode(seqs));
                        }
                        change.setString(at++, word.getKey());
                        change.setLong(at, rows.getLong(1));
                        change.executeUpdate();
                    }
                }
            }
        }
    }

    /**
     * Takes a message whose text changed ({@code before}: as it was) out of the index, and back in with its new text
     * unless {@code again} is false. Still queued, it is only left there or taken out of the queue; indexed already (or
     * by a batch under way, which the queue row's lock waits for), its postings go first.
     */
    static void replace(Connection connection, long seq, String before, boolean again) throws SQLException {
        boolean queued;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM unindexed WHERE seq = ?")) {
            delete.setLong(1, seq);
            queued = delete.executeUpdate() > 0;
        }
        if (!queued) {
            forget(connection, Map.of(seq, before));
        }
        if (again) {
            queue(connection, seq);
        }
    }

    /** The sequence numbers of the newest {@code limit} text messages holding every one of {@code words}, newest first. */
    static List<Long> search(Connection connection, List<String> words, int limit) throws SQLException {
        NavigableSet<Long> found = new TreeSet<>();
        searchQueue(connection, words, found, limit);
        searchPostings(connection, words, found, limit);
        return List.copyOf(found.descendingSet());
    }

    private static void searchQueue(Connection connection, Collection<String> words, NavigableSet<Long> found, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT u.seq, m.body FROM unindexed u JOIN messages m ON m.seq = u.seq ORDER BY u.seq DESC");
                ResultSet rows = select.executeQuery()) {
            while (found.size() < limit && rows.next()) {
                if (Words.of(rows.getString(2)).containsAll(words)) {
                    found.add(rows.getLong(1));
                }
            }
        }
    }

    /**
     * Walks the first word's rows from the newest batch back, keeping the messages that the other
     * words' rows under the same key hold too, until no older batch can hold anything newer than the
     * {@code limit} newest found (a batch holds nothing above its key).
     */
    private static void searchPostings(Connection connection, List<String> words, NavigableSet<Long> found, int limit)
            throws SQLException {
        try (PreparedStatement batches = connection.prepareStatement(
                "SELECT newest_first, seqs FROM word_postings WHERE word = ? ORDER BY newest_first");
                PreparedStatement same = connection.prepareStatement("SELECT seqs FROM word_postings WHERE word = ? AND newest_first = ?")) {
            batches.setString(1, words.get(0));
            try (ResultSet rows = batches.executeQuery()) {
                while (rows.next()) {
                    long key = rows.getLong(1);
                    if (found.size() == limit && found.first() > -key) {
                        return;
                    }
                    Set<Long> matching = new TreeSet<>(decode(rows.getBytes(2)));
                    for (int i = 1; i < words.size() && !matching.isEmpty(); i++) {
                        Optional<List<Long>> other = postings(same, words.get(i), key);
                        if (other.isEmpty()) {
                            matching.clear();
                        } else {
                            matching.retainAll(other.get());
                        }
                    }
                    found.addAll(matching);
                    keepNewest(found, limit);
                }
            }
        }
    }

    private static void keepNewest(NavigableSet<Long> found, int limit) {
        while (found.size() > limit) {
            found.pollFirst();
        }
    }

    private static Optional<List<Long>> postings(PreparedStatement same, String word, long key) throws SQLException {
        same.setString(1, word);
        same.setLong(2, key);
        try (ResultSet row = same.executeQuery()) {
            return row.next() ? Optional.of(decode(row.getBytes(1))) : Optional.empty();
        }
    }

    /** Ascending sequence numbers as the first one and then the gaps, each in 7-bit groups. */
    static byte[] encode(List<Long> ascending) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ascending.size() * 2 + 8);
        long previous = 0;
        for (long seq : ascending) {
            long gap = seq - previous;
            previous = seq;
            while ((gap & ~0x7fL) != 0) {
                out.write((int) (gap & 0x7f) | 0x80);
                gap >>>= 7;
            }
            out.write((int) gap);
        }
        return out.toByteArray();
    }

    static List<Long> decode(byte[] encoded) {
        List<Long> seqs = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(encoded);
        long previous = 0;
        while (in.hasRemaining()) {
            long gap = 0;
            int shift = 0;
            byte next;
            do {
                next = in.get();
                gap |= (long) (next & 0x7f) << shift;
                shift += 7;
            } while (next < 0);
            previous += gap;
            seqs.add(previous);
        }
        return seqs;
    }
}
