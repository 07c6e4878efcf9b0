package org.peerdesk.node.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.IntStream;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.HeldMail;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.Quote;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.Pin;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.Receipt;
import org.peerdesk.transport.PeerDirectory;

/**
 * Messages, conversations and held mail as one answer of the messaging API gives them (docs/admin-api.md). Made for
 * one answer: the names of the peers in it are looked up once each, not once a message.
 */
final class MessageAnswers {

    private final MessageService messages;
    private final PeerDirectory directory;
    private final PeerId self;
    private final Map<PeerId, String> names = new HashMap<>();
    private SortedSet<String> contentTypes;
    private Map<PeerId, String> memberNames;

    MessageAnswers(MessageService messages, PeerDirectory directory, PeerId self) {
        this.messages = messages;
        this.directory = directory;
        this.self = self;
    }

    /**
     * "me" for this node, else the name the peer goes by here (for a group's member this node does not know, what its
     * creator calls it); looked up once for each peer in the answer.
     */
    private String name(PeerId peer) {
        return names.computeIfAbsent(peer, this::lookUp);
    }

    private String lookUp(PeerId peer) {
        if (peer.equals(self)) {
            return "me";
        }
        String known = directory.nameOf(peer);
        if (!known.equals(peer.shortForm())) {
            return known;
        }
        try {
            if (memberNames == null) {
                memberNames = messages.memberNames();
            }
            return memberNames.getOrDefault(peer, known);
        } catch (MessagingException e) {
            return known; // the ID names it well enough for a page of messages
        }
    }

    Map<String, Object> describe(HeldMail held) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", held.recipient().toString());
        result.put("name", name(held.recipient()));
        result.put("pieces", held.pieces());
        result.put("bytes", held.bytes());
        result.put("oldest", held.oldest().map(Instant::toString).orElse(null));
        return result;
    }

    Map<String, Object> describe(Conversation conversation) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", conversation.id().value());
        result.put("kind", conversation.kind().word());
        result.put("title", conversation.title());
        result.put("name", nameOf(conversation));
        result.put("creator", conversation.creator().toString());
        result.put("members", peers(conversation.members()));
        result.put("typing", peers(messages.typingIn(conversation.id())));
        result.put("unread", conversation.unread());
        result.put("unreadMentions", conversation.unreadMentions());
        result.put("muted", conversation.muted());
        result.put("disappearAfterSeconds", conversation.disappearAfter().toSeconds());
        result.put("last", conversation.last().map(this::describe).orElse(null));
        return result;
    }

    List<Map<String, String>> peers(List<PeerId> peers) {
        return peers.stream().map(this::peer).toList();
    }

    private Map<String, String> peer(PeerId peer) {
        return Map.of("peer", peer.toString(), "name", name(peer));
    }

    Map<String, Object> describe(Receipt receipt) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", receipt.recipient().toString());
        result.put("name", name(receipt.recipient()));
        result.put("delivery", receipt.delivery().word());
        result.put("problem", receipt.problem().orElse(null));
        return result;
    }

    /** The types of content plugins here know, asked once per answer. */
    private SortedSet<String> contentTypes() {
        if (contentTypes == null) {
            contentTypes = messages.contentTypes();
        }
        return contentTypes;
    }

    /** A plugin's data beside a message's text, whether a plugin on this node knows its type, and what it says of it. */
    private Map<String, Object> describe(MessageContent.Typed content, Optional<String> described) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", content.type());
        result.put("data", content.data());
        result.put("known", contentTypes().contains(content.type()));
        result.put("described", described.orElse(null));
        return result;
    }

    /** The message a reply answers, as this node has it: "found" false where it has not. */
    private Map<String, Object> describe(Quote quote) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message", quote.messageId());
        result.put("found", quote.found());
        result.put("author", quote.author().map(PeerId::toString).orElse(null));
        result.put("authorName", quote.author().map(this::name).orElse(null));
        result.put("excerpt", quote.excerpt());
        result.put("deleted", quote.deleted());
        return result;
    }

    /** Who pinned a message, and when. */
    private Map<String, Object> describe(Pin pin) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("by", peer(pin.by()));
        result.put("at", pin.when().toString());
        return result;
    }

    /** Whose a forwarded message's text first was: by the name this node knows them by, else the one the message carries. */
    private Map<String, Object> describe(Forwarded forwarded) {
        String known = name(forwarded.author());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", forwarded.author().toString());
        result.put("name", known.equals(forwarded.author().shortForm()) ? forwarded.name() : known);
        return result;
    }

    /** What the user calls a conversation: a group's title, or the name of the peer on the other end. */
    String nameOf(Conversation conversation) {
        return conversation.kind() == Conversation.Kind.GROUP ? conversation.title()
                : conversation.others(self).stream().findFirst().map(this::name).orElse("me");
    }

    /** A file of a message: its name, size and path at its sender, and where it was fetched to here, if it was. */
    private static Map<String, Object> describe(Attachment attachment, Path fetched) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", attachment.name());
        result.put("size", attachment.size());
        result.put("path", attachment.path());
        result.put("fetched", fetched == null ? null : fetched.toString());
        return result;
    }

    /** Where the files of another's message were fetched to here, in the order of its attachments; none where they were not. */
    private List<Path> fetchedHere(Message message) {
        if (message.outgoing() || message.attachments().isEmpty()) {
            return List.of();
        }
        try {
            return messages.fetched(List.of(message)).getOrDefault(message.id(), List.of());
        } catch (MessagingException e) {
            return List.of(); // the transfers cannot be read now: the files are offered to fetch, as they would be
        }
    }

    /** As {@link #describe(Message)}, with the name of the message's conversation: for messages found anywhere. */
    Map<String, Object> describeFound(Message message, Map<ConversationId, String> conversationNames) {
        Map<String, Object> result = describe(message);
        result.put("conversationName", conversationNames.getOrDefault(message.conversation(), message.conversation().value()));
        return result;
    }

    Map<String, Object> describe(Message message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", message.id());
        result.put("handle", message.handle());
        result.put("conversation", message.conversation().value());
        result.put("kind", message.kind().word());
        result.put("author", message.author().toString());
        result.put("authorName", name(message.author()));
        result.put("sent", message.sent().toString());
        result.put("clock", message.clock());
        result.put("text", message.body());
        List<Path> fetched = fetchedHere(message);
        List<Attachment> attachments = message.attachments();
        result.put("attachments", IntStream.range(0, attachments.size())
                .mapToObj(i -> describe(attachments.get(i), fetched.isEmpty() ? null : fetched.get(i))).toList());
        result.put("content", message.content().map(content -> describe(content, messages.describe(message))).orElse(null));
        result.put("revision", message.revision().word());
        result.put("replyTo", message.replyTo().map(this::describe).orElse(null));
        result.put("forwardedFrom", message.forwarded().map(this::describe).orElse(null));
        result.put("outgoing", message.outgoing());
        result.put("delivery", message.delivery().word());
        result.put("read", message.read());
        result.put("problem", message.problem().orElse(null));
        if (message.outgoing()) {
            Map<String, Object> reach = new LinkedHashMap<>();
            reach.put("recipients", message.reach().recipients());
            reach.put("delivered", message.reach().delivered());
            reach.put("read", message.reach().read());
            reach.put("partly", message.reach().partly().orElse(null));
            result.put("reach", reach);
        }
        result.put("reactions", message.reactions().stream()
                .map(reaction -> Map.of("reaction", reaction.reaction(), "by", peers(reaction.by()))).toList());
        result.put("pinned", message.pinned().map(this::describe).orElse(null));
        result.put("mentions", peers(message.mentions()));
        result.put("mentionsMe", message.mentions().contains(self));
        return result;
    }
}
