package org.peerdesk.node.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The CLI word {@code addresses}: where peers reach this node, and the public addresses that invites name first. */
final class AddressCommands {

    static final Set<String> WORDS = Set.of("addresses");
    private final Output output;

    AddressCommands(Output output) {
        this.output = output;
    }

    int run(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String action = words.size() > 1 ? words.get(1) : "";
        if (words.size() == 1) {
            return output.show(api.get("/api/v1/addresses"), this::print);
        }
        if (words.size() != 3 || !(action.equals("add") || action.equals("remove"))) {
            return usage();
        }
        return output.show(api.post("/api/v1/addresses", Map.of(action, words.get(2))), this::print);
    }

    private int usage() {
        return output.usage("addresses takes nothing, or add HOST:PORT, or remove HOST:PORT");
    }

    private static List<String> texts(Object listed) {
        return ((List<?>) listed).stream().map(String::valueOf).toList();
    }

    private void print(Map<String, Object> answer) {
        List<String> publicOnes = texts(answer.get("public"));
        if (publicOnes.isEmpty()) {
            output.out().println("No public addresses: invites name only where this node listens, which reaches it on its own network."
                    + " For peers elsewhere, forward a port of your router to this node and add the router's address or name:"
                    + " peerdesk addresses add HOST:PORT");
        } else {
            output.out().println("Public addresses (invites name these first): " + String.join(", ", publicOnes));
        }
        output.out().println("Listening on: " + String.join(", ", texts(answer.get("listening"))));
    }
}
