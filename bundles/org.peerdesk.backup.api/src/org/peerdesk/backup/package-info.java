/** Backup: encrypted, deduplicated snapshots of folders, held by peers, restorable on a new machine from a recovery phrase. */
package org.peerdesk.backup;
