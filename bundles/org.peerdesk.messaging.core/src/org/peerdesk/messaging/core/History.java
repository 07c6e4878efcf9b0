package org.peerdesk.messaging.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.Pin;
import org.peerdesk.messaging.Reaction;

/**
 * The conversations as data, beside their transcripts in a backup ({@value #FILE}): what a node that takes a lost one's
 * place brings back into its own database, so that the chat goes on where it was. Each conversation with its members,
 * whether the user muted it and what they were writing there, how long its members set its messages to last, and each
 * message as this node had it (but those set to disappear, which are kept nowhere): its text, files,
 * plugin's data, the message it answers, whom it mentions, whose it was where forwarded, whether it was edited or deleted,
 * the members' reactions and its pin. Not what became of the messages sent (what comes back counts as delivered, and as
 * read), nor the outbox.
 * <pre>
 * file:          "peerdesk-history 3\n"; then each conversation: 1 (byte) and the conversation; then 0 (byte)
 * conversation:  id, kind, title, creator, members, muted (byte), draft's text and answers?, settings (int count; since
 *                (long), how long messages last from then (long, milliseconds), by whom each); then each message: 1 and
 *                the message; then 0 (version 2 had no settings, version 1 neither muted nor draft)
 * message:       id, kind, author, clock (long), body, attachments (int count; size (long) and path each), content
 *                type and data?, answers?, mentions, forwarded author and name?, revision (byte: 0 original, 1 edited,
 *                2 deleted), reactions (int count; the reaction and who each), pinned by and clock (long)?
 * a string:      int length, UTF-8; a list: int count and each; "?": 0 (byte) for none, or 1 and what there is
 * </pre>
 */
final class History {

    static final String FILE = "history.peerdesk";
    /** The version written. */
    static final int VERSION = 3;
    /** The version before settings were kept: what peers of the first catch-up protocol read. */
    static final int BEFORE_SETTINGS = 2;
    private static final String MAGIC = "peerdesk-history %d\n";
    private static final int MAX_STRING_BYTES = 4 * Envelopes.MAX_BYTES;
    private static final int MAX_COUNT = 100_000;
    private static final int BATCH = 1000;
    /** The most messages a peer's answer to a catch-up may tell of: more than months of any conversation, far less than a flood. */
    static final int MAX_FROM_A_PEER = 500_000;

    /** What came back into this node: how many messages, in how many conversations (new here, or with messages new here). */
    record TakenBack(int messages, int conversations) {
    }

    /** A conversation as the file holds it. */
    private record Heading(ConversationId id, Conversation.Kind kind, String title, PeerId creator, List<PeerId> members,
            boolean muted, Draft draft, List<Disappearing.Period> settings) {
    }

    /** A message as the file holds it: as stored, and what became of it since. */
    private record Entry(MessageRows.NewMessage message, Message.Revision revision, List<Reaction> reactions, Optional<Pin> pinned) {

        /** The entry with only what {@code members} did to it: their reactions, their pin. */
        Entry by(Set<PeerId> members) {
            List<Reaction> theirs = reactions.stream()
                    .map(reaction -> new Reaction(reaction.reaction(), reaction.by().stream().filter(members::contains).toList()))
                    .filter(reaction -> !reaction.by().isEmpty()).toList();
            return new Entry(message, revision, theirs, pinned.filter(pin -> members.contains(pin.by())));
        }
    }

    private final Mailroom room;
    private final Messenger messenger;

    History(Mailroom room, Messenger messenger) {
        this.room = room;
        this.messenger = messenger;
    }

    /** Writes the history as {@link AllMessages} reads the conversations; whole once finished, not before. */
    static final class Writer implements AllMessages.Reader, AutoCloseable {

        private final DataOutputStream out;
        private final boolean personal;
        private final int version;

        /** Into a file that backups keep, with what only the user sees: mutes and drafts. */
        Writer(Path file) throws IOException {
            this(Files.newOutputStream(file), true, VERSION);
        }

        /**
         * Into {@code output}, in {@code version} ({@value #VERSION}, or {@value #BEFORE_SETTINGS} for a reader of that one);
         * what only the user sees goes along if {@code personal}, else none of it does.
         */
        Writer(OutputStream output, boolean personal, int version) throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(output));
            this.personal = personal;
            this.version = version;
            out.write(magic(version));
        }

        @Override
        public void begin(Conversation conversation, Disappearing.Periods settings) throws IOException {
            out.writeByte(1);
            writeConversation(out, conversation, personal);
            if (version >= 3) {
                writeSettings(out, settings);
            }
        }

        @Override
        public void message(Message message) throws IOException {
            out.writeByte(1);
            writeMessage(out, message);
        }

        @Override
        public void end(Conversation conversation) throws IOException {
            out.writeByte(0);
        }

        /** Ends the file: one that was not finished reads as ending early. */
        void finish() throws IOException {
            out.writeByte(0);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Brings the conversations in {@code file}, which the node {@code node} wrote, into this node's database: those it does
     * not have, and the messages it does not have (nor cleared), as read; {@code node}'s messages are this node's own, as it
     * is to become that node. A conversation muted there is muted here; a draft there is this one's where it has none. A
     * damaged file is named as such; what came in before the damage stays, and taking the same file again brings only the
     * rest.
     */
    TakenBack takeBack(Path file, PeerId node) throws IOException, MessagingException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return bringIn(in, node, new FromBackup());
        } catch (EOFException e) {
            throw damaged(file, "it ends early");
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
    }

    /**
     * Brings in what {@code peer} answered to a catch-up ({@link CatchUps}): of the conversations it has with this node
     * ({@code node}), the messages this node does not have (nor cleared) that either of the two wrote, as {@code peer}'s node
     * has them. Another member's messages are that member's to give; a conversation's members here stay as they are; what
     * comes is unread as any message from others.
     */
    TakenBack catchUp(DataInputStream input, PeerId node, PeerId peer) throws IOException, MessagingException {
        try {
            return bringIn(input, node, new FromPeer(node, peer));
        } catch (EOFException e) {
            throw endedEarly(peer);
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw damaged(peer, e);
        }
    }

    /** What a catch-up's answer from {@code peer} that ends early is. */
    static IOException endedEarly(PeerId peer) {
        return new IOException(peer.shortForm() + "'s answer ended early");
    }

    /** What a catch-up's answer from {@code peer} that does not read as one is. */
    static IOException damaged(PeerId peer, Exception why) {
        return new IOException(peer.shortForm() + "'s answer is damaged: " + why.getMessage(), why);
    }

    /** Where a history comes from, and so how much of it is taken. */
    private interface Origin {

        /** Whether a conversation, as the history tells of it, is taken at all. */
        boolean takes(Heading conversation) throws MessagingException;

        /** What of a message is taken, if anything. */
        Optional<Entry> taken(Entry entry);

        /** Whether a setting of how long a taken conversation's messages last is taken. */
        boolean takes(Disappearing.Period setting);

        /** After a taken conversation's messages, the newest note about its members at {@code membersClock}. */
        void ended(Heading conversation, long membersClock) throws MessagingException;

        /** The most messages it may tell of. */
        int limit();
    }

    /** The user's own backup: all of it, as read, with the members' list, the mutes and drafts it kept. */
    private final class FromBackup implements Origin {

        @Override
        public boolean takes(Heading conversation) {
            return true;
        }

        @Override
        public Optional<Entry> taken(Entry entry) {
            return Optional.of(entry);
        }

        @Override
        public boolean takes(Disappearing.Period setting) {
            return true;
        }

        @Override
        public void ended(Heading conversation, long membersClock) throws MessagingException {
            room.transact(connection -> { // the newest note about the members is the list's; the newest list wins, as it arrives
                if (MessageRows.header(connection, conversation.id()).orElseThrow().membersClock() < membersClock) {
                    MessageRows.replaceMembers(connection, conversation.id(), conversation.title(), membersClock, conversation.members());
                }
                return MessageRows.markRead(connection, conversation.id());
            });
            keepAsTheUserHadIt(conversation);
        }

        @Override
        public int limit() {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * A peer answering a catch-up: only the conversations it shares with {@code node} (a direct one only under its own ID),
     * only what either of the two wrote and did to messages; the members here stay as they are.
     */
    private final class FromPeer implements Origin {

        private final PeerId node;
        private final PeerId peer;
        private final Set<PeerId> authors;

        FromPeer(PeerId node, PeerId peer) {
            this.node = node;
            this.peer = peer;
            this.authors = Set.of(node, peer);
        }

        @Override
        public boolean takes(Heading conversation) throws MessagingException {
            if (!conversation.members().containsAll(authors)) {
                return false;
            }
            Optional<List<PeerId>> here = room.transact(connection -> MessageRows.header(connection, conversation.id()))
                    .map(MessageRows.Header::members);
            return here.isEmpty() ? conversation.kind() == Conversation.Kind.GROUP || ConversationId.direct(node, peer).equals(conversation.id())
                    : here.get().contains(peer);
        }

        @Override
        public Optional<Entry> taken(Entry entry) {
            return authors.contains(entry.message().author()) ? Optional.of(entry.by(authors)) : Optional.empty();
        }

        @Override
        public boolean takes(Disappearing.Period setting) {
            return authors.contains(setting.author());
        }

        @Override
        public void ended(Heading conversation, long membersClock) {
            // what the peer says of the members is its own view: the creator's signed lists decide them
        }

        @Override
        public int limit() {
            return MAX_FROM_A_PEER;
        }
    }

    /** Reads a history and stores what {@code origin} takes of it. */
    private TakenBack bringIn(DataInputStream in, PeerId node, Origin origin) throws IOException, MessagingException, InvalidInputException {
        int version = version(in.readNBytes(magic(VERSION).length));
        int messages = 0;
        int conversations = 0;
        int read = 0;
        while (more(in)) {
            Heading conversation = readConversation(in, version);
            boolean taken = origin.takes(conversation);
            boolean isNew = taken && room.transact(connection -> {
                boolean absent = MessageRows.header(connection, conversation.id()).isEmpty();
                if (absent) {
                    MessageRows.createConversation(connection, conversation.id(), conversation.kind(), conversation.title(),
                            conversation.creator(), 0, conversation.members());
                }
                for (Disappearing.Period setting : conversation.settings()) {
                    if (origin.takes(setting)) {
                        room.setDisappearing(connection, conversation.id(), setting.author(), setting.since(), setting.afterMillis());
                    }
                }
                return absent;
            });
            int before = messages;
            long membersClock = 0;
            List<Entry> batch = new ArrayList<>(BATCH);
            boolean end = false;
            while (!end) {
                end = !more(in);
                if (!end) {
                    if (++read > origin.limit()) {
                        throw new InvalidInputException("it tells of more than " + origin.limit() + " messages");
                    }
                    Entry entry = readMessage(in, conversation.id(), node);
                    if (entry.message().kind() == Message.Kind.MEMBERS) {
                        membersClock = Math.max(membersClock, entry.message().clock());
                    }
                    if (taken) {
                        origin.taken(entry).ifPresent(batch::add);
                    }
                }
                if (batch.size() == BATCH || end && !batch.isEmpty()) {
                    List<Entry> stored = List.copyOf(batch);
                    messages += room.transact(connection -> store(connection, stored, node));
                    batch.clear();
                }
            }
            if (taken) {
                origin.ended(conversation, membersClock);
            }
            if (isNew || messages > before) {
                conversations++;
                room.news.conversationChanged(conversation.id());
            }
        }
        return new TakenBack(messages, conversations);
    }

    private void keepAsTheUserHadIt(Heading conversation) throws MessagingException {
        if (conversation.muted() && !messenger.isMuted(conversation.id())) {
            messenger.mute(conversation.id(), true);
        }
        if (!conversation.draft().isEmpty() && messenger.conversation(conversation.id()).orElseThrow().draft().isEmpty()) {
            messenger.saveDraft(conversation.id(), conversation.draft());
        }
    }

    private static IOException damaged(Path file, String why) {
        return new IOException("The history " + file + " is damaged: " + why);
    }

    /** Stores the messages not here (nor cleared here), with their edits, reactions and pins; how many. */
    private static int store(Connection connection, List<Entry> entries, PeerId node) throws SQLException {
        int stored = 0;
        for (Entry entry : entries) {
            MessageRows.NewMessage message = entry.message();
            if (MessageRows.exists(connection, message.id()) || ClearedHistory.wasCleared(connection, message.id())) {
                continue;
            }
            MessageRows.insert(connection, message);
            if (entry.revision() != Message.Revision.ORIGINAL) {
                Revisions.Target target = Revisions.target(connection, message.id()).orElseThrow();
                Optional<String> body = entry.revision() == Message.Revision.DELETED ? Optional.empty() : Optional.of(message.body());
                Revisions.apply(connection, target, new Revisions.Change(body, Optional.empty()), message.clock(), node);
            }
            for (Reaction reaction : entry.reactions()) {
                for (PeerId by : reaction.by()) {
                    Reactions.apply(connection, message.id(), message.conversation(), by, reaction.reaction(), message.clock());
                }
            }
            if (entry.pinned().isPresent()) {
                Pins.apply(connection, message.id(), message.conversation(), entry.pinned().get().by(), true, entry.pinned().get().clock());
            }
            stored++;
        }
        return stored;
    }

    // --- writing ---------------------------------------------------------------------------------

    private static void writeConversation(DataOutputStream out, Conversation conversation, boolean personal) throws IOException {
        writeString(out, conversation.id().value());
        writeString(out, conversation.kind().name());
        writeString(out, conversation.title());
        writeString(out, conversation.creator().toHex());
        writePeers(out, conversation.members());
        Draft draft = personal ? conversation.draft() : Draft.NONE;
        out.writeByte(personal && conversation.muted() ? 1 : 0);
        writeString(out, draft.text());
        writeOptional(out, draft.replyTo(), answers -> writeString(out, answers));
    }

    private static void writeSettings(DataOutputStream out, Disappearing.Periods settings) throws IOException {
        out.writeInt(settings.all().size());
        for (Disappearing.Period setting : settings.all()) {
            out.writeLong(setting.since());
            out.writeLong(setting.afterMillis());
            writeString(out, setting.author().toHex());
        }
    }

    private static void writeMessage(DataOutputStream out, Message message) throws IOException {
        writeString(out, message.id());
        writeString(out, message.kind().name());
        writeString(out, message.author().toHex());
        out.writeLong(message.clock());
        writeString(out, message.body());
        out.writeInt(message.attachments().size());
        for (Attachment attachment : message.attachments()) {
            out.writeLong(attachment.size());
            writeString(out, attachment.path());
        }
        writeOptional(out, message.content(), content -> {
            writeString(out, content.type());
            writeString(out, content.data());
        });
        writeOptional(out, message.replyTo(), quote -> writeString(out, quote.messageId()));
        writePeers(out, message.mentions());
        writeOptional(out, message.forwarded(), forwarded -> {
            writeString(out, forwarded.author().toHex());
            writeString(out, forwarded.name());
        });
        out.writeByte(message.revision().ordinal());
        out.writeInt(message.reactions().size());
        for (Reaction reaction : message.reactions()) {
            writeString(out, reaction.reaction());
            writePeers(out, reaction.by());
        }
        writeOptional(out, message.pinned(), pin -> {
            writeString(out, pin.by().toHex());
            out.writeLong(pin.clock());
        });
    }

    private interface Part<T> {
        void write(T value) throws IOException;
    }

    private static <T> void writeOptional(DataOutputStream out, Optional<T> value, Part<T> part) throws IOException {
        out.writeByte(value.isPresent() ? 1 : 0);
        if (value.isPresent()) {
            part.write(value.get());
        }
    }

    static void writePeers(DataOutputStream out, List<PeerId> peers) throws IOException {
        out.writeInt(peers.size());
        for (PeerId peer : peers) {
            writeString(out, peer.toHex());
        }
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    // --- reading ---------------------------------------------------------------------------------

    private static byte[] magic(int version) {
        return String.format(Locale.ROOT, MAGIC, version).getBytes(StandardCharsets.US_ASCII);
    }

    /** The version a file that begins with {@code magic} is in. */
    private static int version(byte[] magic) throws InvalidInputException {
        for (int version = 1; version <= VERSION; version++) {
            if (Arrays.equals(magic, magic(version))) {
                return version;
            }
        }
        throw new InvalidInputException("it is not a Peerdesk history, or one of a later version");
    }

    private static Heading readConversation(DataInputStream in, int version) throws IOException, InvalidInputException {
        ConversationId id = ConversationId.parse(readString(in));
        Conversation.Kind kind = Conversation.Kind.valueOf(readString(in));
        String title = readString(in);
        PeerId creator = PeerId.fromHex(readString(in));
        List<PeerId> members = readPeers(in);
        if (version == 1) {
            return new Heading(id, kind, title, creator, members, false, Draft.NONE, List.of());
        }
        boolean muted = readOptional(in);
        String draft = readString(in);
        Draft unsent = new Draft(draft, readOptional(in) ? Optional.of(readString(in)) : Optional.empty());
        return new Heading(id, kind, title, creator, members, muted, unsent, version == 2 ? List.of() : readSettings(in));
    }

    private static List<Disappearing.Period> readSettings(DataInputStream in) throws IOException {
        List<Disappearing.Period> settings = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            long since = in.readLong();
            long after = in.readLong();
            if (after < 0 || after > MessageService.MAX_DISAPPEAR_AFTER.toMillis()) {
                throw new IllegalArgumentException("a setting that messages last " + after + " ms");
            }
            settings.add(new Disappearing.Period(since, after, PeerId.fromHex(readString(in))));
        }
        return settings;
    }

    private static Entry readMessage(DataInputStream in, ConversationId conversation, PeerId node) throws IOException {
        String id = readString(in);
        Message.Kind kind = Message.Kind.valueOf(readString(in));
        PeerId author = PeerId.fromHex(readString(in));
        long clock = in.readLong();
        String body = readString(in);
        List<Attachment> attachments = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            attachments.add(new Attachment(in.readLong(), readString(in)));
        }
        Optional<MessageContent.Typed> content = readOptional(in) ? Optional.of(new MessageContent.Typed(readString(in), readString(in)))
                : Optional.empty();
        Optional<String> replyTo = readOptional(in) ? Optional.of(readString(in)) : Optional.empty();
        List<PeerId> mentions = readPeers(in);
        Optional<Forwarded> forwarded = readOptional(in) ? Optional.of(new Forwarded(PeerId.fromHex(readString(in)), readString(in)))
                : Optional.empty();
        int revision = in.readUnsignedByte();
        if (revision >= Message.Revision.values().length) {
            throw new IllegalArgumentException("a message's revision " + revision + " is none known");
        }
        List<Reaction> reactions = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            reactions.add(new Reaction(readString(in), readPeers(in)));
        }
        Optional<Pin> pinned = readOptional(in) ? Optional.of(new Pin(PeerId.fromHex(readString(in)), in.readLong())) : Optional.empty();
        return new Entry(new MessageRows.NewMessage(id, conversation, kind, author, clock, body, attachments, content, replyTo, mentions,
                forwarded, author.equals(node)), Message.Revision.values()[revision], reactions, pinned);
    }

    static boolean more(DataInputStream in) throws IOException {
        return readOptional(in);
    }

    private static boolean readOptional(DataInputStream in) throws IOException {
        int flag = in.readUnsignedByte();
        if (flag > 1) {
            throw new IllegalArgumentException("a byte that says whether more follows is " + flag);
        }
        return flag == 1;
    }

    static List<PeerId> readPeers(DataInputStream in) throws IOException {
        List<PeerId> peers = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            peers.add(PeerId.fromHex(readString(in)));
        }
        return peers;
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("a count of " + count);
        }
        return count;
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("a text of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
