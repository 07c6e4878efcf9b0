package org.peerdesk.messaging.core;

import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;

/** Where the node keeps the secrets that belong with its identity and go where it goes ({@link NodeIdentity#secret}). */
@FunctionalInterface
interface NodeSecrets {

    byte[] secret(String name, NodeIdentity.SecretMaker make) throws IdentityException;
}
