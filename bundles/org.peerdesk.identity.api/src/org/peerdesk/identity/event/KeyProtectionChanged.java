package org.peerdesk.identity.event;

/** A passphrase now protects this node's key ({@code protectedByPassphrase}), or no longer does. */
public record KeyProtectionChanged(boolean protectedByPassphrase) {
}
