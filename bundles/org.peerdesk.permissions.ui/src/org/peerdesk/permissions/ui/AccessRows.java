package org.peerdesk.permissions.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequest.Direction;
import org.peerdesk.permissions.AccessRequest.State;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.PasswordGrant;
import org.peerdesk.permissions.Right;
import org.peerdesk.ui.Times;

/** The lines of the Access view's tables, as shown; plain Java so the wording is tested without a window. */
final class AccessRows {

    /** A request as the table shows it; {@code stranger}: from or to a peer that is not a known peer. */
    record RequestRow(AccessRequest request, String way, String peer, String resource, String rights, String state, String note,
            boolean stranger) {
        boolean awaitsMe() {
            return request.awaitsDecision();
        }
    }

    record GrantRow(Grant grant, String peer, String resource, String rights, String expires, String origin) {
    }

    record GivenRow(PeerId owner, String peer, String resource, String rights, String expires, String since) {
    }

    private AccessRows() {
    }

    /** Requests waiting for this user first, then the rest, newest first. */
    static List<RequestRow> requests(List<AccessRequest> requests, Function<PeerId, Optional<String>> known) {
        return requests.stream().map(request -> new RequestRow(request,
                request.direction() == Direction.INCOMING ? "from" : "to", request.peerName(known.apply(request.peer())),
                request.asked().resource().toString(), rights(request), state(request), request.note(), known.apply(request.peer()).isEmpty()))
                .sorted(Comparator.comparing((RequestRow row) -> !row.awaitsMe())
                        .thenComparing(row -> row.request().created(), Comparator.reverseOrder()))
                .toList();
    }

    /** What was asked, and what was granted where that differs: "read,write (granted read)", "store-backup (given up to 20.0 GiB)". */
    private static String rights(AccessRequest request) {
        String asked = Right.format(request.asked().rights());
        List<String> changes = new ArrayList<>();
        request.granted().ifPresent(granted -> {
            if (!Right.format(granted.rights()).equals(asked)) {
                changes.add("granted " + Right.format(granted.rights()));
            }
            if (!granted.quotaBytes().equals(request.asked().quotaBytes())) {
                changes.add(granted.quotaBytes().isPresent() ? "given up to " + ByteSizes.format(granted.quotaBytes().getAsLong())
                        : "given without limit");
            }
        });
        return asked + storage(request.asked().quotaBytes()) + (changes.isEmpty() ? "" : " (" + String.join("; ", changes) + ")");
    }

    private static String state(AccessRequest request) {
        if (request.state() == State.PENDING) {
            return request.direction() == Direction.INCOMING ? "waiting for you" : "waiting for them";
        }
        return request.state().word() + request.decided().map(when -> " " + Times.brief(when)).orElse("");
    }

    static List<GrantRow> grants(List<Grant> grants, Function<PeerId, String> names, boolean byResource, Instant now) {
        Comparator<GrantRow> byPeer = Comparator.comparing(GrantRow::peer, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(GrantRow::resource);
        Comparator<GrantRow> order = byResource
                ? Comparator.comparing(GrantRow::resource).thenComparing(GrantRow::peer, String.CASE_INSENSITIVE_ORDER)
                : byPeer;
        return grants.stream().map(grant -> new GrantRow(grant, names.apply(grant.peer()), grant.resource().toString(),
                Right.format(grant.rights()) + storage(grant.quotaBytes()), expires(grant.expires(), now), grant.origin().word()))
                .sorted(order).toList();
    }

    /** What peers grant this node, by peer and resource. */
    static List<GivenRow> given(List<Given> given, Function<PeerId, String> names, Instant now) {
        return given.stream().map(each -> new GivenRow(each.owner(), names.apply(each.owner()), each.terms().resource().toString(),
                Right.format(each.terms().rights()) + storage(each.terms().quotaBytes()), expires(each.terms().expires(), now),
                Times.near(each.since())))
                .sorted(Comparator.comparing(GivenRow::peer, String.CASE_INSENSITIVE_ORDER).thenComparing(GivenRow::resource))
                .toList();
    }

    /** One line naming each password and what it gives. */
    static String passwords(List<PasswordGrant> passwords) {
        if (passwords.isEmpty()) {
            return "No passwords set.";
        }
        return "Passwords: " + passwords.stream().map(password -> password.terms().resource() + " gives "
                + Right.format(password.terms().rights()) + storage(password.terms().quotaBytes())).collect(java.util.stream.Collectors.joining("; ")) + ".";
    }

    /** " (up to 50.0 GiB)" for a quota, "" for none. */
    static String storage(OptionalLong quota) {
        return quota.stream().mapToObj(bytes -> " (up to " + ByteSizes.format(bytes) + ")").findFirst().orElse("");
    }

    private static String expires(Optional<Instant> expires, Instant now) {
        return expires.map(when -> when.isAfter(now) ? Times.near(when) : "expired").orElse("never");
    }
}
