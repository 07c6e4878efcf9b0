package org.peerdesk.backup;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.peerdesk.core.PeerId;

/**
 * What this node holds for another peer's backup: encrypted blobs it cannot read, their size, the
 * quota the peer's grant gives, and, once the grant is gone, when the data will be removed.
 */
public record HeldBackup(PeerId owner, String name, long bytes, int blobs, OptionalLong quota, Optional<Instant> removal) {
}
