package org.peerdesk.examples.scratchpad;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.PeerdeskException;

/**
 * {@code ./peerdesk scratchpad}: prints the scratchpad's text on the terminal (and, with {@code --json},
 * gives it to scripts). A plugin adds a command to the CLI and the admin API by registering a
 * {@link NodeCommand} service; the node runs it off the UI thread, so it may read the database.
 */
@Component(service = NodeCommand.class)
public final class ScratchpadCommand implements NodeCommand {

    private final ScratchpadStore store;

    @Activate
    public ScratchpadCommand(@Reference ScratchpadStore store) {
        this.store = store;
    }

    @Override
    public String word() {
        return "scratchpad";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "print what the scratchpad holds";
    }

    @Override
    public Answer run(List<String> arguments) throws PeerdeskException {
        if (!arguments.isEmpty()) {
            throw new InvalidInputException("scratchpad takes nothing after it; write in the Scratchpad view of the desktop");
        }
        String text = store.load();
        return new Answer(text.isEmpty() ? "The scratchpad is empty." : text, Map.of("text", text));
    }
}
