package org.peerdesk.transport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether this node carries connections between its trusted peers that cannot reach each other (see
 * {@link TransportService#connectVia}). On until its user turns it off, say on a metered line; turning it off refuses
 * new relayed connections, and those carried now go on until they end. Methods block on the database.
 */
@ProviderType
public interface Relaying {

    boolean relaysForPeers() throws TransportException;

    void setRelaysForPeers(boolean relays) throws TransportException;
}
