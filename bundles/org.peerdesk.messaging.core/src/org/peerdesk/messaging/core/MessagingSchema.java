package org.peerdesk.messaging.core;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.Reaction;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;

/**
 * The messaging area's tables: conversations and members, messages with their per-recipient
 * delivery, the unread ones apart, and a word index for search (see {@link WordIndex}), the outbox, what peers told us
 * in hellos, this node's own keys, the mail this node holds for others as their mailbox, the IDs of messages
 * whose history was cleared, the names members go by in groups (see {@link MemberNames}), changes to messages that
 * came before the messages (see {@link Revisions}), what each reply answers, the conversations muted here, the user's unsent drafts, members' reactions to messages, the messages pinned in each conversation, and how long each conversation's messages last.
 */
final class MessagingSchema {

    private static final int SEQUENCE_CACHE = 1024;
    /** A batch's postings of one word: at most ten bytes per message. */
    private static final int POSTINGS_BYTES = 10 * WordIndex.BATCH;

    static final AreaSchema SCHEMA = AreaSchema.of("messaging",
            Migration.sql(1, "conversations, messages, outbox and mailbox",
                    "CREATE TABLE IF NOT EXISTS conversations (id CHAR(32) PRIMARY KEY, kind VARCHAR(8) NOT NULL, "
                            + "title VARCHAR(400) NOT NULL, creator CHAR(64) NOT NULL, members_clock BIGINT NOT NULL, "
                            + "last_clock BIGINT NOT NULL, unread INT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS conversations_by_activity ON conversations (last_clock)",
                    "CREATE TABLE IF NOT EXISTS members (conversation_id CHAR(32) NOT NULL, peer_id CHAR(64) NOT NULL, "
                            + "PRIMARY KEY (conversation_id, peer_id))",
                    "CREATE TABLE IF NOT EXISTS messages (seq BIGINT AUTO_INCREMENT PRIMARY KEY, id CHAR(32) NOT NULL UNIQUE, "
                            + "conversation_id CHAR(32) NOT NULL, kind VARCHAR(8) NOT NULL, author CHAR(64) NOT NULL, "
                            + "clock BIGINT NOT NULL, body VARCHAR(65536) NOT NULL, outgoing BOOLEAN NOT NULL, "
                            + "is_read BOOLEAN NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS messages_in_order ON messages (conversation_id, clock, author, id)",
                    "CREATE INDEX IF NOT EXISTS messages_unread ON messages (conversation_id, is_read)",
                    "CREATE TABLE IF NOT EXISTS deliveries (message_seq BIGINT NOT NULL, peer_id CHAR(64) NOT NULL, "
                            + "progress INT NOT NULL, problem VARCHAR(2000), PRIMARY KEY (message_seq, peer_id))",
                    "CREATE TABLE IF NOT EXISTS words (word VARCHAR(64) NOT NULL, newest_first BIGINT NOT NULL, "
                            + "PRIMARY KEY (word, newest_first))",
                    "CREATE TABLE IF NOT EXISTS outbox (seq BIGINT AUTO_INCREMENT PRIMARY KEY, recipient CHAR(64) NOT NULL, "
                            + "message_seq BIGINT, envelope VARBINARY(" + Envelopes.MAX_BYTES + ") NOT NULL, "
                            + "deposited BOOLEAN NOT NULL, problem VARCHAR(2000))",
                    "CREATE INDEX IF NOT EXISTS outbox_by_recipient ON outbox (recipient, seq)",
                    "CREATE TABLE IF NOT EXISTS peer_hellos (peer_id CHAR(64) PRIMARY KEY, agreement_key VARBINARY(128) NOT NULL, "
                            + "mailbox CHAR(64), clock BIGINT NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS own_settings (name VARCHAR(64) PRIMARY KEY, content VARBINARY(4096) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS mailbox_items (seq BIGINT AUTO_INCREMENT PRIMARY KEY, recipient CHAR(64) NOT NULL, "
                            + "depositor CHAR(64) NOT NULL, mail VARBINARY(" + SealedMail.MAX_BYTES + ") NOT NULL, "
                            + "stored TIMESTAMP WITH TIME ZONE NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS mailbox_by_recipient ON mailbox_items (recipient, seq)",
                    "CREATE INDEX IF NOT EXISTS mailbox_by_depositor ON mailbox_items (depositor)"),
            Migration.sql(2, "newest messages first without sorting the conversation",
                    "CREATE INDEX IF NOT EXISTS messages_newest_first ON messages (conversation_id DESC, clock DESC, author DESC, id DESC)"),
            Migration.sql(3, "files attached to messages",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS attachments VARCHAR(32768) DEFAULT '' NOT NULL"),
            // H2 writes a sequence's next value with a commit of its own each time its cache (32) runs out.
            Migration.sql(4, "sequence numbers handed out a thousand at a time",
                    "ALTER TABLE messages ALTER COLUMN seq SET CACHE " + SEQUENCE_CACHE,
                    "ALTER TABLE outbox ALTER COLUMN seq SET CACHE " + SEQUENCE_CACHE,
                    "ALTER TABLE mailbox_items ALTER COLUMN seq SET CACHE " + SEQUENCE_CACHE),
            Migration.sql(5, "whether each peer took this node's messages stream when last asked",
                    "CREATE TABLE IF NOT EXISTS peer_links (peer_id CHAR(64) PRIMARY KEY, accepts_us BOOLEAN NOT NULL)"),
            Migration.sql(6, "words indexed in batches (see WordIndex): every text message waits to be indexed again",
                    "CREATE TABLE IF NOT EXISTS unindexed (seq BIGINT PRIMARY KEY)",
                    "CREATE TABLE IF NOT EXISTS word_postings (word VARCHAR(" + Words.MAX_WORD_CHARS + ") NOT NULL, "
                            + "newest_first BIGINT NOT NULL, seqs VARBINARY(" + POSTINGS_BYTES + ") NOT NULL, PRIMARY KEY (word, newest_first))",
                    "MERGE INTO unindexed KEY (seq) SELECT seq FROM messages WHERE kind = 'TEXT'",
                    "DROP TABLE IF EXISTS words"),
            // Every index entry a message adds is written twice in H2 (as the row goes in and again as its
            // transaction commits) and serialized once more with its page: these were the cheapest to do without.
            Migration.sql(7, "fewer rows written per message: reverse index scans, activity from the last message, unread apart",
                    "DROP INDEX IF EXISTS messages_newest_first",
                    "DROP INDEX IF EXISTS conversations_by_activity",
                    "ALTER TABLE conversations DROP COLUMN IF EXISTS last_clock",
                    "CREATE TABLE IF NOT EXISTS unread (seq BIGINT PRIMARY KEY, conversation_id CHAR(32) NOT NULL)",
                    "MERGE INTO unread KEY (seq) SELECT seq, conversation_id FROM messages WHERE NOT is_read",
                    "DROP INDEX IF EXISTS messages_unread"),
            Migration.sql(8, "the IDs of messages whose history was cleared here, so that they are not stored again",
                    "CREATE TABLE IF NOT EXISTS cleared_messages (id CHAR(32) PRIMARY KEY)"),
            Migration.sql(9, "a state between 'at their mailbox' and 'delivered': passed on by a group's creator",
                    "UPDATE deliveries SET progress = progress + 1 WHERE progress >= 2"),
            Migration.sql(10, "envelopes a group's creator passes on, kept as their authors signed them",
                    "ALTER TABLE outbox ADD COLUMN IF NOT EXISTS signed BOOLEAN DEFAULT FALSE NOT NULL"),
            Migration.sql(11, "what groups' creators call members this node does not know as peers",
                    "CREATE TABLE IF NOT EXISTS member_names (peer_id CHAR(64) PRIMARY KEY, name VARCHAR(400) NOT NULL)"),
            Migration.sql(12, "a plugin's data beside a message's text",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS content_type VARCHAR(" + MessageContent.MAX_TYPE_CHARS + ")",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS content_data VARCHAR(" + MessageService.MAX_BODY_BYTES + ")"),
            Migration.sql(13, "messages their authors edited or deleted: the clock of the newest change, and whether it deleted",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS revision_clock BIGINT DEFAULT 0 NOT NULL",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS deleted BOOLEAN DEFAULT FALSE NOT NULL"),
            Migration.sql(14, "changes to messages that came before the messages (by another way), kept until they come",
                    "CREATE TABLE IF NOT EXISTS early_changes (message_id CHAR(32) NOT NULL, author CHAR(64) NOT NULL, "
                            + "conversation_id CHAR(32) NOT NULL, clock BIGINT NOT NULL, body VARCHAR(" + MessageService.MAX_BODY_BYTES + "), "
                            + "PRIMARY KEY (message_id, author))",
                    "CREATE INDEX IF NOT EXISTS early_changes_by_author ON early_changes (author)"),
            Migration.sql(15, "replies: the ID of the message each answers",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS reply_to CHAR(32)"),
            Migration.sql(16, "the conversations the user muted on this node",
                    "CREATE TABLE IF NOT EXISTS muted_conversations (conversation_id CHAR(32) PRIMARY KEY)"),
            Migration.sql(17, "what the user was writing in each conversation and did not send",
                    "CREATE TABLE IF NOT EXISTS drafts (conversation_id CHAR(32) PRIMARY KEY, text VARCHAR("
                            + MessageService.MAX_DRAFT_CHARS + ") NOT NULL, reply_to CHAR(32))"),
            Migration.sql(18, "members' reactions to messages: the newest of each member's, an empty one taken back",
                    "CREATE TABLE IF NOT EXISTS message_reactions (message_id CHAR(32) NOT NULL, author CHAR(64) NOT NULL, "
                            + "conversation_id CHAR(32) NOT NULL, reaction VARCHAR(" + Reaction.MAX_BYTES + ") NOT NULL, "
                            + "clock BIGINT NOT NULL, PRIMARY KEY (message_id, author))"),
            Migration.sql(19, "the members each message mentions, and the unread messages that mention this node's user, apart",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS mentions VARCHAR(" + MessageService.MAX_MENTIONS * (2 * PeerId.LENGTH + 1) + ")",
                    "CREATE TABLE IF NOT EXISTS unread_mentions (seq BIGINT PRIMARY KEY, conversation_id CHAR(32) NOT NULL)"),
            Migration.sql(20, "forwarded messages: whose text each first was, and the name the member who forwarded it knew them by",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS forwarded_author CHAR(64)",
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS forwarded_name VARCHAR(" + 4 * Forwarded.MAX_NAME_CHARS + ")"),
            Migration.sql(21, "whom an edit that came before its message mentions",
                    "ALTER TABLE early_changes ADD COLUMN IF NOT EXISTS mentions VARCHAR(" + MessageService.MAX_MENTIONS * (2 * PeerId.LENGTH + 1) + ")"),
            Migration.sql(22, "messages pinned to the top of their conversation: the newest change to each, an unpin kept too",
                    "CREATE TABLE IF NOT EXISTS message_pins (message_id CHAR(32) PRIMARY KEY, conversation_id CHAR(32) NOT NULL, "
                            + "author CHAR(64) NOT NULL, pinned BOOLEAN NOT NULL, clock BIGINT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS message_pins_by_conversation ON message_pins (conversation_id, pinned)"),
            Migration.sql(23, "where files of others' messages were fetched to, kept when the transfers list is cleared",
                    "CREATE TABLE IF NOT EXISTS fetched_files (remote VARCHAR(" + FetchedFiles.MAX_REMOTE_CHARS + ") NOT NULL, "
                            + "peer_id CHAR(64) NOT NULL, local VARCHAR(" + FetchedFiles.MAX_LOCAL_CHARS + ") NOT NULL, "
                            + "PRIMARY KEY (remote, peer_id))"),
            Migration.sql(24, "the newest member list of each group, as its creator signed it, to pass on to a member that lost the group",
                    "CREATE TABLE IF NOT EXISTS group_lists (conversation_id CHAR(32) PRIMARY KEY, clock BIGINT NOT NULL, "
                            + "envelope VARBINARY(" + Envelopes.MAX_BYTES + ") NOT NULL)"),
            Migration.sql(25, "the peers a node that took a lost one's place asks for the messages its backup did not have",
                    "CREATE TABLE IF NOT EXISTS catch_ups (peer_id CHAR(64) PRIMARY KEY, as_node CHAR(64) NOT NULL, "
                            + "since BIGINT NOT NULL, planned TIMESTAMP WITH TIME ZONE NOT NULL)"),
            Migration.sql(26, "how long members set each conversation's messages to last, each setting from its clock on",
                    "CREATE TABLE IF NOT EXISTS disappearing (conversation_id CHAR(32) NOT NULL, since BIGINT NOT NULL, "
                            + "after_millis BIGINT NOT NULL, author CHAR(64) NOT NULL, PRIMARY KEY (conversation_id, since))"),
            Migration.sql(27, "until when a mailbox holds mail its depositor set to disappear",
                    "ALTER TABLE mailbox_items ADD COLUMN IF NOT EXISTS expires TIMESTAMP WITH TIME ZONE",
                    "CREATE INDEX IF NOT EXISTS mailbox_by_expiry ON mailbox_items (expires)"));

    private MessagingSchema() {
    }
}
