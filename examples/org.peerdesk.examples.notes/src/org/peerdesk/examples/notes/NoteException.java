package org.peerdesk.examples.notes;

import org.peerdesk.core.PeerdeskException;

/** Why the notebook did not do what its user asked: no such note, or not theirs to change. */
final class NoteException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    NoteException(String message) {
        super(message);
    }
}
