package org.peerdesk.permissions;

/** A request, grant or password named by the user does not exist (any more). */
public class NoSuchEntryException extends PermissionException {

    private static final long serialVersionUID = 1L;

    public NoSuchEntryException(String message) {
        super(message);
    }
}
