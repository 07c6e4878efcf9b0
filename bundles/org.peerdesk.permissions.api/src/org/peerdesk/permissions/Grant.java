package org.peerdesk.permissions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.peerdesk.core.PeerId;

/**
 * Lets {@code peer} use {@code resource} with {@code rights} until {@code expires} (if set). A
 * backup grant carries the most bytes the peer may store.
 */
public record Grant(long id, PeerId peer, Resource resource, Set<Right> rights, OptionalLong quotaBytes,
        Instant created, Optional<Instant> expires, Origin origin) {

    /** How the grant came about. */
    public enum Origin {
        GRANTED, REQUEST, PASSWORD, INVITE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Grant {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(resource, "resource");
        if (rights.isEmpty()) {
            throw new IllegalArgumentException("A grant gives at least one right");
        }
        rights = Set.copyOf(rights);
        Objects.requireNonNull(quotaBytes, "quotaBytes");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean activeAt(Instant now) {
        return expires.map(now::isBefore).orElse(true);
    }

    /** Whether this grant lets its peer use {@code wanted} with {@code right} at {@code now}. */
    public boolean allows(Resource wanted, Right right, Instant now) {
        return activeAt(now) && rights.contains(right) && resource.covers(wanted);
    }
}
