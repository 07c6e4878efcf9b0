package org.peerdesk.transport.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;

/** The peers a test's node knows, which the code under test may read and must not change: a change fails the test. */
record ReadOnlyDirectory(Map<PeerId, KnownPeer> known) implements PeerDirectory {

    @Override
    public List<KnownPeer> peers() {
        return List.copyOf(known.values());
    }

    @Override
    public Optional<KnownPeer> find(PeerId id) {
        return Optional.ofNullable(known.get(id));
    }

    @Override
    public KnownPeer remember(PeerId id, String name, Optional<PeerAddress> address) {
        throw new AssertionError("remembered " + id.shortForm() + ": this code only reads the known peers");
    }

    @Override
    public void seen(PeerId id, PeerAddress address, Instant when) {
        throw new AssertionError("recorded where " + id.shortForm() + " was seen: this code only reads the known peers");
    }

    @Override
    public void setPublicAddresses(PeerId id, List<PeerAddress> addresses) {
        throw new AssertionError("recorded the public addresses of " + id.shortForm() + ": this code only reads the known peers");
    }

    @Override
    public boolean forget(PeerId id) {
        throw new AssertionError("forgot " + id.shortForm() + ": this code only reads the known peers");
    }
}
