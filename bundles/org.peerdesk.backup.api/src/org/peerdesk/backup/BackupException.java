package org.peerdesk.backup;

import org.peerdesk.core.PeerdeskException;

/** A backup operation that could not be done; the message says why and, where it can, what to do. */
public class BackupException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
