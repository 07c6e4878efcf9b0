package org.peerdesk.files;

import java.time.Instant;
import java.util.Optional;

/** How far a share's index is: what it holds, when it was last brought up to date, and what stood in the way. */
public record IndexState(long files, long bytes, Optional<Instant> lastScan, boolean scanning, Optional<String> problem) {
}
