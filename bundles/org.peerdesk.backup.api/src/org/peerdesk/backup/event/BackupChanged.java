package org.peerdesk.backup.event;

/** Something about the backup set {@code set} changed; an empty name means all sets (after a recovery). */
public record BackupChanged(String set) {
}
