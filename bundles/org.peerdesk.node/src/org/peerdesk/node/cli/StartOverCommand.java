package org.peerdesk.node.cli;

import java.util.List;
import java.util.Map;

import org.peerdesk.core.ByteSizes;

/**
 * {@code peerdesk start-over [cancel|list|delete FOLDER]}: makes a new node of this machine when it starts next (a copy of
 * another machine's node, or a machine another took the place of), setting this one aside whole; or takes that back; or
 * lists the nodes set aside here, with the room each takes, and deletes one for good.
 */
final class StartOverCommand {

    static final String WORD = "start-over";
    private static final String CANCEL = "cancel";
    private static final String LIST = "list";
    private static final String DELETE = "delete";
    private static final String PATH = "/api/v1/node/start-over";
    private static final String SET_ASIDE = "/api/v1/node/set-aside";

    private final Output output;

    StartOverCommand(Output output) {
        this.output = output;
    }

    int run(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        List<String> rest = words.subList(1, words.size());
        if (rest.equals(List.of(CANCEL))) {
            return output.show(api.post(PATH, Map.of("cancel", true)), answer -> output.out().println(
                    Boolean.TRUE.equals(answer.get("wasAsked")) ? "This node stays as it is when it starts again."
                            : "No new node was asked for: this node stays as it is."));
        }
        if (rest.equals(List.of(LIST))) {
            return output.show(api.get(SET_ASIDE), this::printSetAside);
        }
        if (rest.size() == 2 && rest.get(0).equals(DELETE)) {
            return output.show(api.post(SET_ASIDE + "/delete", Map.of("name", rest.get(1))), answer -> {
                Map<String, Object> deleted = Output.entry(answer, "deleted");
                output.out().println("Deleted, for good, the node set aside in " + deleted.get("name") + " on "
                        + Output.localTime(deleted.get("setAside")) + ": " + ByteSizes.format(bytes(deleted)) + " freed.");
            });
        }
        if (!rest.isEmpty()) {
            return output.usage("start-over takes nothing, cancel to keep this node as it is, list for the nodes set aside here, or"
                    + " delete FOLDER to delete one of those");
        }
        Map<String, Object> identity = api.get("/api/v1/identity");
        return output.show(api.post(PATH, Map.of()), answer -> output.out().println("This machine becomes a new node when"
                + " Peerdesk starts again: stop it and start it now. " + identity.get("name") + " (" + identity.get("peerId") + ")"
                + " then moves, whole, into " + answer.get("keptIn") + ": its identity, peers, grants, conversations and backups'"
                + " records. Your folders and files stay where they are, and so do the plugins installed. The new node has a peer ID"
                + " of its own: connect it to your peers with an invite.\nTo run the old node again: peerdesk --data "
                + answer.get("keptIn") + "\nTo keep this node as it is: peerdesk start-over cancel"));
    }

    private void printSetAside(Map<String, Object> answer) {
        List<Map<String, Object>> nodes = Output.entries(answer, "nodes");
        if (nodes.isEmpty()) {
            output.out().println("No node was set aside here by starting over.");
            return;
        }
        output.out().println("Nodes set aside here by starting over (each runs again with: peerdesk --data FOLDER):");
        for (Map<String, Object> node : nodes) {
            output.out().println("  " + node.get("name") + "  set aside " + Output.localTime(node.get("setAside")) + "  "
                    + ByteSizes.format(bytes(node)) + "  " + node.get("folder"));
        }
        output.out().println("Deleting one deletes its identity, peers, grants, conversations and what it held for others, for good;"
                + " your own folders are elsewhere and stay: peerdesk start-over delete " + nodes.get(0).get("name"));
    }

    private static long bytes(Map<String, Object> node) {
        return ((Number) node.get("bytes")).longValue();
    }
}
