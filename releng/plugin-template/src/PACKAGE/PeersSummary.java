package @PACKAGE@;

import java.util.List;

import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * What the command and the view say about this node's peers: how many it knows, and the names of those online. Its
 * wording is plain Java, so a unit test makes it without a running node: keep a plugin's logic in classes like this
 * one, and its OSGi components thin.
 */
public record PeersSummary(int known, List<String> online) {

    public PeersSummary {
        online = online.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** The node's peers as they are now. Reads the database. */
    public static PeersSummary read(PeerDirectory directory, TransportService transport) throws TransportException {
        return new PeersSummary(directory.peers().size(),
                transport.connectedPeers().stream().map(ConnectedPeer::id).map(directory::nameOf).toList());
    }

    /** One sentence on them. */
    public String text() {
        if (known == 0) {
            return "This node knows no peers yet: make an invite with './peerdesk invite', and accept it on the other"
                    + " node with './peerdesk connect CODE'.";
        }
        String peers = known == 1 ? "1 peer" : known + " peers";
        if (online.isEmpty()) {
            return "This node knows " + peers + "; none is online now.";
        }
        return "This node knows " + peers + "; " + online.size() + (online.size() == 1 ? " is" : " are") + " online now: "
                + String.join(", ", online) + ".";
    }
}
