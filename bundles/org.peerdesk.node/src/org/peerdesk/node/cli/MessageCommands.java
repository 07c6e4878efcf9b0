package org.peerdesk.node.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Intervals;
import org.peerdesk.core.ShellWords;

/** The CLI words of messaging: sending, reading, groups, search and the mailbox. */
final class MessageCommands {

    static final Set<String> WORDS = Set.of("send", "reply", "forward", "react", "unreact", "pin", "unpin", "pins", "edit", "unsend", "messages", "receipts", "clear-history", "conversations", "group",
            "search", "mailbox", "mute", "unmute", "disappear", "export");

    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);
    /** A message's states while some recipient has yet to take it. */
    private static final Set<String> ON_THE_WAY = Set.of("sending", "at-mailbox", "passed-on");
    private static final long POLL_MILLIS = 50;
    /** What stands in the place of a message its author deleted. */
    private static final String DELETED = "(deleted this message)";
    /** How far back {@code receipts} looks in a conversation. */
    private static final int RECEIPTS_SHOWN = 20;

    private final Output output;

    MessageCommands(Output output) {
        this.output = output;
    }

    int run(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String word = words.get(0);
        int arguments = words.size() - 1;
        return switch (word) {
            case "send" -> arguments < (options.containsKey("attach") ? 1 : 2)
                    ? output.usage("send PEER|GROUP TEXT [--attach FILE...] (quote the text, or give it as several words)")
                    : !options.containsKey("attach") && String.join("", words.subList(2, words.size())).isBlank()
                    ? output.usage("There is nothing to send: the text is empty.")
                    : send(sendBody(Map.of("to", words.get(1)), words.subList(2, words.size()), options), api);
            case "reply" -> reply(words, options, api);
            case "forward" -> !options.containsKey("message") || arguments != 1
                    ? output.usage("forward --message HANDLE PEER|GROUP (the message, by the handle 'messages' begins its line with, and"
                            + " where it goes)")
                    : forward(options.get("message"), words.get(1), api);
            case "react", "unreact" -> react(words, options, api);
            case "pin", "unpin" -> pin(words, options, api);
            case "pins" -> arguments != 1 ? output.usage("pins PEER|GROUP") : pins(words.get(1), api);
            case "messages" -> arguments != 1 ? output.usage("messages PEER|GROUP [--since 2h|2026-11-24T09:00:00Z] [--limit N]")
                    : messages(words.get(1), options, api);
            case "edit" -> options.containsKey("message") ? arguments < 1 || String.join("", words.subList(1, words.size())).isBlank()
                    ? output.usage("edit --message HANDLE TEXT: the new text")
                    : revise("edit", Map.of("message", options.get("message"), "text", String.join(" ", words.subList(1, words.size()))), api)
                    : arguments < 2 || String.join("", words.subList(2, words.size())).isBlank()
                    ? output.usage("edit PEER|GROUP TEXT (your newest message there) or edit --message HANDLE TEXT")
                    : revise("edit", Map.of("to", words.get(1), "text", String.join(" ", words.subList(2, words.size()))), api);
            case "unsend" -> options.containsKey("message") ? arguments != 0 ? output.usage("unsend --message HANDLE takes nothing more")
                    : revise("delete", Map.of("message", options.get("message")), api)
                    : arguments != 1 ? output.usage("unsend PEER|GROUP (your newest message there) or unsend --message HANDLE")
                    : revise("delete", Map.of("to", words.get(1)), api);
            case "receipts" -> arguments != 1 ? output.usage("receipts PEER|GROUP") : receipts(words.get(1), api);
            case "clear-history" -> arguments != 1 ? output.usage("clear-history PEER|GROUP")
                    : output.show(api.post("/api/v1/messages/clear", Map.of("to", words.get(1))), answer -> output.out().println(
                            "Deleted " + Output.count(answer.get("cleared"), "message") + " of " + conversationName(Output.entry(answer,
                                    "conversation")) + " from this node; the others keep theirs."));
            case "conversations" -> output.show(api.get("/api/v1/conversations"), this::printConversations);
            case "mute", "unmute" -> arguments != 1 ? output.usage(word + " PEER|GROUP")
                    : output.show(api.post("/api/v1/conversations/mute", Map.of("to", words.get(1), "muted", word.equals("mute"))),
                            answer -> output.out().println(muteLine(Output.entry(answer, "conversation"))));
            case "disappear" -> arguments != 2 ? output.usage("disappear PEER|GROUP SPAN|off (SPAN: 1h, 1d, 1w, 4w...)")
                    : output.show(api.post("/api/v1/conversations/disappear", Map.of("to", words.get(1),
                            "afterSeconds", words.get(2).equals("off") ? 0 : Times.duration(words.get(2)).toSeconds())),
                            answer -> output.out().println(disappearLine(Output.entry(answer, "conversation"))));
            case "export" -> arguments < 1 || arguments > 2 ? output.usage("export PEER|GROUP [FILE|FOLDER] (default: the current folder)")
                    : output.show(api.post("/api/v1/conversations/export", Map.of("to", words.get(1), "file",
                            java.nio.file.Path.of(arguments == 2 ? words.get(2) : "").toAbsolutePath().normalize().toString())),
                            answer -> output.out().println("Wrote " + Output.count(answer.get("messages"), "message") + " of "
                                    + conversationName(Output.entry(answer, "conversation")) + " to " + answer.get("file") + "."));
            case "group" -> group(words, api);
            case "search" -> arguments < 1 || String.join("", words.subList(1, words.size())).isBlank()
                    ? output.usage("search TEXT: the words to find in every conversation")
                    : search(String.join(" ", words.subList(1, words.size())), api);
            case "mailbox" -> arguments > 1 ? output.usage("mailbox [PEER|none]")
                    : output.show(arguments == 0 ? api.get("/api/v1/mailbox") : api.post("/api/v1/mailbox", Map.of("peer", words.get(1))),
                            answer -> MailboxAnswer.print(answer, output.out()));
            default -> throw new IllegalArgumentException(word);
        };
    }

    private int send(Map<String, Object> request, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        return sent(api, Output.entry(api.post("/api/v1/messages/send", request), "message"), "");
    }

    /** Says how far a message just sent got, after {@code what} it was ("" or "Replied to ...: "), once it went as far as it goes now. */
    private int sent(Cli.Api api, Map<String, Object> message, String what) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> delivered = awaitDelivery(api, message);
        int shown = output.show(Map.of("message", delivered), answer -> output.out().println(what + sentLine(delivered)));
        return "failed".equals(delivered.get("delivery")) ? Cli.FAILED : shown;
    }

    /**
     * {@code react PEER|GROUP REACTION} reacts to the newest message from the others there, {@code unreact PEER|GROUP} takes
     * back this node's reaction to the newest it reacted to; {@code --message HANDLE} names the message instead.
     */
    private int react(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        boolean taking = words.get(0).equals("unreact");
        boolean byId = options.containsKey("message");
        int expected = (byId ? 0 : 1) + (taking ? 0 : 1);
        if (words.size() - 1 != expected) {
            return output.usage(taking ? "unreact PEER|GROUP (your reaction to the newest message you reacted to there) or unreact --message HANDLE"
                    : "react PEER|GROUP REACTION (to the newest message from the others there) or react --message HANDLE REACTION");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(byId ? "message" : "to", byId ? options.get("message") : words.get(1));
        request.put("reaction", taking ? "" : words.get(words.size() - 1));
        Map<String, Object> message = Output.entry(api.post("/api/v1/messages/react", request), "message");
        String which = whose(message) + " \"" + shortened(String.valueOf(message.get("text"))) + "\"";
        return output.show(Map.of("message", message), answer -> output.out().println(taking ? "Took back your reaction to " + which + "."
                : "Reacted with " + words.get(words.size() - 1) + " to " + which + "."));
    }

    /**
     * {@code pin PEER|GROUP} pins the newest message there that is not pinned yet, {@code unpin PEER|GROUP} unpins the one
     * pinned last; {@code --message HANDLE} names the message instead.
     */
    private int pin(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        boolean pinning = words.get(0).equals("pin");
        boolean byId = options.containsKey("message");
        if (words.size() - 1 != (byId ? 0 : 1)) {
            return output.usage(pinning ? "pin PEER|GROUP (the newest message there) or pin --message HANDLE"
                    : "unpin PEER|GROUP (the message pinned last there) or unpin --message HANDLE");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(byId ? "message" : "to", byId ? options.get("message") : words.get(1));
        request.put("pinned", pinning);
        Map<String, Object> message = Output.entry(api.post("/api/v1/messages/pin", request), "message");
        String which = whose(message) + " \"" + shortened(String.valueOf(message.get("text"))) + "\"";
        return output.show(Map.of("message", message), answer -> output.out().println(pinning
                ? "Pinned " + which + " to the top of the conversation, for every member."
                : "Unpinned " + which + ", for every member."));
    }

    /** {@code pins PEER|GROUP} lists the messages pinned there, the one pinned last first. */
    private int pins(String to, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> answer = api.post("/api/v1/messages/pins", Map.of("to", to));
        List<Map<String, Object>> pinned = Output.entries(answer, "messages");
        Set<Object> fetchable = fetchableAuthors(pinned, api);
        return output.show(answer, shown -> {
            if (pinned.isEmpty()) {
                output.out().println("Nothing is pinned in " + conversationName(Output.entry(answer, "conversation"))
                        + ". Pin a message: peerdesk pin --message HANDLE");
            } else {
                printMessages(pinned, false, fetchable);
            }
        });
    }

    /** "your message" or "Ben's message", for what is said about a message. */
    private static String whose(Map<String, Object> message) {
        return Boolean.TRUE.equals(message.get("outgoing")) ? "your message" : message.get("authorName") + "'s message";
    }

    /** {@code forward --message HANDLE PEER|GROUP} sends that message's text (and its files, the user's own or fetched here) to another conversation. */
    private int forward(String handle, String to, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> message = Output.entry(api.post("/api/v1/messages/forward", Map.of("message", handle, "to", to)), "message");
        return sent(api, message, "Forwarded \"" + shortened(String.valueOf(message.get("text"))) + "\" (from "
                + Output.entry(message, "forwardedFrom").get("name") + "). ");
    }

    /** {@code reply PEER|GROUP TEXT} answers the newest message from the others there; {@code --message HANDLE}, that one. */
    private int reply(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        boolean byId = options.containsKey("message");
        List<String> text = words.subList(byId ? 1 : Math.min(2, words.size()), words.size());
        if (!byId && words.size() < 2 || !options.containsKey("attach") && String.join("", text).isBlank()) {
            return output.usage("reply PEER|GROUP TEXT (to the newest message from the others there) or reply --message HANDLE TEXT"
                    + " [--attach FILE...]");
        }
        Map<String, Object> request = sendBody(byId ? Map.of("message", options.get("message")) : Map.of("to", words.get(1)), text, options);
        Map<String, Object> message = Output.entry(api.post("/api/v1/messages/reply", request), "message");
        String answered = quoted(Output.entry(message, "replyTo"));
        return sent(api, message, "Replied to " + answered + (answered.endsWith("\"") ? " " : ". "));
    }

    /**
     * The message once the recipients that are online took it, or it has to wait for a reason (a refusal), or as it
     * stands after {@link #DELIVERY_WAIT}: peers that are online take it within milliseconds. With no recipient online
     * it is answered at once, rather than wait for nothing.
     */
    private static Map<String, Object> awaitDelivery(Cli.Api api, Map<String, Object> sent) throws Cli.NoNode, Cli.ApiFailure {
        long online = recipientsOnline(api, sent);
        if (!ON_THE_WAY.contains(sent.get("delivery")) || online == 0) {
            return sent;
        }
        long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
        Map<String, Object> message = sent;
        while (ON_THE_WAY.contains(message.get("delivery")) && reached(message, "delivered") < online && message.get("problem") == null
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Map<String, Object> page = api.post("/api/v1/messages", Map.of("to", sent.get("conversation"), "limit", 50));
            message = Output.entries(page, "messages").stream().filter(found -> sent.get("id").equals(found.get("id")))
                    .findFirst().orElse(message);
        }
        return message;
    }

    /** How many of the message's conversation's members are known peers and connected (this node is not among the known). */
    private static long recipientsOnline(Cli.Api api, Map<String, Object> sent) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> page = api.post("/api/v1/messages", Map.of("to", sent.get("conversation"), "limit", 1));
        Set<Object> members = Output.entries(Output.entry(page, "conversation"), "members").stream().map(member -> member.get("peer"))
                .collect(Collectors.toSet());
        return Output.entries(api.get("/api/v1/peers"), "peers").stream()
                .filter(peer -> members.contains(peer.get("peerId")) && Boolean.TRUE.equals(peer.get("online")))
                .count();
    }

    private static String sentLine(Map<String, Object> message) {
        long delivered = reached(message, "delivered");
        if (!"failed".equals(message.get("delivery")) && delivered > 0 && delivered < reached(message, "recipients")) {
            return "Delivered to " + delivered + " of " + reached(message, "recipients")
                    + "; the others get it as soon as they, or a mailbox, can take it ('peerdesk messages' shows when).";
        }
        return switch (String.valueOf(message.get("delivery"))) {
            case "delivered" -> "Delivered.";
            case "read" -> "Delivered, and read.";
            case "at-mailbox" -> "Left at the mailbox: the recipient is away, and takes it from there.";
            case "passed-on" -> "Passed on: the group's creator hands it to the members this node does not know.";
            case "failed" -> "Not sent: " + message.get("problem");
            default -> message.get("problem") != null ? "Stored here; it waits: " + message.get("problem") + "."
                    : "Stored here; it goes out as soon as the recipient, or a mailbox, can take it ('peerdesk messages' shows when).";
        };
    }

    private int messages(String to, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("to", to);
        if (options.containsKey("since")) {
            request.put("since", Times.ago(options.get("since")).toString());
        }
        if (options.containsKey("limit")) {
            if (!options.get("limit").matches("[1-9][0-9]{0,3}")) {
                return output.usage("--limit takes a number from 1 to 1000");
            }
            request.put("limit", Integer.parseInt(options.get("limit")));
        }
        Map<String, Object> answer = api.post("/api/v1/messages", request);
        api.post("/api/v1/messages/read", Map.of("to", Output.entry(answer, "conversation").get("id")));
        Set<Object> fetchable = fetchableAuthors(Output.entries(answer, "messages"), api);
        return output.show(answer, page -> {
            printMessages(Output.entries(page, "messages"), false, fetchable);
            List<Map<String, Object>> typing = Output.entries(Output.entry(page, "conversation"), "typing");
            if (!typing.isEmpty()) {
                output.out().println(String.join(", ", typing.stream().map(peer -> String.valueOf(peer.get("name"))).toList())
                        + (typing.size() == 1 ? " is" : " are") + " typing...");
            }
        });
    }

    private int group(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String action = words.size() > 1 ? words.get(1) : "";
        return switch (action) {
            case "create" -> words.size() < 4 ? output.usage("group create NAME PEER...")
                    : output.show(api.post("/api/v1/groups", Map.of("title", words.get(2), "members", words.subList(3, words.size()))),
                            answer -> output.out().println("Created \"" + Output.entry(answer, "conversation").get("title") + "\" ("
                                    + Output.entry(answer, "conversation").get("id") + ")."));
            case "add", "remove" -> words.size() != 4 ? output.usage("group " + action + " GROUP PEER")
                    : output.show(api.post("/api/v1/groups/" + action, Map.of("to", words.get(2), "peer", words.get(3))),
                            answer -> output.out().println(membersLine(Output.entry(answer, "conversation"))));
            case "rename" -> words.size() != 4 ? output.usage("group rename GROUP NEW-NAME")
                    : output.show(api.post("/api/v1/groups/rename", Map.of("to", words.get(2), "title", words.get(3))),
                            answer -> output.out().println(membersLine(Output.entry(answer, "conversation"))));
            case "leave" -> words.size() != 3 ? output.usage("group leave GROUP")
                    : output.show(api.post("/api/v1/groups/leave", Map.of("to", words.get(2))), answer -> output.out().println(
                            "Asked " + creatorName(Output.entry(answer, "conversation")) + " to take you out of \""
                                    + Output.entry(answer, "conversation").get("title") + "\"; you stay a member until their node does,"
                                    + " at once if it is online."));
            default -> output.usage("group create NAME PEER... | group add GROUP PEER | group remove GROUP PEER | group rename GROUP NEW-NAME"
                    + " | group leave GROUP");
        };
    }

    private static String membersLine(Map<String, Object> conversation) {
        List<Map<String, Object>> members = Output.entries(conversation, "members");
        return "\"" + conversation.get("title") + "\" now has " + members.size() + " members: "
                + String.join(", ", members.stream().map(member -> String.valueOf(member.get("name"))).toList()) + ".";
    }

    /** The name of the group's creator, from its member list. */
    private static String creatorName(Map<String, Object> conversation) {
        return Output.entries(conversation, "members").stream().filter(member -> member.get("peer").equals(conversation.get("creator")))
                .map(member -> String.valueOf(member.get("name"))).findFirst().orElse("its creator");
    }

    /** "your conversation with Ben" or "the group \"Team\"", for what is said about a conversation. */
    private static String conversationName(Map<String, Object> conversation) {
        return "group".equals(conversation.get("kind")) ? "the group \"" + conversation.get("name") + "\""
                : "your conversation with " + conversation.get("name");
    }

    /** What muting or unmuting a conversation did. */
    private static String muteLine(Map<String, Object> conversation) {
        String name = conversationName(conversation);
        return Boolean.TRUE.equals(conversation.get("muted"))
                ? "Muted " + name + ": its messages still come and count as unread there, but the desktop no longer announces them"
                        + " nor counts them on its Conversations tab, but for those that mention you. Undo with: peerdesk unmute "
                        + ShellWords.quoted(String.valueOf(conversation.get("name")))
                : "Unmuted " + name + ": the desktop announces its messages again.";
    }

    /** What setting how long a conversation's messages last did. */
    private static String disappearLine(Map<String, Object> conversation) {
        String name = conversationName(conversation);
        return disappearing(conversation).map(span -> "The messages written in " + name + " from now on disappear " + span
                + " after they are written, from every member's node (each member reads that you set it), and none of them is kept in"
                + " a backup. Undo with: peerdesk disappear " + ShellWords.quoted(String.valueOf(conversation.get("name"))) + " off")
                .orElse("The messages written in " + name + " from now on are kept (each member reads that you set it); those written"
                        + " while they were set to disappear still go when their time comes.");
    }

    /** How long after they are written a conversation's messages last ("1 week"), if they disappear. */
    private static java.util.Optional<String> disappearing(Map<String, Object> conversation) {
        long seconds = conversation.get("disappearAfterSeconds") instanceof Number number ? number.longValue() : 0;
        return seconds == 0 ? java.util.Optional.empty() : java.util.Optional.of(Intervals.span(Duration.ofSeconds(seconds)));
    }

    private void printConversations(Map<String, Object> answer) {
        List<Map<String, Object>> conversations = Output.entries(answer, "conversations");
        if (conversations.isEmpty()) {
            output.out().println("No conversations yet. Start one: peerdesk send PEER \"hello\"");
            return;
        }
        Table table = new Table("CONVERSATION", "KIND", "WHEN", "LAST MESSAGE");
        for (Map<String, Object> conversation : conversations) {
            Map<String, Object> last = Output.entry(conversation, "last");
            table.add(conversation.get("name") + (Boolean.TRUE.equals(conversation.get("muted")) ? " (muted)" : "")
                    + disappearing(conversation).map(span -> " (messages last " + span + ")").orElse(""), conversation.get("kind"),
                    last == null ? "-" : Output.localTime(last.get("sent")),
                    unread(conversation).map(unread -> "(" + unread + ") ").orElse("") + (last == null ? "" : author(conversation, last) + oneLine(last)));
        }
        table.print(output.out());
    }

    /** How many of a conversation's messages are unread, and how many of those mention the user: "3 unread, 1 mentions you". */
    static java.util.Optional<String> unread(Map<String, Object> conversation) {
        long unread = conversation.get("unread") instanceof Number number ? number.longValue() : 0;
        long mentions = conversation.get("unreadMentions") instanceof Number number ? number.longValue() : 0;
        return unread == 0 ? java.util.Optional.empty() : java.util.Optional.of(unread + " unread"
                + (mentions == 0 ? "" : mentions == 1 ? ", 1 mentions you" : ", " + mentions + " mention you"));
    }

    /** Who wrote the last message, where the conversation's name does not say it already: "You: ", "Ben: ", or nothing. */
    private static String author(Map<String, Object> conversation, Map<String, Object> last) {
        if (!"text".equals(last.get("kind"))) {
            return ""; // a note says who in its text
        }
        return Boolean.TRUE.equals(last.get("outgoing")) ? "You: " : "group".equals(conversation.get("kind")) ? last.get("authorName") + ": " : "";
    }

    /** A message to send to {@code target} (a conversation, or a message to answer): {@code text}, and the files {@code --attach} names. */
    private static Map<String, Object> sendBody(Map<String, Object> target, List<String> text, Map<String, String> options) {
        Map<String, Object> body = new LinkedHashMap<>(target);
        body.put("text", String.join(" ", text));
        if (options.containsKey("attach")) {
            body.put("files", java.util.Arrays.stream(options.get("attach").split(","))
                    .map(file -> java.nio.file.Path.of(file).toAbsolutePath().normalize().toString()).toList());
        }
        return body;
    }

    /** The last messages sent from here in the conversation, each with every recipient's receipt. */
    private int receipts(String to, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> page = api.post("/api/v1/messages", Map.of("to", to, "limit", RECEIPTS_SHOWN));
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Map<String, Object>> sent = new java.util.ArrayList<>();
        for (Map<String, Object> message : Output.entries(page, "messages")) {
            if (Boolean.TRUE.equals(message.get("outgoing")) && "text".equals(message.get("kind"))) {
                Map<String, Object> withReceipts = new LinkedHashMap<>(message);
                withReceipts.put("receipts", api.post("/api/v1/messages/receipts", Map.of("message", message.get("id"))).get("receipts"));
                sent.add(withReceipts);
            }
        }
        answer.put("messages", sent);
        return output.show(answer, shown -> {
            if (sent.isEmpty()) {
                output.out().println("You have sent nothing there among its last " + RECEIPTS_SHOWN + " messages.");
            }
            for (Map<String, Object> message : sent) {
                output.out().println(Output.localTime(message.get("sent")) + "  " + oneLine(message));
                List<Map<String, Object>> receipts = Output.entries(message, "receipts");
                int width = receipts.stream().mapToInt(receipt -> String.valueOf(receipt.get("name")).length()).max().orElse(0);
                for (Map<String, Object> receipt : receipts) {
                    output.out().printf("    %-" + width + "s  %s%n", receipt.get("name"), receipt.get("delivery")
                            + (receipt.get("problem") == null ? "" : ": " + receipt.get("problem")));
                }
            }
        });
    }

    private int search(String text, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> answer = api.post("/api/v1/messages/search", Map.of("text", text));
        Set<Object> fetchable = fetchableAuthors(Output.entries(answer, "messages"), api);
        return output.show(answer, found -> printMessages(Output.entries(found, "messages"), true, fetchable));
    }

    /**
     * The authors of these messages whose files this node can fetch: files come from a message's author, and a
     * group's member this node does not know as a peer cannot be reached (asked only when there are files from others).
     */
    private static Set<Object> fetchableAuthors(List<Map<String, Object>> messages, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        boolean filesFromOthers = messages.stream()
                .anyMatch(message -> !Boolean.TRUE.equals(message.get("outgoing")) && !Output.entries(message, "attachments").isEmpty());
        if (!filesFromOthers) {
            return Set.of();
        }
        return Output.entries(api.get("/api/v1/peers"), "peers").stream().map(peer -> peer.get("peerId")).collect(Collectors.toSet());
    }

    /** Edits ({@code how} "edit") or deletes ("delete") a message of this node's, and says what the others will see. */
    private int revise(String how, Map<String, Object> request, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        return output.show(api.post("/api/v1/messages/" + how, request), answer -> {
            Map<String, Object> message = Output.entry(answer, "message");
            boolean told = reached(message, "recipients") > 0;
            output.out().println(how.equals("edit")
                    ? "Edited your message of " + Output.localTime(message.get("sent")) + (told ? ": the others see the new text, marked"
                            + " edited, once their nodes hear." : ".")
                    : "Deleted your message of " + Output.localTime(message.get("sent")) + (told ? " for everyone: the others' nodes show"
                            + " that you deleted it once they hear." : "."));
        });
    }

    private void printMessages(List<Map<String, Object>> messages, boolean withConversation, Set<Object> fetchable) {
        if (messages.isEmpty()) {
            output.out().println("No messages.");
            return;
        }
        for (Map<String, Object> message : messages) {
            String when = Output.localTime(message.get("sent"));
            String state = Boolean.TRUE.equals(message.get("outgoing")) ? "  [" + state(message)
                    + (message.get("problem") == null ? "" : ": " + message.get("problem")) + "]" : "";
            String where = withConversation ? message.get("conversationName") + "  " : "";
            String text = switch (String.valueOf(message.get("revision"))) {
                case "deleted" -> DELETED;
                case "edited" -> message.get("text") + "  (edited)";
                default -> String.valueOf(message.get("text"));
            };
            String mentioned = Boolean.TRUE.equals(message.get("mentionsMe")) && !"deleted".equals(message.get("revision")) ? "  (mentions you)" : "";
            String author = "text".equals(message.get("kind")) ? message.get("authorName") + ": " : ""; // a note names who did it itself
            output.out().println(message.get("handle") + "  " + where + when + "  " + author + text + mentioned + state);
            if (message.get("forwardedFrom") instanceof Map<?, ?> from && !"deleted".equals(message.get("revision"))) {
                output.out().println("      forwarded from " + from.get("name"));
            }
            if (message.get("replyTo") instanceof Map<?, ?> && !"deleted".equals(message.get("revision"))) {
                output.out().println("      in reply to " + quoted(Output.entry(message, "replyTo")));
            }
            if (message.get("pinned") instanceof Map<?, ?> pin) {
                output.out().println("      pinned by " + Output.entry(Output.entry(message, "pinned"), "by").get("name") + ", "
                        + Output.localTime(pin.get("at")));
            }
            List<Map<String, Object>> reactions = Output.entries(message, "reactions");
            if (!reactions.isEmpty()) {
                output.out().println("      reactions: " + reactions.stream().map(reaction -> reaction.get("reaction") + " "
                        + String.join(", ", Output.entries(reaction, "by").stream().map(by -> String.valueOf(by.get("name"))).toList()))
                        .collect(java.util.stream.Collectors.joining(" · ")));
            }
            if (message.get("content") instanceof Map<?, ?> content && content.get("described") instanceof String described) {
                described.lines().forEach(line -> output.out().println("      " + line));
            } else if (message.get("content") instanceof Map<?, ?> content) {
                String type = String.valueOf(content.get("type"));
                output.out().println("      with data for the plugin " + type.substring(0, type.indexOf('/'))
                        + (Boolean.TRUE.equals(content.get("known")) ? "" : ", which this node does not have: the text is all it shows"));
            }
            for (Map<String, Object> attachment : Output.entries(message, "attachments")) {
                output.out().println("      file: " + attachment.get("name") + " (" + ByteSizes.format(((Number) attachment.get("size")).longValue())
                        + ")" + (Boolean.TRUE.equals(message.get("outgoing")) ? ""
                                : attachment.get("fetched") != null ? "  fetched to " + attachment.get("fetched")
                                : fetchable.contains(message.get("author")) ? "  fetch it: peerdesk get " + message.get("author") + " " + attachment.get("path")
                                : "  from " + message.get("authorName") + ", not a peer this node knows: add each other (peerdesk invite, or a peer you both know runs peerdesk introduce) to fetch it"));
            }
        }
    }

    /** A sent message's state: how far some of a group got, where they got further than others, else (and if it failed) its delivery. */
    private static Object state(Map<String, Object> message) {
        return !"failed".equals(message.get("delivery")) && message.get("reach") instanceof Map<?, ?> reach && reach.get("partly") != null
                ? reach.get("partly") : message.get("delivery");
    }

    /** How many of a sent message's recipients there are ("recipients"), have it ("delivered") or read it ("read"). */
    private static long reached(Map<String, Object> message, String how) {
        return message.get("reach") instanceof Map<?, ?> reach && reach.get(how) instanceof Number number ? number.longValue() : 0;
    }

    private static String oneLine(Map<String, Object> message) {
        return "deleted".equals(message.get("revision")) ? DELETED : shortened(String.valueOf(message.get("text")));
    }

    private static String shortened(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 60 ? line.substring(0, 59) + "…" : line;
    }

    /** The message a reply answers, as this node has it: "Ana: \"Lunch at noon?\"", "Ana's message, since deleted", or that it is not here. */
    private static String quoted(Map<String, Object> quote) {
        if (!Boolean.TRUE.equals(quote.get("found"))) {
            return "a message this node does not have";
        }
        return Boolean.TRUE.equals(quote.get("deleted")) ? quote.get("authorName") + "'s message, since deleted"
                : quote.get("authorName") + ": \"" + shortened(String.valueOf(quote.get("excerpt"))) + "\"";
    }
}
