package org.peerdesk.transport.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.Relaying;
import org.peerdesk.transport.TransportException;

/** Whether the node relays for its peers, in its database (area {@code relaying}): on until the user turns it off. */
@Component(service = Relaying.class)
public final class StoredRelaying implements Relaying {

    private final StoredSwitch relays;

    @Activate
    public StoredRelaying(@Reference Storage storage) throws StorageException {
        this.relays = new StoredSwitch(storage, "relaying", "relays", "whether the node relays connections between its peers");
    }

    @Override
    public boolean relaysForPeers() throws TransportException {
        return relays.on();
    }

    @Override
    public void setRelaysForPeers(boolean relays) throws TransportException {
        this.relays.set(relays);
    }
}
