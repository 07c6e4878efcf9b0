package org.peerdesk.permissions;

import org.peerdesk.core.PeerdeskException;

/** A permissions operation failed (the database is gone, the peer cannot be reached); the message says why. */
public class PermissionException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public PermissionException(String message) {
        super(message);
    }

    public PermissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
