package org.peerdesk.transport.event;

import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * The user chose to know {@code peer}: by an invite (either side of it), by accepting a known peer's
 * introduction, or by typing its ID and address. Permissions take this as a choice to trust. It is sent synchronously: what handlers do
 * with it (permissions grant what invites give) is done before the peer hears that its invite was
 * accepted.
 */
public record PeerIntroduced(PeerId peer, Way way) {

    public enum Way {
        /** This node's user typed the peer's ID and address. */
        BY_ADDRESS,
        /** The peer redeemed an invite this node handed out. */
        OUR_INVITE,
        /** This node redeemed the peer's invite, which the peer took (and acted on) before saying so. */
        THEIR_INVITE,
        /** This node's user accepted a known peer's introduction of the peer. */
        INTRODUCTION
    }

    public PeerIntroduced {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(way, "way");
    }

    /**
     * Whether the user chose the peer as an invite chooses it (so that it gets what invites give): by an invite,
     * or by an introduction, which stands for one that a peer both know passed on.
     */
    public boolean byInvite() {
        return way != Way.BY_ADDRESS;
    }
}
