package org.peerdesk.files.event;

/** A sync pair of the share called {@code share} changed: started, stopped, a round ended, or a conflict was found or resolved. */
public record SyncChanged(String share) {
}
