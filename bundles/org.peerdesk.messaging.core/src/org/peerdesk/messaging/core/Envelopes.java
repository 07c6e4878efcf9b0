package org.peerdesk.messaging.core;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Utf8;
import org.peerdesk.identity.Signatures;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.Reaction;
import org.peerdesk.messaging.core.Envelope.Amend;
import org.peerdesk.messaging.core.Envelope.Disappear;
import org.peerdesk.messaging.core.Envelope.Hello;
import org.peerdesk.messaging.core.Envelope.Leave;
import org.peerdesk.messaging.core.Envelope.Members;
import org.peerdesk.messaging.core.Envelope.Names;
import org.peerdesk.messaging.core.Envelope.Payload;
import org.peerdesk.messaging.core.Envelope.Pin;
import org.peerdesk.messaging.core.Envelope.React;
import org.peerdesk.messaging.core.Envelope.Receipt;
import org.peerdesk.messaging.core.Envelope.Text;

/**
 * The signed wire form of envelopes:
 * <pre>
 * version 2, kind, id (16 bytes), conversation (16), author key (u16 length, X.509 Ed25519),
 * clock (8), payload, proof (see {@link BatchSignatures}: everything before it is the content)
 * TEXT      body (int length, UTF-8), count (u16), attachments (size (8), path (u16 length, UTF-8))
 * TYPED     content type (u8 length, ASCII), data (int length, UTF-8), then as TEXT; body and data at most
 *           {@link MessageService#MAX_BODY_BYTES} together
 * MEMBERS   title (u16 length, UTF-8), count (u16), peer IDs (32 each)
 * LEFT      as MEMBERS, then the peer ID (32) of the member who asked to leave, not among them
 * LEAVE     nothing
 * RECEIPT   read (byte), count (u16), message IDs (16 each)
 * HELLO     agreement key (u16 length), mailbox? (byte), mailbox peer ID (32)
 * NAMES     count (u16), count x (peer ID (32), name (u16 length, UTF-8))
 * AMEND     message ID (16), deleted (byte); unless deleted, the new body (int length, UTF-8)
 * REPLY     the answered message's ID (16), then the kind TEXT or TYPED (byte) and as that kind
 * REACT     the message's ID (16), the reaction (u8 length, UTF-8, at most {@link Reaction#MAX_BYTES}; empty: taken back)
 * MENTIONS  count (u16, 1 to {@link MessageService#MAX_MENTIONS}), the mentioned peers' IDs (32 each, none twice), then the
 *           kind TEXT, TYPED or REPLY (byte) and as that kind
 * EDIT_MENTIONS  count (u16, 0 to {@link MessageService#MAX_MENTIONS}), the peers the new text mentions (32 each, none
 *           twice), then as AMEND, an edit
 * FORWARD   the first author's peer ID (32), the name the forwarding author knows it by (u8 length, UTF-8, at most
 *           {@link Forwarded#MAX_NAME_CHARS} characters), then as TEXT
 * PIN       the message's ID (16), pinned (byte: 1 pinned, 0 unpinned)
 * DISAPPEAR how long after they are written the conversation's messages last from the envelope's clock on (u64,
 *           milliseconds, 0 to {@link MessageService#MAX_DISAPPEAR_AFTER}; 0: kept)
 * </pre>
 * Version 1 ended in a signature of its own (u16 length, Ed25519 over everything before it); such
 * envelopes are still taken, as an outbox may hold them from before. The author is the peer whose
 * key signed it; opening checks the signature and every limit first.
 */
final class Envelopes {

    /** Signs for the author: this node's identity in the running node. */
    @FunctionalInterface
    interface Signer {
        byte[] sign(byte[] data) throws Exception;
    }

    static final int MAX_ATTACHMENT_PATH_BYTES = 1024;
    static final int MAX_BYTES = MessageService.MAX_BODY_BYTES + 4096
            + MessageService.MAX_ATTACHMENTS * (Long.BYTES + Short.BYTES + MAX_ATTACHMENT_PATH_BYTES);
    static final int MAX_TITLE_CHARS = 100;
    static final int MAX_RECEIPT_IDS = 1000;
    static final int ID_BYTES = 16;

    private static final byte SIGNED_ALONE = 1;
    private static final byte VERSION = 2;
    private static final byte TEXT = 1;
    private static final byte MEMBERS = 2;
    private static final byte RECEIPT = 3;
    private static final byte HELLO = 4;
    private static final byte LEAVE = 5;
    /** A member list taking out a member who asked to: a kind apart, since a node of an earlier version refuses bytes after the list. */
    private static final byte LEFT = 6;
    private static final byte NAMES = 7;
    /** A text with a plugin's data: a kind apart, which a node of an earlier version refuses rather than shows without its data. */
    private static final byte TYPED = 8;
    /** An author's edit or deletion of a message it sent. */
    private static final byte AMEND = 9;
    /** A text answering another message: a kind apart, which a node of an earlier version refuses rather than shows without what it answers. */
    private static final byte REPLY = 10;
    /** A member's reaction to a message, or its taking one back. */
    private static final byte REACT = 11;
    /** A text that mentions members: a kind apart, which a node of an earlier version refuses. */
    private static final byte MENTIONS = 12;
    /** A text forwarded from another conversation, with whose it first was: a kind apart, which a node of an earlier version refuses. */
    private static final byte FORWARD = 13;
    /** An edit with the members the new text mentions: a kind apart, which a node of an earlier version refuses. */
    private static final byte EDIT_MENTIONS = 14;
    /** A member's pin of a message to the top of the conversation, or its unpinning. */
    private static final byte PIN = 15;
    /** A member's setting of how long the conversation's messages last. */
    private static final byte DISAPPEAR = 16;
    /**
     * How a node, of this version or an earlier one, refuses an envelope of a kind it does not know; nodes of later versions
     * take the kinds they added out of a text that ends so (see {@link EarlierVersions}). Keep it as it is.
     */
    private static final String UNKNOWN_KIND = "the envelope has an unknown kind ";
    private static final int MAX_KEY_BYTES = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelopes() {
    }

    /**
     * A new envelope ID: the time in milliseconds (6 bytes), then 10 random bytes. IDs in the order
     * they are made go in near the end of the databases' index of message IDs, not anywhere in it:
     * a commit then rewrites a page or two of that index rather than a page per message. The time
     * is no secret; the envelope's clock holds it too.
     */
    static String newId() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        long millis = System.currentTimeMillis();
        for (int i = 5; i >= 0; i--) {
            id[i] = (byte) millis;
            millis >>>= 8;
        }
        return HexFormat.of().formatHex(id);
    }

    /** The envelope signed by its author, whose public key is {@code authorKey}, alone. */
    static byte[] seal(Envelope envelope, byte[] authorKey, Signer signer) throws Exception {
        return BatchSignatures.sign(List.of(content(envelope, authorKey)), signer).get(0);
    }

    /** Whether {@code bytes} is a whole envelope of the first version, signed already, rather than content still to sign. */
    static boolean signedAlone(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == SIGNED_ALONE;
    }

    /** The conversation of an envelope, signed or still to sign, that this node wrote. */
    static ConversationId conversationOf(byte[] bytes) {
        return ConversationId.of(Arrays.copyOfRange(bytes, 2 + ID_BYTES, 2 + ID_BYTES + ConversationId.BYTES));
    }

    /** What the author signs: the envelope without its proof. */
    static byte[] content(Envelope envelope, byte[] authorKey) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(kind(envelope.payload()));
            out.write(HexFormat.of().parseHex(envelope.id()));
            out.write(envelope.conversation().bytes());
            out.writeShort(authorKey.length);
            out.write(authorKey);
            out.writeLong(envelope.clock());
            switch (envelope.payload()) {
                case Text text -> {
                    if (text.forwarded().isPresent()) {
                        byte[] name = text.forwarded().get().name().getBytes(StandardCharsets.UTF_8);
                        out.write(text.forwarded().get().author().bytes());
                        out.writeByte(name.length);
                        out.write(name);
                    }
                    if (!text.mentions().isEmpty()) {
                        writeMentions(out, text.mentions());
                        out.writeByte(textKind(text));
                    }
                    if (text.replyTo().isPresent()) {
                        out.write(HexFormat.of().parseHex(text.replyTo().get()));
                        out.writeByte(text.content().isPresent() ? TYPED : TEXT);
                    }
                    if (text.content().isPresent()) {
                        byte[] type = text.content().get().type().getBytes(StandardCharsets.US_ASCII);
                        byte[] data = text.content().get().data().getBytes(StandardCharsets.UTF_8);
                        out.writeByte(type.length);
                        out.write(type);
                        out.writeInt(data.length);
                        out.write(data);
                    }
                    byte[] utf8 = text.body().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                    out.writeShort(text.attachments().size());
                    for (Attachment attachment : text.attachments()) {
                        byte[] path = attachment.path().getBytes(StandardCharsets.UTF_8);
                        out.writeLong(attachment.size());
                        out.writeShort(path.length);
                        out.write(path);
                    }
                }
                case Members members -> {
                    byte[] title = members.title().getBytes(StandardCharsets.UTF_8);
                    out.writeShort(title.length);
                    out.write(title);
                    out.writeShort(members.members().size());
                    for (PeerId member : members.members()) {
                        out.write(member.bytes());
                    }
                    if (members.leaver().isPresent()) {
                        out.write(members.leaver().get().bytes());
                    }
                }
                case Leave leave -> {
                    // nothing but who asks, and where
                }
                case Receipt receipt -> {
                    out.writeByte(receipt.read() ? 1 : 0);
                    out.writeShort(receipt.messageIds().size());
                    for (String id : receipt.messageIds()) {
                        out.write(HexFormat.of().parseHex(id));
                    }
                }
                case Names names -> {
                    out.writeShort(names.names().size());
                    for (var named : names.names().entrySet()) {
                        byte[] name = named.getValue().getBytes(StandardCharsets.UTF_8);
                        out.write(named.getKey().bytes());
                        out.writeShort(name.length);
                        out.write(name);
                    }
                }
                case Amend amend -> {
                    if (amend.mentions().isPresent()) {
                        writeMentions(out, amend.mentions().get());
                    }
                    out.write(HexFormat.of().parseHex(amend.messageId()));
                    out.writeByte(amend.deletes() ? 1 : 0);
                    if (!amend.deletes()) {
                        byte[] utf8 = amend.body().get().getBytes(StandardCharsets.UTF_8);
                        out.writeInt(utf8.length);
                        out.write(utf8);
                    }
                }
                case React react -> {
                    out.write(HexFormat.of().parseHex(react.messageId()));
                    byte[] utf8 = react.reaction().getBytes(StandardCharsets.UTF_8);
                    out.writeByte(utf8.length);
                    out.write(utf8);
                }
                case Pin pin -> {
                    out.write(HexFormat.of().parseHex(pin.messageId()));
                    out.writeByte(pin.pinned() ? 1 : 0);
                }
                case Disappear disappear -> out.writeLong(disappear.afterMillis());
                case Hello hello -> {
                    out.writeShort(hello.agreementKey().length);
                    out.write(hello.agreementKey());
                    out.writeByte(hello.mailbox().isPresent() ? 1 : 0);
                    if (hello.mailbox().isPresent()) {
                        out.write(hello.mailbox().get().bytes());
                    }
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte kind(Payload payload) {
        return switch (payload) {
            case Text text -> text.forwarded().isPresent() ? FORWARD : text.mentions().isEmpty() ? textKind(text) : MENTIONS;
            case Members members -> members.leaver().isPresent() ? LEFT : MEMBERS;
            case Leave leave -> LEAVE;
            case Receipt receipt -> RECEIPT;
            case Hello hello -> HELLO;
            case Names names -> NAMES;
            case Amend amend -> amend.mentions().isPresent() ? EDIT_MENTIONS : AMEND;
            case React react -> REACT;
            case Pin pin -> PIN;
            case Disappear disappear -> DISAPPEAR;
        };
    }

    /**
     * Whether {@code refusal} is a node of an earlier version's answer to {@code signed}: that it does not know the envelope's
     * kind (see {@link EarlierVersions} for what is sent instead).
     */
    static boolean refusedAsUnknownKind(byte[] signed, String refusal) {
        return signed.length >= 2 && refusal.endsWith(UNKNOWN_KIND + signed[1]);
    }

    /** The kind of a text, leaving its mentions aside. */
    private static byte textKind(Text text) {
        return text.replyTo().isPresent() ? REPLY : text.content().isPresent() ? TYPED : TEXT;
    }

    /**
     * Reads and checks an envelope that came from outside.
     *
     * @throws InvalidInputException saying what is wrong: malformed, over a limit, or a signature
     *         that does not verify
     */
    static Envelope open(byte[] bytes) throws InvalidInputException {
        return open(bytes, new BatchSignatures.VerifiedRoots());
    }

    /** As {@link #open(byte[])}, checking each batch's signature once for all envelopes of it that come by. */
    static Envelope open(byte[] bytes, BatchSignatures.VerifiedRoots roots) throws InvalidInputException {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("the envelope is " + bytes.length + " bytes, over the limit of " + MAX_BYTES);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION && version != SIGNED_ALONE) {
                throw new InvalidInputException("the envelope has an unknown version " + version);
            }
            byte kind = in.get();
            String id = HexFormat.of().formatHex(take(in, ID_BYTES));
            ConversationId conversation = ConversationId.of(take(in, ConversationId.BYTES));
            byte[] authorKey = take(in, limited(in.getShort() & 0xffff, MAX_KEY_BYTES, "author key"));
            long clock = in.getLong();
            Payload payload = switch (kind) {
                case TEXT -> text(in);
                case TYPED -> typed(in);
                case REPLY -> reply(in);
                case MEMBERS -> members(in);
                case LEFT -> left(members(in), new PeerId(take(in, PeerId.LENGTH)));
                case RECEIPT -> receipt(in);
                case HELLO -> hello(in);
                case NAMES -> names(in);
                case LEAVE -> new Leave();
                case AMEND -> amend(in);
                case REACT -> react(in);
                case MENTIONS -> mentioning(in);
                case FORWARD -> forwarded(in);
                case EDIT_MENTIONS -> editMentioning(in);
                case PIN -> pin(in);
                case DISAPPEAR -> disappear(in);
                default -> throw new InvalidInputException(UNKNOWN_KIND + kind);
            };
            byte[] content = Arrays.copyOf(bytes, in.position());
            PeerId author = PeerId.ofPublicKey(authorKey);
            try {
                if (version == VERSION) {
                    BatchSignatures.check(content, in, author, authorKey, roots);
                } else if (!Signatures.verify(author, authorKey, content, take(in, limited(in.getShort() & 0xffff, MAX_KEY_BYTES, "signature")))) {
                    throw new InvalidInputException("the signature does not verify");
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException("envelope " + id + ": " + e.getMessage());
            }
            if (in.hasRemaining()) {
                throw new InvalidInputException("the envelope has " + in.remaining() + " bytes after its signature");
            }
            return new Envelope(id, conversation, author, clock, payload);
        } catch (BufferUnderflowException e) {
            throw new InvalidInputException("the envelope ends early");
        }
    }

    private static Text text(ByteBuffer in) throws InvalidInputException {
        return new Text(utf8(take(in, limited(in.getInt(), MessageService.MAX_BODY_BYTES, "body"))), attachments(in));
    }

    private static Text reply(ByteBuffer in) throws InvalidInputException {
        String answered = HexFormat.of().formatHex(take(in, ID_BYTES));
        byte kind = in.get();
        Text text = switch (kind) {
            case TEXT -> text(in);
            case TYPED -> typed(in);
            default -> throw new InvalidInputException("the reply to message " + answered + " holds a kind " + kind + " that is not text");
        };
        return new Text(text.body(), text.attachments(), text.content(), Optional.of(answered));
    }

    private static void writeMentions(DataOutputStream out, List<PeerId> mentions) throws IOException {
        out.writeShort(mentions.size());
        for (PeerId mentioned : mentions) {
            out.write(mentioned.bytes());
        }
    }

    /** A list of mentioned members: a count, then their IDs, none twice. */
    private static List<PeerId> mentions(ByteBuffer in) throws InvalidInputException {
        int count = limited(in.getShort() & 0xffff, MessageService.MAX_MENTIONS, "list of mentioned members");
        List<PeerId> mentions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mentions.add(new PeerId(take(in, PeerId.LENGTH)));
        }
        if (new HashSet<>(mentions).size() != mentions.size()) {
            throw new InvalidInputException("the message mentions a member twice");
        }
        return mentions;
    }

    private static Amend editMentioning(ByteBuffer in) throws InvalidInputException {
        List<PeerId> mentions = mentions(in);
        Amend amend = amend(in);
        if (amend.deletes()) {
            throw new InvalidInputException("the deletion of message " + amend.messageId() + " says whom it mentions");
        }
        return new Amend(amend.messageId(), amend.body(), Optional.of(mentions));
    }

    private static Text mentioning(ByteBuffer in) throws InvalidInputException {
        List<PeerId> mentions = mentions(in);
        if (mentions.isEmpty()) {
            throw new InvalidInputException("the message says it mentions members and names none");
        }
        byte kind = in.get();
        Text text = switch (kind) {
            case TEXT -> text(in);
            case TYPED -> typed(in);
            case REPLY -> reply(in);
            default -> throw new InvalidInputException("the message that mentions members holds a kind " + kind + " that is not text");
        };
        return new Text(text.body(), text.attachments(), text.content(), text.replyTo(), mentions);
    }

    private static Text forwarded(ByteBuffer in) throws InvalidInputException {
        PeerId author = new PeerId(take(in, PeerId.LENGTH));
        String name = utf8(take(in, in.get() & 0xff));
        if (name.length() > Forwarded.MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("the forwarded message's author's name is not a name");
        }
        Text text = text(in);
        return new Text(text.body(), text.attachments(), new Forwarded(author, name));
    }

    private static Text typed(ByteBuffer in) throws InvalidInputException {
        String type = new String(take(in, in.get() & 0xff), StandardCharsets.US_ASCII);
        if (!MessageContent.Typed.validType(type)) {
            throw new InvalidInputException("the message's content type is not a type's name");
        }
        byte[] data = take(in, limited(in.getInt(), MessageService.MAX_BODY_BYTES, "content data"));
        String body = utf8(take(in, limited(in.getInt(), MessageService.MAX_BODY_BYTES - data.length, "body with its content data")));
        return new Text(body, attachments(in), Optional.of(new MessageContent.Typed(type, utf8(data))));
    }

    private static List<Attachment> attachments(ByteBuffer in) throws InvalidInputException {
        int count = limited(in.getShort() & 0xffff, MessageService.MAX_ATTACHMENTS, "attachment list");
        List<Attachment> attachments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long size = in.getLong();
            String path = utf8(take(in, limited(in.getShort() & 0xffff, MAX_ATTACHMENT_PATH_BYTES, "attachment path")));
            if (size < 0 || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.chars().anyMatch(c -> c < 0x20)
                    || List.of(path.split("/", -1)).stream().anyMatch(name -> name.isEmpty() || name.equals("..") || name.equals("."))) {
                throw new InvalidInputException("the envelope names an attachment that is not a path in a share: " + path);
            }
            attachments.add(new Attachment(size, path));
        }
        return attachments;
    }

    private static Members members(ByteBuffer in) throws InvalidInputException {
        String title = utf8(take(in, limited(in.getShort() & 0xffff, 4 * MAX_TITLE_CHARS, "title")));
        checkTitle(title);
        int count = limited(in.getShort() & 0xffff, MessageService.MAX_MEMBERS, "member list");
        List<PeerId> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new PeerId(take(in, PeerId.LENGTH)));
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw new InvalidInputException("the member list names a peer twice");
        }
        return new Members(title, members);
    }

    private static Members left(Members members, PeerId leaver) throws InvalidInputException {
        if (members.members().contains(leaver)) {
            throw new InvalidInputException("the member list keeps the member it says left");
        }
        return new Members(members.title(), members.members(), Optional.of(leaver));
    }

    private static Receipt receipt(ByteBuffer in) throws InvalidInputException {
        boolean read = in.get() != 0;
        int count = limited(in.getShort() & 0xffff, MAX_RECEIPT_IDS, "receipt");
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(HexFormat.of().formatHex(take(in, ID_BYTES)));
        }
        return new Receipt(read, ids);
    }

    private static Amend amend(ByteBuffer in) throws InvalidInputException {
        String messageId = HexFormat.of().formatHex(take(in, ID_BYTES));
        byte deleted = in.get();
        if (deleted != 0 && deleted != 1) {
            throw new InvalidInputException("the change to message " + messageId + " is neither an edit nor a deletion");
        }
        Optional<String> body = deleted == 1 ? Optional.empty()
                : Optional.of(utf8(take(in, limited(in.getInt(), MessageService.MAX_BODY_BYTES, "new body"))));
        return new Amend(messageId, body);
    }

    private static React react(ByteBuffer in) throws InvalidInputException {
        String messageId = HexFormat.of().formatHex(take(in, ID_BYTES));
        String reaction = utf8(take(in, limited(in.get() & 0xff, Reaction.MAX_BYTES, "reaction")));
        Optional<String> problem = reaction.isEmpty() ? Optional.empty() : Reaction.problem(reaction);
        if (problem.isPresent()) {
            throw new InvalidInputException("the reaction to message " + messageId + " cannot be one: " + problem.get());
        }
        return new React(messageId, reaction);
    }

    private static Pin pin(ByteBuffer in) throws InvalidInputException {
        String messageId = HexFormat.of().formatHex(take(in, ID_BYTES));
        byte pinned = in.get();
        if (pinned != 0 && pinned != 1) {
            throw new InvalidInputException("the pin of message " + messageId + " neither pins nor unpins it");
        }
        return new Pin(messageId, pinned == 1);
    }

    private static Disappear disappear(ByteBuffer in) throws InvalidInputException {
        long after = in.getLong();
        if (after < 0 || after > MessageService.MAX_DISAPPEAR_AFTER.toMillis()) {
            throw new InvalidInputException("messages cannot be set to disappear after " + after + " ms");
        }
        return new Disappear(after);
    }

    private static Hello hello(ByteBuffer in) throws InvalidInputException {
        byte[] key = take(in, limited(in.getShort() & 0xffff, MAX_KEY_BYTES, "agreement key"));
        Optional<PeerId> mailbox = in.get() != 0 ? Optional.of(new PeerId(take(in, PeerId.LENGTH))) : Optional.empty();
        return new Hello(key, mailbox);
    }

    private static Names names(ByteBuffer in) throws InvalidInputException {
        int count = limited(in.getShort() & 0xffff, MessageService.MAX_MEMBERS, "name list");
        Map<PeerId, String> names = new HashMap<>();
        for (int i = 0; i < count; i++) {
            PeerId peer = new PeerId(take(in, PeerId.LENGTH));
            String name = utf8(take(in, limited(in.getShort() & 0xffff, MAX_TITLE_CHARS * 4, "name")));
            checkName(name);
            if (names.put(peer, name) != null) {
                throw new InvalidInputException("the name list names a peer twice");
            }
        }
        return new Names(names);
    }

    /** Refuses a group title that is empty, too long or holds control characters. */
    static void checkTitle(String title) throws InvalidInputException {
        if (!fitsAsName(title)) {
            throw new InvalidInputException("A group title is 1 to " + MAX_TITLE_CHARS + " characters without control characters.");
        }
    }

    private static void checkName(String name) throws InvalidInputException {
        if (!fitsAsName(name)) {
            throw new InvalidInputException("a member's name is 1 to " + MAX_TITLE_CHARS + " characters without control characters");
        }
    }

    /** Whether {@code name} may name a group or a member: 1 to {@value #MAX_TITLE_CHARS} characters, none of them control characters. */
    static boolean fitsAsName(String name) {
        return !name.isBlank() && name.length() <= MAX_TITLE_CHARS && name.chars().noneMatch(Character::isISOControl);
    }

    private static int limited(int length, int max, String what) throws InvalidInputException {
        if (length < 0 || length > max) {
            throw new InvalidInputException("the " + what + " is " + length + " long, over the limit of " + max);
        }
        return length;
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String utf8(byte[] bytes) throws InvalidInputException {
        return Utf8.decode(bytes).orElseThrow(() -> new InvalidInputException("the text is not valid UTF-8"));
    }
}
