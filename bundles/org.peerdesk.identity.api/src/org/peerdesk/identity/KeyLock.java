package org.peerdesk.identity;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens a node's passphrase-protected key before the node starts, for a program that asks its user
 * for the passphrase (the desktop) rather than reading it from {@code PEERDESK_PASSPHRASE}. A
 * passphrase given here stays in memory only until the node's identity opens the key with it; this
 * service never hands it out.
 */
@ProviderType
public interface KeyLock {

    /**
     * Whether the node in {@code dataDirectory} has a key that needs a passphrase this process was
     * not given, neither in {@code PEERDESK_PASSPHRASE} nor through {@link #unlock}. A node that has
     * no key yet needs none.
     *
     * @throws IdentityException when the key there cannot be read
     */
    boolean locked(Path dataDirectory) throws IdentityException;

    /**
     * Checks that {@code passphrase} opens the key in {@code dataDirectory}, and keeps it for the
     * node's identity when it starts. The array is cleared afterwards.
     *
     * @throws IdentityException with a message for the user when it does not open the key
     */
    void unlock(Path dataDirectory, char[] passphrase) throws IdentityException;
}
