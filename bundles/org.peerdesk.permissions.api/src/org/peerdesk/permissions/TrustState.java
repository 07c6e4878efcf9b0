package org.peerdesk.permissions;

/**
 * How this node treats a peer. Peers the user added (by address or invite) are trusted; a stranger
 * who asks for access is pending until the owner decides; a blocked peer cannot even connect.
 */
public enum TrustState {
    PENDING,
    TRUSTED,
    BLOCKED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
