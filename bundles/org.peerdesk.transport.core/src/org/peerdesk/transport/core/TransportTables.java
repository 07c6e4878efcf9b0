package org.peerdesk.transport.core;

import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.TransportException;

/** Work on the transport area's tables, whose failure is told as the transport's: what is not available, and why. */
final class TransportTables {

    private TransportTables() {
    }

    static <T> T transact(Storage storage, String unavailable, SqlWork<T> work) throws TransportException {
        try {
            return storage.transact(work);
        } catch (StorageException e) {
            throw new TransportException(unavailable + ": " + e.getMessage(), e);
        }
    }
}
