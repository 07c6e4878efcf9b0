package org.peerdesk.transport;

import java.time.Instant;
import java.util.Objects;

/** A one-time invite: the code to hand to someone, and when it stops working. */
public record Invite(String code, Instant expires) {

    public Invite {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expires, "expires");
    }
}
