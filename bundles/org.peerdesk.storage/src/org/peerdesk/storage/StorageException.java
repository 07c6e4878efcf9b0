package org.peerdesk.storage;

import org.peerdesk.core.PeerdeskException;

/** The node's database failed or refused an operation; the message says why. */
public class StorageException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
