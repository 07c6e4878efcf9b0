package org.peerdesk.transport;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * How peers get to know each other: by invite code (one side hands out a one-time code, the
 * other accepts it, and both then know each other), or by ID and address typed by hand.
 */
@ProviderType
public interface Introductions {

    /** Makes a one-time invite holding this node's ID, addresses and a secret. Blocks on the database. */
    Invite invite() throws TransportException;

    /**
     * Accepts an invite: connects to the inviter (who must prove to be the peer the code names),
     * presents the code's secret, and on success both nodes remember each other. Completes
     * exceptionally with a message for the user: damaged code, used or expired invite, unreachable.
     */
    CompletionStage<KnownPeer> accept(String inviteCode);

    /** Connects to {@code id} at {@code address} and remembers it. The other side must add this node too. */
    CompletionStage<KnownPeer> add(PeerId id, PeerAddress address);
}
