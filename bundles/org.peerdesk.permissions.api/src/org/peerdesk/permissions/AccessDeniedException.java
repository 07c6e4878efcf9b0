package org.peerdesk.permissions;

/** The peer has no grant for what it tried; the message says what it lacks. */
public class AccessDeniedException extends PermissionException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
