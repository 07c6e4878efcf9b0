package org.peerdesk.permissions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;

/**
 * How an owner approves a request: as it was asked, or with fewer of the rights asked for, an expiry,
 * and, for backup storage, the quota the owner gives (whatever the asker asked for). What it leaves
 * empty stays as asked; a quota given empty gives storage with no limit.
 */
public record Approval(Optional<Set<Right>> rights, Optional<Instant> expires, Optional<OptionalLong> quota) {

    public Approval {
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(quota, "quota");
        rights = rights.map(Set::copyOf);
    }

    /** The terms to grant for a request that asked for {@code asked}. */
    public GrantTerms applyTo(GrantTerms asked) throws InvalidInputException {
        GrantTerms narrowed = rights.isPresent() ? asked.narrowedTo(rights.get()) : asked;
        return new GrantTerms(narrowed.resource(), narrowed.rights(), expires.or(narrowed::expires),
                quota.orElse(narrowed.quotaBytes())).checked();
    }
}
