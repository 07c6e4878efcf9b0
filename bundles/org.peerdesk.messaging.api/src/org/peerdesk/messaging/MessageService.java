package org.peerdesk.messaging;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Conversations with other peers. A message is signed and stored here before {@link #send} returns;
 * delivery then goes on in the background until each recipient acknowledged it, across restarts and
 * disconnects, directly or through the recipient's mailbox peer. Only peers that granted this node
 * the {@code message} right take its messages. Methods block on the database.
 */
@ProviderType
public interface MessageService {

    /** The longest body, in bytes of UTF-8. */
    int MAX_BODY_BYTES = 64 * 1024;
    /** The most members a group may have, its creator included. */
    int MAX_MEMBERS = 256;
    /** The most members one message mentions: "@everyone" in a bigger group tells the first of them only. */
    int MAX_MENTIONS = 64;
    /** The most files one message carries. */
    int MAX_ATTACHMENTS = 16;
    /** The most messages one page of history or search holds. */
    int MAX_PAGE = 1000;
    /** How often, at most, the other members hear that this node's user is typing in a conversation. */
    int TYPING_NOTICE_SECONDS = 3;
    /** How long a member counts as typing after its last notice (unless its message comes first). */
    int TYPING_SHOWN_SECONDS = 6;

    /** Every conversation with at least one message or a group, the most recently active first. */
    List<Conversation> conversations() throws MessagingException;

    Optional<Conversation> conversation(ConversationId id) throws MessagingException;

    /** The direct conversation with {@code peer}, created (empty) if there was none. */
    Conversation direct(PeerId peer) throws MessagingException;

    /** Creates a group of this node and {@code members}; they learn of it with its first delivery. */
    Conversation createGroup(String title, Collection<PeerId> members) throws MessagingException;

    /** Adds a member to a group this node created; every member is told the new member list. */
    Conversation addMember(ConversationId group, PeerId peer) throws MessagingException;

    /** Removes a member from a group this node created; the removed peer is told too. */
    Conversation removeMember(ConversationId group, PeerId peer) throws MessagingException;

    /** Renames a group this node created; every member is told, and sees "you named the group ...". */
    Conversation renameGroup(ConversationId group, String title) throws MessagingException;

    /**
     * Asks the creator of a group this node is a member of to take it out. The creator's node does so
     * as soon as it hears (now, or when it is next reachable), and every member, this node too, then
     * sees the new member list; until then this node stays a member.
     */
    Conversation leaveGroup(ConversationId group) throws MessagingException;

    /**
     * Signs and stores a text message and queues it for every other member. Members its text names with "@" (see
     * {@link Mention}), by the names this node knows them by, are mentioned: their nodes tell them, also where the
     * conversation is muted. So do the other ways of sending below.
     */
    Message send(ConversationId conversation, String body) throws MessagingException;

    /**
     * As {@link #send(ConversationId, String)}, with files attached (the text may then be empty). Each
     * file is copied into this node's {@code attachments} share, under a folder for the message that
     * the other members are granted read on, so they fetch it from here, verified, when they want it.
     */
    Message send(ConversationId conversation, String body, List<Path> files) throws MessagingException;

    /**
     * Signs and stores a message carrying a plugin's data beside its text, and queues it for every other member. The
     * text is what members read, also where the plugin is not installed; text and data together fit in
     * {@value #MAX_BODY_BYTES} bytes of UTF-8.
     *
     * @throws MessagingException where no plugin on this node knows the content's type (a {@link MessageContent}
     *         service), or its check refuses the data
     */
    Message send(ConversationId conversation, String text, MessageContent.Typed content) throws MessagingException;

    /**
     * Sends a reply to a message: a text (files attached, if any) in the answered message's conversation, which shows every
     * member the message it answers (see {@link Quote}), as each member's node has it.
     *
     * @throws MessagingException for a message that is not here, not text, deleted, or in a conversation this node is no
     *         longer a member of; and as {@link #send(ConversationId, String, List)}
     */
    Message reply(String messageId, String body, List<Path> files) throws MessagingException;

    /**
     * Reacts to a message with {@code reaction} (an emoji, or a short word: see {@link Reaction#problem}), replacing this
     * node's earlier reaction to it; an empty one takes it back. Every member of the conversation sees it, as messages
     * travel (signed, retried, through a mailbox); each keeps the newest reaction of each member.
     *
     * @throws MessagingException for a message that is not here, not text, deleted, or in a conversation this node is no
     *         longer a member of, or a reaction that cannot be one
     */
    Message react(String messageId, String reaction) throws MessagingException;

    /**
     * Pins a message to the top of its conversation ({@code pinned}), or unpins it, for every member: each member's node
     * keeps the newest change, as messages travel. Any member may pin or unpin any message of the conversation.
     *
     * @throws MessagingException for a message that is not here, not text, deleted, or in a conversation this node is no
     *         longer a member of
     */
    Message pin(String messageId, boolean pinned) throws MessagingException;

    /** The messages pinned in a conversation, the one pinned last first. */
    List<Message> pinned(ConversationId conversation) throws MessagingException;

    /**
     * Changes the text of a message this node sent, on this node and then on every recipient's, which marks it edited
     * (its files and a plugin's data stay as they were). Edits travel as messages do: signed, retried, through a mailbox;
     * each recipient keeps the newest.
     *
     * @throws MessagingException for a message that is not this node's text, was deleted, or a text that is empty (for a
     *         message without files) or too long
     */
    Message edit(String messageId, String text) throws MessagingException;

    /**
     * Deletes a message this node sent, for everyone: here at once, and on every recipient's node when the deletion
     * reaches it, where a note that its author deleted it keeps its place. What a recipient copied or fetched before stays
     * with them.
     *
     * @throws MessagingException for a message that is not this node's text, or was deleted already
     */
    Message delete(String messageId) throws MessagingException;

    /** The types of message content that plugins on this node know, in order. */
    SortedSet<String> contentTypes();

    /**
     * What the plugin that knows the message's content says of it ({@link MessageContent#describe}), at most
     * {@value #MAX_DESCRIPTION_CHARS} characters; empty for a message without content, of a type no plugin here knows, or
     * that its plugin does not describe. A plugin that fails to describe it is said to, in its place.
     */
    Optional<String> describe(Message message);

    /** The most of a plugin's description of a message that is shown. */
    int MAX_DESCRIPTION_CHARS = 1000;

    /** The message with that ID, in whichever conversation it is, if this node has it. */
    Optional<Message> message(String messageId) throws MessagingException;

    /**
     * Sends the text of message {@code messageId}, from any conversation, to conversation {@code to}, marked as forwarded
     * from its author (a forwarded message's first author stays). Its files go along, offered by this node to the new
     * conversation's members: those of a message this node sent, and those of another's once {@link #fetched fetched} here
     * (until then they stay with their sender); a plugin's data stays behind.
     *
     * @throws MessagingException for a message that is not here, a note about members, a deleted message, one of another's
     *         files alone that were not fetched here, or a conversation this node is not a member of
     */
    Message forward(String messageId, ConversationId to) throws MessagingException;

    /**
     * Where the files of these messages from others were fetched to here: for each message whose every file a finished
     * download brought, and that is still where it was put, those files, by message ID (taking a download off the
     * transfers list does not forget it). The chat opens them from there, and a forward sends them along.
     */
    Map<String, List<Path>> fetched(List<Message> messages) throws MessagingException;

    /**
     * The ID of the message here whose ID ends in {@code tail}: a {@link Message#handle()}, or more of the ID, up to all of
     * it (hex digits, any case); empty where no message's does. Read through every message's ID: for a user who names one.
     *
     * @throws MessagingException where {@code tail} is not at least {@value Message#HANDLE_DIGITS} hex digits, or the IDs of
     *         several messages end in it (more of it tells them apart)
     */
    Optional<String> idEndingIn(String tail) throws MessagingException;

    /** The newest {@code limit} messages of a conversation, oldest first. */
    List<Message> latest(ConversationId conversation, int limit) throws MessagingException;

    /** The {@code limit} messages just before {@code messageId}, oldest first: scrolling back. */
    List<Message> before(ConversationId conversation, String messageId, int limit) throws MessagingException;

    /** The first {@code limit} messages written at or after {@code since}, oldest first. */
    List<Message> since(ConversationId conversation, Instant since, int limit) throws MessagingException;

    /**
     * How far a message sent from this node got with each of its recipients, furthest first; none for a message from
     * another, or one that has no recipients.
     */
    List<Receipt> receipts(String messageId) throws MessagingException;

    /** Marks every message of the conversation read and tells their authors. */
    void markRead(ConversationId conversation) throws MessagingException;

    /**
     * The peers that have not given this node the right to message them while its messages wait for
     * them, with how many wait for each; they go as soon as the peer gives it (ask with an access
     * request for {@code messages}).
     */
    Map<PeerId, Integer> waitingForTheRight() throws MessagingException;

    /** Every peer that messages this node sent still wait for, in no other peer's hands yet, with how many wait for each. */
    Map<PeerId, Integer> waiting() throws MessagingException;

    /**
     * The names that groups' creators call the members this node does not know as peers (a peer this node
     * knows goes by the name it knows it by).
     */
    Map<PeerId, String> memberNames() throws MessagingException;

    /**
     * Deletes this node's copy of the conversation's messages; the other members keep theirs, and the
     * conversation stays (new messages come in as before). Messages this node sent that have not
     * reached every recipient yet are kept, so their delivery can still be followed. A deleted
     * message that arrives again is not stored again. Returns how many messages were deleted.
     */
    int clearHistory(ConversationId conversation) throws MessagingException;

    /**
     * Writes the conversation to {@code file} as text, as backups keep conversations: a heading with its members, then each
     * message on a line with its time and author, its further lines indented under it, and the files that came with it
     * named. Messages set to disappear are left out. The file appears whole or not at all; where it exists already it is
     * refused, unless {@code replace}. Returns how many messages it holds.
     *
     * @throws MessagingException for a conversation that is not here, a folder that is not there, a file that exists, or a
     *         write that fails (nothing is left behind)
     */
    int export(ConversationId conversation, Path file, boolean replace) throws MessagingException;

    /** The name {@link #export} suggests for the conversation's file: "Ben (direct, 1a2b3c4d).txt", "Team (group, 5e6f7a8b).txt". */
    String exportName(ConversationId conversation) throws MessagingException;

    /** The longest a conversation's messages may be set to last before they disappear. */
    Duration MAX_DISAPPEAR_AFTER = Duration.ofDays(365);

    /**
     * Sets how long after they are written the conversation's messages from now on last: then they disappear from every
     * member's node, as from this one (the messages before stay as they were set). {@link Duration#ZERO} keeps them. Any
     * member may change it; every member reads a note that says who did, and the newest change counts everywhere.
     * Messages set to disappear are not kept in backups. Returns the note.
     *
     * @throws MessagingException for a conversation that is not here, a negative time, or one over {@link #MAX_DISAPPEAR_AFTER}
     */
    Message setDisappearing(ConversationId conversation, Duration after) throws MessagingException;

    /**
     * Mutes a conversation on this node, or unmutes it: the messages of a muted one still arrive and count as unread in
     * it, but the desktop neither announces them nor counts them on its tab. Only this node's user sees it.
     */
    Conversation mute(ConversationId conversation, boolean muted) throws MessagingException;

    /** Whether the conversation is muted here; held in memory, cheap to ask for every message that arrives. */
    boolean isMuted(ConversationId conversation);

    /** The most characters a draft keeps. */
    int MAX_DRAFT_CHARS = 1 << 18;

    /**
     * Keeps what the user was writing in a conversation and did not send, on this node, for when they come back to it
     * ({@link Conversation#draft()}); an empty one forgets it.
     *
     * @throws MessagingException for a conversation that is not here, or a text over {@value #MAX_DRAFT_CHARS} characters
     */
    void saveDraft(ConversationId conversation, Draft draft) throws MessagingException;

    /** Messages in any conversation that hold every word of {@code text} (case does not matter), newest first. */
    List<Message> search(String text, int limit) throws MessagingException;

    /**
     * Tells the other members who are connected that this node's user is typing in the conversation.
     * Call it as the user types: it returns at once and sends at most one notice every
     * {@value #TYPING_NOTICE_SECONDS} seconds per conversation. Notices are not stored, signed or left
     * with a mailbox: they matter only while both sides are online. Nothing happens for a conversation
     * this node is not a member of.
     */
    void typing(ConversationId conversation);

    /**
     * The members who said within the last {@value #TYPING_SHOWN_SECONDS} seconds that they are typing in
     * the conversation, and have not sent a message since; a {@link org.peerdesk.messaging.event.TypingChanged}
     * event follows every change.
     */
    List<PeerId> typingIn(ConversationId conversation);

    /** The peer that holds messages for this node while it is offline, if any. */
    Optional<PeerId> mailbox() throws MessagingException;

    /**
     * The peers still to give back what a lost machine exchanged with them after its last backup, where this node took that
     * machine's node's place (a take-over); each is asked as it connects. Empty otherwise.
     */
    default List<PeerId> catchingUpFrom() throws MessagingException {
        return List.of();
    }

    /**
     * Chooses the peer (one that is always on, and that this node's peers trust too) that holds
     * messages for this node while it is offline; empty stops using one. Peers are told at once.
     */
    void setMailbox(Optional<PeerId> mailbox) throws MessagingException;

    /** Whether the mailbox serves this node: online, last checked, last mail, a problem. One row read: cheap to ask often. */
    MailboxStatus mailboxStatus() throws MessagingException;

    /**
     * For each peer that chose this node as its mailbox (or left mail here for one that did), what waits here
     * for it. It reads through all the mail held, so ask when it is to be shown.
     */
    List<HeldMail> heldMail() throws MessagingException;
}
