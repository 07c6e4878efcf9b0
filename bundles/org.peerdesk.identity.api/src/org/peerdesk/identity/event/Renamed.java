package org.peerdesk.identity.event;

/** This node is now called {@code displayName}. */
public record Renamed(String displayName) {
}
