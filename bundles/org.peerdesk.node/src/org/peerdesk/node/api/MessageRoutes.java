package org.peerdesk.node.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MailboxStatus;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerNames;

/** The admin API of messaging: conversations, sending, history, groups, search and the mailbox (docs/admin-api.md). */
final class MessageRoutes {

    private static final int DEFAULT_PAGE = 50;

    private final MessageService messages;
    private final PeerDirectory directory;
    private final PeerId self;

    MessageRoutes(MessageService messages, PeerDirectory directory, PeerId self) {
        this.messages = messages;
        this.directory = directory;
        this.self = self;
    }

    void register(ApiServer server) {
        server.route("GET", "/api/v1/conversations", body -> Map.of("conversations",
                messaging(messages::conversations).stream().map(answers()::describe).toList(),
                "catchingUpFrom", answers().peers(messaging(messages::catchingUpFrom))));
        server.route("POST", "/api/v1/conversations/mute", body -> {
            ConversationId id = conversation(body);
            if (body.get("muted") != null && !(body.get("muted") instanceof Boolean)) {
                throw ApiError.badRequest("\"muted\" is true (the default) or false.");
            }
            boolean muted = !Boolean.FALSE.equals(body.get("muted"));
            return Map.of("conversation", answers().describe(messaging(() -> messages.mute(id, muted))));
        });
        server.route("POST", "/api/v1/conversations/disappear", body -> {
            ConversationId id = conversation(body);
            String howToGive = "\"afterSeconds\" is how long after they are written the messages last, in whole seconds (0: kept).";
            long seconds = Bodies.optionalWhole(body, "afterSeconds", howToGive).orElseThrow(() -> ApiError.badRequest(howToGive));
            Message note = messaging(() -> messages.setDisappearing(id, Duration.ofSeconds(seconds)));
            return Map.of("note", answers().describe(note),
                    "conversation", answers().describe(messaging(() -> messages.conversation(id)).orElseThrow()));
        });
        server.route("POST", "/api/v1/conversations/export", body -> {
            ConversationId id = conversation(body);
            Path given = Path.of(Bodies.text(body, "file"));
            if (!given.isAbsolute()) {
                throw ApiError.badRequest("\"file\" is an absolute path: a new file, or a folder to write it into.");
            }
            if (body.get("replace") != null && !(body.get("replace") instanceof Boolean)) {
                throw ApiError.badRequest("\"replace\" is true or false (the default: an existing file is refused).");
            }
            Path file = Files.isDirectory(given) ? given.resolve(messaging(() -> messages.exportName(id))) : given;
            int count = messaging(() -> messages.export(id, file, Boolean.TRUE.equals(body.get("replace"))));
            return Map.of("file", file.toString(), "messages", count,
                    "conversation", answers().describe(messaging(() -> messages.conversation(id)).orElseThrow()));
        });
        server.route("POST", "/api/v1/messages/send", body -> {
            Optional<MessageContent.Typed> content = content(body);
            ConversationId to = conversation(body);
            if (content.isPresent()) {
                String text = Bodies.text(body, "text");
                return Map.of("message", answers().describe(messaging(() -> messages.send(to, text, content.get()))));
            }
            List<Path> files = files(body);
            String text = files.isEmpty() ? Bodies.text(body, "text") : Bodies.optionalText(body, "text").orElse("");
            return Map.of("message", answers().describe(messaging(() -> messages.send(to, text, files))));
        });
        server.route("POST", "/api/v1/messages/reply", body -> {
            List<Path> files = files(body);
            String text = files.isEmpty() ? Bodies.text(body, "text") : Bodies.optionalText(body, "text").orElse("");
            String id = chosenMessage(body, message -> !message.outgoing(), "from the others to reply to");
            return Map.of("message", answers().describe(messaging(() -> messages.reply(id, text, files))));
        });
        server.route("POST", "/api/v1/messages/forward", body -> {
            ConversationId to = conversation(body);
            String id = messageId(body);
            return Map.of("message", answers().describe(messaging(() -> messages.forward(id, to))));
        });
        server.route("POST", "/api/v1/messages/react", body -> {
            String reaction = Bodies.optionalText(body, "reaction").orElse("").strip();
            String id = reaction.isEmpty()
                    ? chosenMessage(body, message -> message.reactions().stream().anyMatch(each -> each.by().contains(self)),
                            "has a reaction of yours to take back")
                    : chosenMessage(body, message -> !message.outgoing(), "from the others to react to");
            return Map.of("message", answers().describe(messaging(() -> messages.react(id, reaction))));
        });
        server.route("POST", "/api/v1/messages/pin", body -> {
            if (body.get("pinned") != null && !(body.get("pinned") instanceof Boolean)) {
                throw ApiError.badRequest("\"pinned\" is true (the default) or false.");
            }
            boolean pinning = !Boolean.FALSE.equals(body.get("pinned"));
            String id = pinning ? chosenMessage(body, message -> message.pinned().isEmpty(), "is left to pin")
                    : body.get("message") != null ? messageId(body) : lastPinned(body);
            return Map.of("message", answers().describe(messaging(() -> messages.pin(id, pinning))));
        });
        server.route("POST", "/api/v1/messages/pins", body -> {
            ConversationId id = conversation(body);
            MessageAnswers answers = answers();
            return Map.of("conversation", answers.describe(messaging(() -> messages.conversation(id)).orElseThrow()),
                    "messages", messaging(() -> messages.pinned(id)).stream().map(answers::describe).toList());
        });
        server.route("POST", "/api/v1/messages/edit", body -> {
            String text = Bodies.text(body, "text");
            String id = ownMessage(body);
            return Map.of("message", answers().describe(messaging(() -> messages.edit(id, text))));
        });
        server.route("POST", "/api/v1/messages/delete", body -> {
            String id = ownMessage(body);
            return Map.of("message", answers().describe(messaging(() -> messages.delete(id))));
        });
        server.route("POST", "/api/v1/messages", this::history);
        server.route("POST", "/api/v1/messages/read", body -> {
            ConversationId id = conversation(body);
            messaging(() -> {
                messages.markRead(id);
                return null;
            });
            return Map.of("read", id.value());
        });
        server.route("POST", "/api/v1/messages/clear", body -> {
            ConversationId id = conversation(body);
            int cleared = messaging(() -> messages.clearHistory(id));
            return Map.of("conversation", answers().describe(messaging(() -> messages.conversation(id)).orElseThrow()), "cleared", cleared);
        });
        server.route("POST", "/api/v1/messages/typing", body -> {
            ConversationId id = conversation(body);
            messages.typing(id);
            return Map.of("typing", id.value());
        });
        server.route("POST", "/api/v1/messages/receipts", body -> {
            String id = messageId(body);
            return Map.of("receipts", messaging(() -> messages.receipts(id)).stream().map(answers()::describe).toList());
        });
        server.route("POST", "/api/v1/messages/search", body -> {
            String text = Bodies.text(body, "text");
            int limit = limit(body);
            List<Message> found = messaging(() -> messages.search(text, limit));
            MessageAnswers answers = answers();
            Map<ConversationId, String> names = new HashMap<>();
            for (Conversation conversation : messaging(messages::conversations)) {
                names.put(conversation.id(), answers.nameOf(conversation));
            }
            return Map.of("messages", found.stream().map(message -> answers.describeFound(message, names)).toList());
        });
        server.route("POST", "/api/v1/groups", body -> {
            String title = Bodies.text(body, "title");
            if (!(body.get("members") instanceof List<?> named) || named.isEmpty()) {
                throw ApiError.badRequest("Name the members: {\"title\": \"Team\", \"members\": [\"alice\", \"bob\"]}.");
            }
            List<PeerId> members = new ArrayList<>();
            for (Object each : named) {
                members.add(Bodies.peer(String.valueOf(each), directory));
            }
            return Map.of("conversation", answers().describe(messaging(() -> messages.createGroup(title, members))));
        });
        server.route("POST", "/api/v1/groups/add", body -> {
            ConversationId group = conversation(body);
            PeerId peer = Bodies.peer(body, directory);
            return Map.of("conversation", answers().describe(messaging(() -> messages.addMember(group, peer))));
        });
        server.route("POST", "/api/v1/groups/remove", body -> {
            ConversationId group = conversation(body);
            PeerId peer = Bodies.peer(body, directory);
            return Map.of("conversation", answers().describe(messaging(() -> messages.removeMember(group, peer))));
        });
        server.route("POST", "/api/v1/groups/rename", body -> {
            ConversationId group = conversation(body);
            String title = Bodies.text(body, "title");
            return Map.of("conversation", answers().describe(messaging(() -> messages.renameGroup(group, title))));
        });
        server.route("POST", "/api/v1/groups/leave", body -> {
            ConversationId group = conversation(body);
            return Map.of("conversation", answers().describe(messaging(() -> messages.leaveGroup(group))));
        });
        server.route("GET", "/api/v1/mailbox", body -> mailbox());
        server.route("POST", "/api/v1/mailbox", body -> {
            Optional<PeerId> chosen = body.get("peer") instanceof String text && !text.isBlank() && !text.strip().equals("none")
                    ? Optional.of(Bodies.peer(text, directory)) : Optional.empty();
            messaging(() -> {
                messages.setMailbox(chosen);
                return null;
            });
            return mailbox();
        });
    }

    private Map<String, Object> mailbox() throws Exception {
        MailboxStatus status = messaging(messages::mailboxStatus);
        Optional<Instant> lastSeen = status.mailbox().isEmpty() ? Optional.empty()
                : directory.find(status.mailbox().get()).flatMap(KnownPeer::lastSeen);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", status.mailbox().map(PeerId::toString).orElse(null));
        result.put("name", status.mailbox().map(directory::nameOf).orElse(null));
        result.put("online", status.online());
        result.put("lastSeen", status.online() ? "now" : lastSeen.map(Instant::toString).orElse(null));
        result.put("checked", status.checked().map(Instant::toString).orElse(null));
        result.put("lastMail", status.lastMail().map(Instant::toString).orElse(null));
        result.put("lastMailCount", status.lastMailCount());
        result.put("problem", status.problem().orElse(null));
        result.put("held", messaging(messages::heldMail).stream().map(answers()::describe).toList());
        return result;
    }

    /** A page of one conversation: the newest, the page before a message, or from a time on. */
    private Map<String, Object> history(Map<String, Object> body) throws Exception {
        ConversationId id = conversation(body);
        int limit = limit(body);
        List<Message> page;
        if (body.get("since") instanceof String since && !since.isBlank()) {
            Instant from = instant(since);
            page = messaging(() -> messages.since(id, from, limit));
        } else if (body.get("before") instanceof String before && !before.isBlank()) {
            page = messaging(() -> messages.before(id, before, limit));
        } else {
            page = messaging(() -> messages.latest(id, limit));
        }
        MessageAnswers answers = answers();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("conversation", answers.describe(messaging(() -> messages.conversation(id)).orElseThrow()));
        result.put("messages", page.stream().map(answers::describe).toList());
        return result;
    }

    private static Instant instant(String text) throws ApiError {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("'" + text + "' is not a time like 2026-11-24T09:00:00Z.");
        }
    }

    /** The message to edit or delete: see {@link #chosenMessage}, among this node's own. */
    private String ownMessage(Map<String, Object> body) throws Exception {
        return chosenMessage(body, Message::outgoing, "of yours can still be edited or deleted");
    }

    /**
     * The message a request names: {@code "message"}, its ID; or {@code "to"}, a conversation, where the newest text there
     * (among the last page) that is {@code wanted} and not deleted is meant. {@code none} ends "none ..." when there is none.
     */
    private String chosenMessage(Map<String, Object> body, Predicate<Message> wanted, String none) throws Exception {
        if (body.get("message") != null) {
            return messageId(body);
        }
        if (body.get("to") == null) {
            throw ApiError.badRequest("Say which message: {\"message\": \"ID\"}, or {\"to\": \"PEER|GROUP\"} for the newest there.");
        }
        ConversationId to = conversation(body);
        List<Message> page = messaging(() -> messages.latest(to, DEFAULT_PAGE));
        return page.reversed().stream()
                .filter(message -> wanted.test(message) && message.kind() == Message.Kind.TEXT
                        && message.revision() != Message.Revision.DELETED)
                .findFirst().map(Message::id)
                .orElseThrow(() -> new ApiError(409, "Among the last " + DEFAULT_PAGE + " messages of this conversation, none " + none + "."));
    }

    /** The message pinned last in the conversation {@code "to"} names. */
    private String lastPinned(Map<String, Object> body) throws Exception {
        if (body.get("to") == null) {
            throw ApiError.badRequest("Say which message: {\"message\": \"ID\"}, or {\"to\": \"PEER|GROUP\"} for the one pinned last there.");
        }
        ConversationId to = conversation(body);
        return messaging(() -> messages.pinned(to)).stream().findFirst().map(Message::id)
                .orElseThrow(() -> new ApiError(409, "Nothing is pinned in this conversation."));
    }

    /** The ID of the message {@code "message"} names: its ID, or the end of it (its {@code handle}, as {@code peerdesk messages} shows it). */
    private String messageId(Map<String, Object> body) throws Exception {
        String named = Bodies.text(body, "message").strip();
        return messaging(() -> messages.idEndingIn(named))
                .orElseThrow(() -> new ApiError(409, "There is no message " + named + " here."));
    }

    private static int limit(Map<String, Object> body) throws ApiError {
        if (body.get("limit") == null) {
            return DEFAULT_PAGE;
        }
        if (!(body.get("limit") instanceof Number number) || number.intValue() < 1 || number.intValue() > MessageService.MAX_PAGE) {
            throw ApiError.badRequest("\"limit\" is a number from 1 to " + MessageService.MAX_PAGE + ".");
        }
        return number.intValue();
    }

    /**
     * The conversation that {@code "to"} names: a conversation ID, a group by its title, or a peer
     * (by ID or name), whose direct conversation is opened if need be; a stranger who wrote to this
     * node by the start of its ID, as the conversations list it.
     */
    private ConversationId conversation(Map<String, Object> body) throws Exception {
        String to = Bodies.text(body, "to").strip();
        try {
            ConversationId id = ConversationId.parse(to);
            if (messaging(() -> messages.conversation(id)).isPresent()) {
                return id;
            }
        } catch (InvalidInputException notAnId) {
            // a title or a peer, then
        }
        List<Conversation> groups = messaging(messages::conversations).stream()
                .filter(each -> each.kind() == Conversation.Kind.GROUP && each.title().equalsIgnoreCase(to)).toList();
        if (groups.size() > 1) {
            throw ApiError.badRequest(groups.size() + " groups are called '" + to + "'; use the conversation ID.");
        }
        if (groups.size() == 1) {
            return groups.get(0).id();
        }
        if (PeerNames.matching(to, directory.peers()).isEmpty()) {
            List<ConversationId> withStrangers = messaging(messages::conversations).stream()
                    .filter(each -> each.kind() == Conversation.Kind.DIRECT
                            && each.others(self).stream().anyMatch(peer -> PeerNames.startsId(peer, to)))
                    .map(Conversation::id).toList();
            if (withStrangers.size() == 1) {
                return withStrangers.get(0);
            }
        }
        PeerId peer = Bodies.peer(to, directory);
        return messaging(() -> messages.direct(peer)).id();
    }

    private interface Action<T> {
        T run() throws MessagingException;
    }

    private static <T> T messaging(Action<T> action) throws ApiError {
        try {
            return action.run();
        } catch (MessagingException e) {
            throw new ApiError(409, e.getMessage());
        }
    }

    /** A plugin's data to send beside the text: {"content": {"type": "org.example.polls/poll", "data": "..."}}. */
    private static Optional<MessageContent.Typed> content(Map<String, Object> body) throws ApiError {
        Object given = body.get("content");
        if (given == null) {
            return Optional.empty();
        }
        String howToGive = "Give \"content\" as {\"type\": \"org.example.polls/poll\", \"data\": \"...\"}, with a \"text\" beside it.";
        if (!(given instanceof Map<?, ?> content) || !(content.get("type") instanceof String type) || !(content.get("data") instanceof String data)) {
            throw ApiError.badRequest(howToGive);
        }
        if (body.containsKey("files")) {
            throw ApiError.badRequest("A message carries files or a plugin's content, not both.");
        }
        try {
            return Optional.of(new MessageContent.Typed(type, data));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage() + ".");
        }
    }

    /** The files to attach: {"files": ["/absolute/path", ...]}, none when absent. */
    private static List<Path> files(Map<String, Object> body) throws ApiError {
        return Bodies.texts(body, "files", "{\"files\": [\"/home/ana/plan.pdf\"]}").stream().map(Path::of).toList();
    }

    /** What describes this request's answer: each peer's name is looked up once in it. */
    private MessageAnswers answers() {
        return new MessageAnswers(messages, directory, self);
    }
}
