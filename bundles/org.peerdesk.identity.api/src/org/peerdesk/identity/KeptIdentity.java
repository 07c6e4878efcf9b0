package org.peerdesk.identity;

import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * What a node's identity files kept elsewhere (in a backup, see {@link NodeIdentity#writeIdentity}) are: the peer ID they
 * make a node, the name its user gave it (none where the user never named it), and whether a passphrase protects the key.
 */
public record KeptIdentity(PeerId peerId, Optional<String> name, boolean passphraseProtected) {

    public KeptIdentity {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(name, "name");
    }

    /** The name, or the short form of the ID for a node never named. */
    public String shownName() {
        return name.orElse(peerId.shortForm());
    }
}
