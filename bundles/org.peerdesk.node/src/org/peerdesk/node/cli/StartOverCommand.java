package org.peerdesk.node.cli;

import java.util.List;
import java.util.Map;

/**
 * {@code peerdesk start-over [cancel]}: makes a new node of this machine when it starts next (a copy of another machine's
 * node, or a machine another took the place of), setting this one aside whole; or takes that back.
 */
final class StartOverCommand {

    static final String WORD = "start-over";
    private static final String CANCEL = "cancel";
    private static final String PATH = "/api/v1/node/start-over";

    private final Output output;

    StartOverCommand(Output output) {
        this.output = output;
    }

    int run(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        if (words.size() > 2 || (words.size() == 2 && !words.get(1).equals(CANCEL))) {
            return output.usage("start-over takes nothing, or cancel to keep this node as it is");
        }
        if (words.size() == 2) {
            return output.show(api.post(PATH, Map.of("cancel", true)), answer -> output.out().println(
                    Boolean.TRUE.equals(answer.get("wasAsked")) ? "This node stays as it is when it starts again."
                            : "No new node was asked for: this node stays as it is."));
        }
        Map<String, Object> identity = api.get("/api/v1/identity");
        return output.show(api.post(PATH, Map.of()), answer -> output.out().println("This machine becomes a new node when"
                + " Peerdesk starts again: stop it and start it now. " + identity.get("name") + " (" + identity.get("peerId") + ")"
                + " then moves, whole, into " + answer.get("keptIn") + ": its identity, peers, grants, conversations and backups'"
                + " records. Your folders and files stay where they are, and so do the plugins installed. The new node has a peer ID"
                + " of its own: connect it to your peers with an invite.\nTo run the old node again: peerdesk --data "
                + answer.get("keptIn") + "\nTo keep this node as it is: peerdesk start-over cancel"));
    }
}
