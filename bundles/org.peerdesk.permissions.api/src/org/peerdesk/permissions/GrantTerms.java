package org.peerdesk.permissions;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;

/** What to grant: a resource, rights on it, and optionally an expiry and (for backup) a quota. */
public record GrantTerms(Resource resource, Set<Right> rights, Optional<Instant> expires, OptionalLong quotaBytes) {

    public GrantTerms {
        Objects.requireNonNull(resource, "resource");
        if (rights.isEmpty()) {
            throw new IllegalArgumentException("A grant gives at least one right");
        }
        rights = Set.copyOf(rights);
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(quotaBytes, "quotaBytes");
    }

    public static GrantTerms of(Resource resource, Set<Right> rights) {
        return new GrantTerms(resource, rights, Optional.empty(), OptionalLong.empty());
    }

    /** Refuses rights that do not fit the resource, a quota on anything but backup, a negative quota. */
    public GrantTerms checked() throws InvalidInputException {
        resource.checkRights(rights);
        if (quotaBytes.isPresent() && (resource.kind() != Resource.Kind.BACKUP || quotaBytes.getAsLong() <= 0)) {
            throw new InvalidInputException("A quota is a positive size, and only backup storage takes one.");
        }
        return this;
    }

    /** Whether these terms give {@code right} on {@code target}: on it, or on what holds it. */
    public boolean gives(Right right, Resource target) {
        return rights.contains(right) && resource.covers(target);
    }

    /** The same terms with fewer rights: an approval may narrow what was asked, never widen it. */
    public GrantTerms narrowedTo(Set<Right> allowed) throws InvalidInputException {
        if (!rights.containsAll(allowed)) {
            Set<Right> extra = EnumSet.copyOf(allowed);
            extra.removeAll(rights);
            throw new InvalidInputException("An approval can narrow the rights asked for, not add " + Right.format(extra) + ".");
        }
        return new GrantTerms(resource, allowed, expires, quotaBytes);
    }
}
