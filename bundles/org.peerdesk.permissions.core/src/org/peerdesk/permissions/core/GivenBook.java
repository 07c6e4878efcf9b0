package org.peerdesk.permissions.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.event.GivenChanged;

/**
 * What peers grant this node, as they tell it, and what this node tells each peer it grants that peer. Either side
 * tells the other everything it gives when the two connect and whenever that changes; a told list replaces the last,
 * so a revocation or an expiry needs no message of its own.
 */
final class GivenBook {

    /** Hears what a peer newly gives this node, or no longer does. */
    interface Listener {
        void changed(GivenChanged change);
    }

    private final Permissions permissions;
    private final Clock clock;
    private final Listener listener;
    /** A peer tells when its grants change, a burst at most while its owner works through them; a flood is refused. */
    private final RateLimiter<PeerId> tellers;

    GivenBook(Permissions permissions, Clock clock, Listener listener) {
        this.permissions = permissions;
        this.clock = clock;
        this.listener = listener;
        this.tellers = new RateLimiter<>(20, Duration.ofSeconds(2), clock);
    }

    /** Everything this node grants {@code peer} now, as it tells it. */
    List<GrantTerms> toTell(PeerId peer) {
        Instant now = clock.instant();
        return permissions.grants().stream()
                .filter(grant -> grant.peer().equals(peer) && grant.activeAt(now))
                .map(grant -> new GrantTerms(grant.resource(), grant.rights(), grant.expires(), grant.quotaBytes()))
                .limit(GivenMessages.MAX_TERMS)
                .toList();
    }

    /** Takes what {@code owner} told; returns why it was refused, if it was. Only a peer this node trusts is heard. */
    Optional<String> told(PeerId owner, List<GrantTerms> given) throws PermissionException {
        if (!tellers.tryAcquire(owner)) {
            return Optional.of("told too often; tell again in a few seconds");
        }
        if (!trusted(owner)) {
            return Optional.of("this node does not know you (yet); it asks once its user chooses to");
        }
        Instant now = clock.instant();
        List<GrantTerms> before = permissions.write(connection -> {
            List<Given> old = GivenRows.of(connection, owner).stream().filter(each -> each.activeAt(now)).toList();
            GivenRows.replace(connection, owner, given.stream().map(terms -> new Given(owner, terms, since(terms, old, now))).toList());
            return old.stream().map(Given::terms).toList();
        });
        List<GrantTerms> added = beyond(given, before);
        List<GrantTerms> ended = beyond(before, given);
        if (!added.isEmpty() || !ended.isEmpty()) {
            listener.changed(new GivenChanged(owner, added, ended));
        }
        return Optional.empty();
    }

    /** What peers this node trusts said they grant it, without what has expired since (a peer forgotten or blocked gives nothing). */
    List<Given> given() throws PermissionException {
        Instant now = clock.instant();
        return Sql.run(permissions.storage(), GivenRows::all).stream()
                .filter(each -> each.activeAt(now) && trusted(each.owner())).toList();
    }

    private boolean trusted(PeerId peer) {
        return permissions.trust(peer).equals(Optional.of(TrustState.TRUSTED));
    }

    /** When the owner first gave these rights on this resource, as far as this node heard: a new expiry or quota is no new gift. */
    private static Instant since(GrantTerms terms, List<Given> old, Instant now) {
        return old.stream().filter(each -> each.terms().resource().equals(terms.resource()) && each.terms().rights().equals(terms.rights()))
                .map(Given::since).findFirst().orElse(now);
    }

    /** The rights of {@code terms} that {@code others} do not give on the same resource, as terms of their own. */
    private static List<GrantTerms> beyond(List<GrantTerms> terms, List<GrantTerms> others) {
        List<GrantTerms> beyond = new ArrayList<>();
        for (GrantTerms each : terms) {
            Set<Right> rights = EnumSet.copyOf(each.rights());
            others.stream().filter(other -> other.resource().equals(each.resource())).forEach(other -> rights.removeAll(other.rights()));
            if (!rights.isEmpty()) {
                beyond.add(new GrantTerms(each.resource(), rights, each.expires(), each.quotaBytes()));
            }
        }
        return beyond;
    }
}
