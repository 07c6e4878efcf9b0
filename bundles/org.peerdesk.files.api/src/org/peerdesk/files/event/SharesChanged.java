package org.peerdesk.files.event;

/** The share called {@code name} changed: added, renamed, removed, or its index moved on. */
public record SharesChanged(String name) {
}
