package org.peerdesk.transport.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.peerdesk.core.PeerId;

/**
 * Keeps, across restarts, the newest machine each identity was seen on ({@code org.peerdesk.identity.MachineSuccession}):
 * peers' identities as their certificates said, this node's own as a peer said it saw it on a machine that took its
 * place. The transport refuses a peer's identity on an older machine than one it saw it on, and tells that machine why;
 * without a record registered it remembers only while it runs.
 */
@ConsumerType
public interface SuccessionRecord {

    /** The newest machine {@code peer}'s identity was seen on, 0 for none after the first. Answer from memory: a network thread asks. */
    int newest(PeerId peer);

    /** {@code peer}'s identity was seen on machine {@code succession}, newer than {@link #newest} said; may write to disk. */
    void saw(PeerId peer, int succession);
}
