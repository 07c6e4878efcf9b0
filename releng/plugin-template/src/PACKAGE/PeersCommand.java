package @PACKAGE@;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;

/**
 * {@code ./peerdesk @WORD@}: which peers this node knows and which are online. A {@link NodeCommand} service adds a
 * word to the CLI and the admin API ({@code POST /api/v1/commands/run}); the node's services come in through the
 * constructor, as Declarative Services makes the component once they are all there.
 */
@Component(service = NodeCommand.class)
public final class PeersCommand implements NodeCommand {

    private final PeerDirectory directory;
    private final TransportService transport;

    @Activate
    public PeersCommand(@Reference PeerDirectory directory, @Reference TransportService transport) {
        this.directory = directory;
        this.transport = transport;
    }

    @Override
    public String word() {
        return "@WORD@";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "say which peers this node knows and which of them are online";
    }

    @Override
    public Answer run(List<String> arguments) throws PeerdeskException {
        if (!arguments.isEmpty()) {
            throw new InvalidInputException("@WORD@ takes nothing after it");
        }
        PeersSummary peers = PeersSummary.read(directory, transport);
        return new Answer("Hello from the plugin @BUNDLE@. " + peers.text(), Map.of("known", peers.known(), "online", peers.online()));
    }
}
