package org.peerdesk.files;

import org.peerdesk.core.PeerdeskException;

/** A file-sharing operation that could not be done; the message says why and, where it can, what to do. */
public class FilesException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public FilesException(String message) {
        super(message);
    }

    public FilesException(String message, Throwable cause) {
        super(message, cause);
    }
}
