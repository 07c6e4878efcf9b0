package org.peerdesk.transport;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * How peers get to know each other: by invite code (one side hands out a one-time code, the
 * other accepts it, and both then know each other), by ID and address typed by hand, or through a
 * peer both know, who introduces them to each other (each accepts on their side).
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

    /**
     * Introduces {@code peers}, at least two known peers, to each other: each hears of every other, now or
     * when it next connects, and may accept. Throws with a message for the user for a peer that is not known.
     */
    void introduce(Collection<PeerId> peers) throws TransportException;

    /** The introductions of peers to this node that wait for the user's answer, oldest first. */
    List<Introduction> introductions() throws TransportException;

    /**
     * Accepts an introduction: remembers the peer (as adding it by hand does) and tries to connect to it,
     * which succeeds once the peer accepted its side. Throws for an introduction that is not waiting.
     */
    KnownPeer acceptIntroduction(long id) throws TransportException;

    /** Declines an introduction, which is forgotten; the introducer is not told. Throws for one that is not waiting. */
    void declineIntroduction(long id) throws TransportException;
}
