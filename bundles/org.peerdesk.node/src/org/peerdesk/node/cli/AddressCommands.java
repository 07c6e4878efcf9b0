package org.peerdesk.node.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CLI words of reaching this node and through it: {@code addresses} (where peers reach it, the public
 * addresses that invites name first, and the port its router forwards) and {@code relaying} (whether it carries
 * connections between its peers).
 */
final class AddressCommands {

    static final Set<String> WORDS = Set.of("addresses", "relaying");
    private final Output output;

    AddressCommands(Output output) {
        this.output = output;
    }

    int run(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        if (words.get(0).equals("relaying")) {
            return relaying(words, api);
        }
        String action = words.size() > 1 ? words.get(1) : "";
        if (words.size() == 1) {
            return output.show(api.get("/api/v1/addresses"), this::print);
        }
        if (words.size() != 3 || !(action.equals("add") || action.equals("remove") || action.equals("upnp"))) {
            return usage();
        }
        if (action.equals("upnp")) {
            if (!(words.get(2).equals("on") || words.get(2).equals("off"))) {
                return usage();
            }
            return output.show(api.post("/api/v1/addresses", Map.of("upnp", words.get(2).equals("on"))), this::print);
        }
        return output.show(api.post("/api/v1/addresses", Map.of(action, words.get(2))), this::print);
    }

    private int relaying(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        if (words.size() == 1) {
            return output.show(api.get("/api/v1/relaying"), this::printRelaying);
        }
        if (words.size() != 2 || !(words.get(1).equals("on") || words.get(1).equals("off"))) {
            return output.usage("relaying takes nothing, on, or off");
        }
        return output.show(api.post("/api/v1/relaying", Map.of("relays", words.get(1).equals("on"))), this::printRelaying);
    }

    private void printRelaying(Map<String, Object> answer) {
        output.out().println(Boolean.TRUE.equals(answer.get("relays"))
                ? "This node relays connections between its trusted peers that cannot reach each other (peerdesk relaying off to stop)."
                : "This node does not relay for its peers; those it relays now go on until they end (peerdesk relaying on to start again).");
    }

    private int usage() {
        return output.usage("addresses takes nothing, or add HOST:PORT, or remove HOST:PORT, or upnp on|off");
    }

    private static List<String> texts(Object listed) {
        return ((List<?>) listed).stream().map(String::valueOf).toList();
    }

    private void print(Map<String, Object> answer) {
        List<String> publicOnes = texts(answer.get("public"));
        Map<String, Object> router = Output.entry(answer, "router");
        if (publicOnes.isEmpty() && router.get("address") == null) {
            output.out().println("No public addresses: invites name only where this node listens, which reaches it on its own network."
                    + " For peers elsewhere, forward a port of your router to this node and add the router's address or name:"
                    + " peerdesk addresses add HOST:PORT");
        } else if (publicOnes.isEmpty()) {
            output.out().println("No public addresses of your own: invites name the one the router forwards (below).");
        } else {
            output.out().println("Public addresses (invites name these first): " + String.join(", ", publicOnes));
        }
        output.out().println("Listening on: " + String.join(", ", texts(answer.get("listening"))));
        output.out().println("Router (UPnP or NAT-PMP): " + router.get("said") + (Boolean.TRUE.equals(router.get("upnp"))
                ? " (peerdesk addresses upnp off to stop asking)." : " (peerdesk addresses upnp on to ask it)."));
        if (!String.valueOf(answer.get("reachedAt")).isEmpty()) {
            output.out().println("Peers reach this node at: " + answer.get("reachedAt"));
        }
    }
}
