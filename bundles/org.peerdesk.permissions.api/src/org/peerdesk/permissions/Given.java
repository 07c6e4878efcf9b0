package org.peerdesk.permissions;

import java.time.Instant;
import java.util.Objects;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.PeerId;

/**
 * What a peer said it grants this node, as it last told, and since when it has given those rights
 * there: each peer tells when it connects and whenever what it gives this node changes. A peer's
 * word, not a promise: the peer decides on each stream by its own grants.
 */
public record Given(PeerId owner, GrantTerms terms, Instant since) {

    public Given {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(since, "since");
    }

    /** The terms in words: "read,write on team/docs until ...", "store-backup on backup, up to 20.0 GiB". */
    public static String describe(GrantTerms terms) {
        return Right.format(terms.rights()) + " on " + terms.resource()
                + terms.quotaBytes().stream().mapToObj(quota -> ", up to " + ByteSizes.format(quota)).findFirst().orElse("")
                + terms.expires().map(expiry -> ", until " + expiry).orElse("");
    }

    public boolean activeAt(Instant now) {
        return terms.expires().isEmpty() || terms.expires().get().isAfter(now);
    }
}
