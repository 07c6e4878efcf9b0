package org.peerdesk.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.storage.DataDirectory;

/**
 * A node that starts over as a new one when it starts next ({@link DataDirectory#startOverAtNextStart}): until it is
 * started again it runs as the old node, which its user may not expect, and may still change their mind.
 */
@Component(service = AttentionSource.class)
public final class StartOverAttention implements AttentionSource {

    /** The desktop's command that asks for a new node, or takes the request back. */
    private static final String DESKTOP_COMMAND = "org.peerdesk.app.command.startOver";

    private final DataDirectory data;

    @Activate
    public StartOverAttention(@Reference DataDirectory data) {
        this.data = data;
    }

    @Override
    public String area() {
        return "node";
    }

    @Override
    public List<Attention> attention() {
        Optional<Path> keeper;
        try {
            keeper = data.startingOver();
        } catch (IOException e) {
            return List.of(new Attention(area(), e.getMessage(), "", ""));
        }
        return keeper.map(folder -> new Attention(area(), "this machine becomes a new node when Peerdesk starts again: this node"
                + " then moves, whole, into " + folder + "; stop it and start it now, or take that back", "peerdesk start-over cancel",
                DESKTOP_COMMAND)).stream().toList();
    }
}
