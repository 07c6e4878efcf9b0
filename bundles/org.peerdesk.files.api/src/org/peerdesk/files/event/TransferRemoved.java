package org.peerdesk.files.event;

import org.peerdesk.files.Transfer;

/** A transfer that was not running was taken off the list, as it last stood. */
public record TransferRemoved(Transfer transfer) {
}
