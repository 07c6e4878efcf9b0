package org.peerdesk.messaging.core;

import java.util.Optional;

import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;

/**
 * What the messaging area keeps with the node's identity ({@link NodeIdentity#keep}), so that it goes where the identity
 * goes: the key pair peers seal mail to, and the mailbox named to them.
 */
interface KeptWithIdentity {

    byte[] secret(String name, NodeIdentity.SecretMaker make) throws IdentityException;

    Optional<byte[]> kept(String name) throws IdentityException;

    void keep(String name, Optional<byte[]> value) throws IdentityException;

    static KeptWithIdentity of(NodeIdentity identity) {
        return new KeptWithIdentity() {
            @Override
            public byte[] secret(String name, NodeIdentity.SecretMaker make) throws IdentityException {
                return identity.secret(name, make);
            }

            @Override
            public Optional<byte[]> kept(String name) throws IdentityException {
                return identity.kept(name);
            }

            @Override
            public void keep(String name, Optional<byte[]> value) throws IdentityException {
                identity.keep(name, value);
            }
        };
    }
}
