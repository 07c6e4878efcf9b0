package org.peerdesk.permissions;

import java.time.Instant;

/** A password the owner set on a resource: who proves they know it gets {@code terms}. */
public record PasswordGrant(GrantTerms terms, Instant set) {
}
