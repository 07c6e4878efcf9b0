package org.peerdesk.files.event;

import org.peerdesk.files.Transfer;

/** A transfer's state or progress changed (posted at most a few times a second per transfer). */
public record TransferChanged(Transfer transfer) {
}
