package org.peerdesk.node.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The CLI words of introductions: introducing known peers to each other, and answering those made to this node. */
final class IntroductionCommands {

    static final Set<String> WORDS = Set.of("introduce", "introductions");
    private final Output output;

    IntroductionCommands(Output output) {
        this.output = output;
    }

    int run(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        if (words.get(0).equals("introduce")) {
            return switch (words.size()) {
                case 1 -> output.usage("introduce takes two or more known peers, or a group, whose members to introduce to each other");
                case 2 -> introduceMembers(words.get(1), api);
                default -> output.show(api.post("/api/v1/introductions", Map.of("peers", words.subList(1, words.size()))), this::printIntroduced);
            };
        }
        String action = words.size() > 1 ? words.get(1) : "";
        return switch (action) {
            case "" -> output.show(api.get("/api/v1/introductions"), this::printWaiting);
            case "accept" -> words.size() != 3 ? output.usage("introductions accept takes the introduction's number")
                    : output.show(api.post("/api/v1/introductions/accept", Map.of("id", AccessCommands.number(words.get(2)))), this::printAccepted);
            case "decline" -> words.size() != 3 ? output.usage("introductions decline takes the introduction's number")
                    : output.show(api.post("/api/v1/introductions/decline", Map.of("id", AccessCommands.number(words.get(2)))), answer -> {
                        Map<String, Object> declined = Output.entry(answer, "declined");
                        output.out().println("Declined " + Output.entry(declined, "introducer").get("name") + "'s introduction of "
                                + declined.get("name") + ".");
                    });
            default -> output.usage("introductions takes nothing, or accept ID, or decline ID");
        };
    }

    /** Introduces the members of {@code group} that this node knows as peers to each other. */
    private int introduceMembers(String group, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        List<Map<String, Object>> groups = Output.entries(api.get("/api/v1/conversations"), "conversations").stream()
                .filter(each -> "group".equals(each.get("kind")) && (group.equalsIgnoreCase(String.valueOf(each.get("title")))
                        || group.equals(each.get("id")))).toList();
        if (groups.isEmpty()) {
            return output.usage("'" + group + "' is not a group: introduce takes two or more known peers, or a group");
        }
        if (groups.size() > 1) {
            throw new Cli.ApiFailure(groups.size() + " groups are called '" + group + "'; give the group's ID (peerdesk conversations)");
        }
        Map<String, Object> conversation = groups.get(0);
        Set<Object> known = Output.entries(api.get("/api/v1/peers"), "peers").stream().map(peer -> peer.get("peerId")).collect(Collectors.toSet());
        List<Object> members = Output.entries(conversation, "members").stream().map(member -> member.get("peer")).filter(known::contains).toList();
        if (members.size() < 2) {
            throw new Cli.ApiFailure("this node knows fewer than two of the members of '" + conversation.get("title") + "' as peers,"
                    + " so it has no one to introduce");
        }
        return output.show(api.post("/api/v1/introductions", Map.of("peers", members)), this::printIntroduced);
    }

    private void printIntroduced(Map<String, Object> answer) {
        List<Object> names = Output.entries(answer, "introduced").stream().map(peer -> peer.get("name")).toList();
        output.out().println("Introduced " + and(names) + " to each other. Each hears of it when connected, and adds the other by"
                + " accepting it (peerdesk introductions).");
    }

    private void printWaiting(Map<String, Object> answer) {
        List<Map<String, Object>> waiting = Output.entries(answer, "introductions");
        if (waiting.isEmpty()) {
            output.out().println("No introductions wait for your answer. Introduce two of your peers to each other with:"
                    + " peerdesk introduce PEER PEER");
            return;
        }
        Table table = new Table("ID", "FROM", "PEER", "ADDRESS", "PEER ID");
        for (Map<String, Object> introduction : waiting) {
            List<?> addresses = (List<?>) introduction.get("addresses");
            table.add(introduction.get("id"), Output.entry(introduction, "introducer").get("name"), introduction.get("name"),
                    addresses.isEmpty() ? "-" : addresses.get(0), introduction.get("peerId"));
        }
        table.print(output.out());
        output.out().println("Add a peer introduced: peerdesk introductions accept ID (or decline ID).");
    }

    private void printAccepted(Map<String, Object> answer) {
        Map<String, Object> peer = Output.entry(answer, "peer");
        output.out().println("Added " + peer.get("name") + " (" + peer.get("peerId") + "), introduced by " + answer.get("introducer") + ". "
                + (Boolean.TRUE.equals(peer.get("online")) ? "Connected."
                        : "You connect once " + peer.get("name") + " has accepted the introduction of you too, and is online."));
    }

    private static String and(List<Object> names) {
        return names.size() == 1 ? String.valueOf(names.get(0))
                : String.join(", ", names.subList(0, names.size() - 1).stream().map(String::valueOf).toList()) + " and " + names.get(names.size() - 1);
    }
}
