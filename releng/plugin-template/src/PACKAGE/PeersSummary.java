package @PACKAGE@;

import java.util.List;

/**
 * What the command says about this node's peers. Plain Java, with no services to inject, so that a unit test makes it
 * without a running node: keep a plugin's logic in classes like this one, and its OSGi components thin.
 */
public final class PeersSummary {

    private PeersSummary() {
    }

    /** One sentence on {@code known} peers, of which those named in {@code online} are connected now. */
    public static String of(int known, List<String> online) {
        if (known == 0) {
            return "This node knows no peers yet: make an invite with './peerdesk invite', and accept it on the other"
                    + " node with './peerdesk connect CODE'.";
        }
        String peers = known == 1 ? "1 peer" : known + " peers";
        if (online.isEmpty()) {
            return "This node knows " + peers + "; none is online now.";
        }
        return "This node knows " + peers + "; " + online.size() + (online.size() == 1 ? " is" : " are") + " online now: "
                + String.join(", ", online.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) + ".";
    }
}
