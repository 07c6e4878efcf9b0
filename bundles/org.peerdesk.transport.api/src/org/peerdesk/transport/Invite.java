package org.peerdesk.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A one-time invite: the code to hand to someone, when it stops working, and the addresses the code names, in order. */
public record Invite(String code, Instant expires, List<PeerAddress> addresses) {

    public Invite {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expires, "expires");
        addresses = List.copyOf(addresses);
    }
}
