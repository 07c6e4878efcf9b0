package org.peerdesk.transport;

/**
 * A peer answered and refuses this machine as the node: another machine runs as this node at the same time and the peer
 * keeps that one, or another machine took this one's place from a backup. Dialing again changes nothing until that does.
 */
public class PeerRefusedException extends TransportException {

    private static final long serialVersionUID = 1L;

    public PeerRefusedException(String message) {
        super(message);
    }
}
